import { PARTICIPATION_MODE_LABELS, STAKEHOLDER_GROUP_LABELS } from '../meeting';
import { TAG_LABELS } from '../comments';
import { BORDA_EXPLANATION, POLL_KIND_LABELS } from '../polls/labels';
import { tallyRows, tallyUnit } from '../polls/rows';
import type { GroupResult, PollResults } from '../polls/types';
import type { RecordPoll, SessionRecord } from './schema';
import { sessionTimes } from './report';
import { minutes, utcTime } from './time';

const duration = (seconds: number | null) => (seconds === null ? '—' : minutes(seconds));

/**
 * The report as a sequence of blocks, laid out once: the DOCX, the Markdown and the printable
 * page each render these blocks, so all three say the same thing in the same order.
 */
export type Block =
	/** `mark`: a short status beside the heading, e.g. that a report field is still as prefilled. */
	| { kind: 'heading'; level: 1 | 2 | 3; text: string; mark?: string }
	/** Plain text; a line break in it is a line break in the document. */
	| { kind: 'paragraph'; text: string; note?: boolean }
	/** A real list (bullets, or numbers when `ordered`), never text with typed hyphens. */
	| { kind: 'list'; items: string[]; ordered?: boolean }
	/**
	 * `wide`: too many columns for a portrait page (DOCX puts it in a landscape section, print on a
	 * landscape page). `nowrap`: indexes of columns kept on one line (times, counts).
	 */
	| {
			kind: 'table';
			columns: string[];
			rows: string[][];
			caption?: string;
			wide?: boolean;
			nowrap?: number[];
	  }
	/** Label and value pairs, rendered as a two-column table with no header row; `mark` as on headings. */
	| { kind: 'fields'; entries: { label: string; value: string; mark?: string }[] }
	/**
	 * Where the report proper ends and the appendix begins: a new page in DOCX and print, a rule in
	 * Markdown, then `title` as a level-1 heading.
	 */
	| { kind: 'appendix'; title: string };

export interface ReportDocument {
	/** The meeting's language, which the report's own words are written in (BCP 47, e.g. "fr"). */
	locale: string;
	dir: 'ltr' | 'rtl';
	title: string;
	subtitle: string;
	blocks: Block[];
}

const SHORT_FIELDS = new Set(['title', 'date_time', 'organiser', 'moderator', 'rapporteur']);

/** A stakeholder group as the record names it; "Not stated" where the attendee said nothing. */
export const groupLabel = (group: string | null) =>
	group === null || group === 'unspecified'
		? 'Not stated'
		: (STAKEHOLDER_GROUP_LABELS[group as keyof typeof STAKEHOLDER_GROUP_LABELS] ?? group);

const modeLabel = (mode: string | null) =>
	mode === null || mode === 'unspecified'
		? 'Not stated'
		: (PARTICIPATION_MODE_LABELS[mode as keyof typeof PARTICIPATION_MODE_LABELS] ?? mode);

function reportBlocks(record: SessionRecord): Block[] {
	const blocks: Block[] = [
		{ kind: 'heading', level: 2, text: 'Session report' },
		{
			kind: 'fields',
			entries: record.report
				.filter((field) => SHORT_FIELDS.has(field.key))
				.map((field) => ({ label: field.label, value: field.value || '—' }))
		}
	];
	for (const field of record.report.filter((f) => !SHORT_FIELDS.has(f.key))) {
		blocks.push({ kind: 'heading', level: 3, text: field.label });
		blocks.push({ kind: 'paragraph', text: field.value.trim() || '—' });
	}
	return blocks;
}

function agendaBlocks(record: SessionRecord): Block[] {
	return [
		{ kind: 'heading', level: 2, text: 'Agenda as held' },
		{
			kind: 'table',
			columns: ['#', 'Item', 'Started', 'Ended', 'Time spent'],
			rows: record.agenda.map((item) => [
				String(item.number),
				item.title,
				utcTime(item.startedAt),
				utcTime(item.endedAt),
				!item.startedAt ? 'Not reached' : item.endedAt ? duration(item.seconds) : 'Running'
			])
		}
	];
}

/** Polls with more options than this get their breakdown turned: options down, groups across. */
const WIDE_POLL = 5;

function breakdownTable(
	poll: RecordPoll,
	caption: string,
	groups: GroupResult<string>[],
	label: (g: string) => string
): Block | null {
	if (groups.length === 0 || !poll.results) return null;
	const options = tallyRows(poll.results.overall, poll.options);
	const valuesOf = (group: GroupResult<string>) =>
		group.tally ? tallyRows(group.tally, poll.options).map((row) => String(row.value)) : null;
	if (options.length > WIDE_POLL) {
		const values = groups.map(valuesOf);
		return {
			kind: 'table',
			columns: [
				'Option',
				...groups.map((g, i) => `${label(g.group)} (${g.ballots}${values[i] ? '' : ', too few to show'})`)
			],
			rows: options.map((option, row) => [option.label, ...values.map((v) => v?.[row] ?? '—')])
		};
	}
	return {
		kind: 'table',
		columns: [caption, 'Ballots', ...options.map((row) => row.label)],
		rows: groups.map((group) => [
			label(group.group),
			String(group.ballots),
			...(valuesOf(group) ?? options.map((_, i) => (i === 0 ? 'too few to show' : '—')))
		])
	};
}

function resultBlocks(poll: RecordPoll, results: PollResults): Block[] {
	const unit = tallyUnit(results.overall);
	const rows = tallyRows(results.overall, poll.options);
	// Shares are of ballots: with several picks per ballot, "83 %" reads as "83 % of the room chose it".
	const total = results.ballots;
	const blocks: Block[] = [];
	if (results.overall.kind === 'ranking')
		blocks.push({ kind: 'paragraph', text: BORDA_EXPLANATION, note: true });
	if (rows.length === 0) {
		blocks.push({ kind: 'paragraph', text: 'No text was approved for display.' });
	} else {
		const ranking = results.overall.kind === 'ranking';
		blocks.push({
			kind: 'table',
			columns: ranking
				? ['Option', 'Points', 'First preferences']
				: ['Answer', unit === 'votes' ? 'Votes' : 'Ballots', 'Share of ballots'],
			rows: rows.map((row) =>
				ranking
					? [row.label, String(row.value), String(row.firstPreferences ?? 0)]
					: [row.label, String(row.value), total > 0 ? `${Math.round((100 * row.value) / total)} %` : '—']
			)
		});
	}
	const textual = results.overall.kind === 'open_text' || results.overall.kind === 'word_cloud';
	if (!textual) {
		const byGroup = breakdownTable(poll, 'Stakeholder group', results.byGroup, groupLabel);
		const byMode = breakdownTable(poll, 'Taking part', results.byMode, modeLabel);
		if (byGroup) blocks.push({ kind: 'paragraph', text: 'By stakeholder group:' }, byGroup);
		if (byMode) blocks.push({ kind: 'paragraph', text: 'In the room and remote:' }, byMode);
	}
	if (results.consensus) {
		const holds = results.consensus.holdsEverywhere
			? 'Support holds in every group shown.'
			: 'Support does not hold in every group.';
		blocks.push({ kind: 'paragraph', text: `${holds} ${results.consensus.rule}` });
	}
	return blocks;
}

function pollBlocks(record: SessionRecord): Block[] {
	const used = record.polls.filter((poll) => poll.status !== 'draft' || poll.results);
	const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Polls' }];
	if (used.length === 0) return [...blocks, { kind: 'paragraph', text: 'No poll was opened.' }];
	for (const poll of used) {
		blocks.push({ kind: 'heading', level: 3, text: poll.question });
		const status = poll.status === 'closed' ? `closed at ${utcTime(poll.closedAt)}` : 'still open';
		blocks.push({
			kind: 'paragraph',
			text: `${POLL_KIND_LABELS[poll.kind]} · ${poll.results?.ballots ?? 0} ballots · ${status}`,
			note: true
		});
		if (poll.results) blocks.push(...resultBlocks(poll, poll.results));
	}
	blocks.push({
		kind: 'paragraph',
		text: 'Results are aggregates. A group with fewer than 3 ballots is shown as "too few to show", and so is the next smallest when needed, so that no one’s vote can be inferred.',
		note: true
	});
	return blocks;
}

function topicBlocks(record: SessionRecord): Block[] {
	const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Agreed topics' }];
	if (record.agreedTopics.length === 0)
		return [...blocks, { kind: 'paragraph', text: 'No topic was declared agreed.' }];
	blocks.push({
		kind: 'list',
		items: record.agreedTopics.map((topic) => {
			const changes = topic.history.map((change) => {
				const who = change.by ? ` by ${change.by}` : '';
				return `${change.change}${who} at ${utcTime(change.at)}${change.change === 'reworded' ? `: “${change.wording}”` : ''}`;
			});
			const status = topic.status === 'withdrawn' ? ' (withdrawn)' : '';
			return `${topic.wording}${status} — ${changes.join('; ')}`;
		})
	});
	return blocks;
}

function speakerBlocks(record: SessionRecord): Block[] {
	const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Speakers from the floor' }];
	if (record.speakers.length === 0) return [...blocks, { kind: 'paragraph', text: 'Nobody took the floor.' }];
	const itemTitle = (id: string | null) => record.agenda.find((item) => item.id === id)?.title ?? '—';
	blocks.push({
		kind: 'table',
		columns: ['Speaker', 'Stakeholder group', 'Taking part', 'During', 'Began', 'Spoke for'],
		rows: record.speakers.map((s) => [
			s.name,
			groupLabel(s.stakeholderGroup),
			modeLabel(s.mode),
			itemTitle(s.itemId),
			utcTime(s.startedAt),
			duration(s.seconds)
		])
	});
	return blocks;
}

function questionBlocks(record: SessionRecord): Block[] {
	const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Questions from the room' }];
	if (record.questions.length === 0)
		return [...blocks, { kind: 'paragraph', text: 'No question was asked.' }];
	blocks.push({
		kind: 'table',
		columns: ['Question', 'Asked by', 'Upvotes', 'Status'],
		rows: record.questions.map((q) => [
			q.text,
			[
				q.author ?? (q.stakeholderGroup || q.mode ? 'No name given' : 'Anonymous'),
				q.mode === 'remote' ? '(remote)' : ''
			]
				.filter(Boolean)
				.join(' '),
			String(q.upvotes),
			q.status === 'answered' ? `Answered ${utcTime(q.answeredAt)}` : 'Not answered'
		])
	});
	return blocks;
}

function taggedBlocks(record: SessionRecord): Block[] {
	const blocks: Block[] = [];
	for (const tag of ['key_issue', 'takeaway'] as const) {
		const items = record.tagged.filter((t) => t.tag === tag);
		if (items.length === 0) continue;
		blocks.push({ kind: 'heading', level: 3, text: `${TAG_LABELS[tag]}s tagged during the session` });
		blocks.push({ kind: 'list', items: items.map((t) => `${t.text} (${t.target})`) });
	}
	return blocks.length > 0
		? [{ kind: 'heading', level: 2, text: 'Key issues and takeaways' }, ...blocks]
		: [];
}

function cardBlocks(record: SessionRecord): Block[] {
	const blocks: Block[] = [];
	for (const item of record.agenda.filter((i) => i.cards.length > 0)) {
		blocks.push({ kind: 'heading', level: 2, text: `${item.title}: cards and comments` });
		blocks.push({
			kind: 'table',
			columns: ['Card', 'On screen', 'Priority marks', 'Comments'],
			rows: item.cards.map((card) => [
				card.title,
				utcTime(card.shownAt),
				String(card.priorityMarks),
				String(card.comments.length)
			])
		});
		for (const card of item.cards.filter((c) => c.comments.length > 0)) {
			blocks.push({ kind: 'heading', level: 3, text: card.title });
			blocks.push({
				kind: 'list',
				items: card.comments.map((c) => {
					const by = [c.author ?? 'No name given', c.stakeholderGroup ? groupLabel(c.stakeholderGroup) : null]
						.filter(Boolean)
						.join(', ');
					return `${c.text} — ${by}`;
				})
			});
		}
	}
	return blocks;
}

function noteBlocks(record: SessionRecord): Block[] {
	const noted = record.agenda.filter((item) => item.notes.trim() !== '');
	if (noted.length === 0) return [];
	return [
		{ kind: 'heading', level: 2, text: 'Rapporteur’s notes' },
		...noted.flatMap((item): Block[] => [
			{ kind: 'heading', level: 3, text: `${item.number}. ${item.title}` },
			{ kind: 'paragraph', text: item.notes.trim() }
		])
	];
}

function participationBlocks(record: SessionRecord): Block[] {
	const p = record.participation;
	return [
		{ kind: 'heading', level: 2, text: 'Participation' },
		{
			kind: 'fields',
			entries: [
				{ label: 'Joined from a phone or laptop', value: String(p.joined) },
				{ label: 'In the room', value: String(p.inRoom) },
				{ label: 'Remote', value: String(p.remote) },
				{ label: 'Did not say', value: String(p.modeUnstated) },
				{
					label: 'Most connected at once',
					value: `${p.peakConnected} (in the room ${p.peakInRoom}, remote ${p.peakRemote})`
				},
				{ label: 'Women (self-declared)', value: `${p.women} of ${p.genderStated} who stated their gender` },
				...p.byStakeholderGroup.map((g) => ({ label: groupLabel(g.group), value: String(g.count) }))
			]
		}
	];
}

function timelineBlocks(record: SessionRecord): Block[] {
	if (record.timeline.length === 0) return [];
	const kinds: Record<SessionRecord['timeline'][number]['kind'], string> = {
		session_started: 'Session started',
		session_ended: 'Session ended',
		session_reopened: 'Session reopened',
		item_started: 'Agenda item',
		card_shown: 'Card on screen',
		poll_opened: 'Poll opened',
		poll_closed: 'Poll closed',
		speaker: 'Speaker',
		question_answered: 'Question answered',
		topic_declared: 'Topic agreed',
		topic_reworded: 'Topic reworded',
		topic_withdrawn: 'Topic withdrawn'
	};
	return [
		{ kind: 'heading', level: 2, text: 'Timeline' },
		{
			kind: 'table',
			columns: ['Time', 'Event', 'Detail'],
			rows: record.timeline.map((event) => [utcTime(event.at), kinds[event.kind], event.text])
		}
	];
}

export function layoutReport(record: SessionRecord): ReportDocument {
	const where = [sessionTimes(record.meeting), record.meeting.venue].filter(Boolean).join(' · ');
	return {
		locale: 'en',
		dir: 'ltr',
		title: record.meeting.title,
		subtitle: where,
		blocks: [
			...reportBlocks(record),
			...agendaBlocks(record),
			...pollBlocks(record),
			...topicBlocks(record),
			...speakerBlocks(record),
			...questionBlocks(record),
			...taggedBlocks(record),
			...cardBlocks(record),
			...noteBlocks(record),
			...participationBlocks(record),
			...timelineBlocks(record),
			{
				kind: 'paragraph',
				text: `Record of ${record.meeting.code}, generated ${record.generatedAt.replace('T', ' ').slice(0, 16)} UTC by Plenary. Times are in UTC.`,
				note: true
			}
		]
	};
}
