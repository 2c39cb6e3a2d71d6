import type { MessageId } from '$lib/i18n/messages';
import { STAKEHOLDER_GROUP_LABELS } from '../meeting';
import { tallyRows, tallyUnit } from '../polls/rows';
import type { GroupResult, PollResults } from '../polls/types';
import type { RecordPoll, SessionRecord } from './schema';
import { sessionTimes } from './report';
import { clockOf, groupName as groupNameIn, type ReportWords } from './words';
import { directionOf, isLocale } from '$lib/i18n/locales';

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
	/** What the document is ("Session report"), for its properties. */
	subject: string;
	/** The page footer's words around the page number and the number of pages ("Page ", " of ", ""). */
	pageNumbers: { before: string; between: string; after: string };
	blocks: Block[];
}

const PAGE = '\u0001';
const PAGES = '\u0002';

/** "Page {page} of {pages}" cut where the numbers go, so each language puts them where it says them. */
function pageNumbers(say: ReportWords['say']): ReportDocument['pageNumbers'] {
	const text = say('report.page', { page: PAGE, pages: PAGES });
	const [before = '', rest = ''] = text.split(PAGE);
	const [between = '', after = ''] = rest.split(PAGES);
	return { before, between, after };
}

/** A stakeholder group in English, as staff screens name it; "Not stated" where the attendee said nothing. */
export const groupLabel = (group: string | null) =>
	group === null || group === 'unspecified'
		? 'Not stated'
		: (STAKEHOLDER_GROUP_LABELS[group as keyof typeof STAKEHOLDER_GROUP_LABELS] ?? group);

/** Everything a part of the layout needs: the record and the words of its language. */
interface Context {
	record: SessionRecord;
	words: ReportWords;
	say: ReportWords['say'];
}

const SHORT_FIELDS = new Set(['title', 'date_time', 'organiser', 'moderator', 'rapporteur']);
/** Fields whose figures beside them are the phones' counts: shown always, as what they are. */
const COUNTED_FIELDS = new Set(['participants', 'women_participants']);

const groupName = ({ words }: Context, group: string | null) => groupNameIn(words, group);
const modeName = ({ say }: Context, mode: string | null) =>
	mode === 'in_room' || mode === 'remote' ? say(`common.mode.${mode}`) : say('common.group.unspecified');

/** "09:41 UTC", or a dash for a moment that has not come. */
const utc = (ctx: Context, iso: string | null) =>
	iso ? `${clockOf(ctx.words, new Date(iso), 'UTC')} UTC` : '—';

function duration(ctx: Context, seconds: number | null): string {
	if (seconds === null) return '—';
	const m = Math.floor(seconds / 60);
	return ctx.say('report.duration', { minutes: m, seconds: seconds % 60 });
}

/**
 * A field's text as blocks: paragraphs split on blank lines, and lines written as "- item"
 * (by the prefill or the rapporteur) as a real list.
 */
export function fieldBlocks(value: string): Block[] {
	const blocks: Block[] = [];
	for (const part of value.trim().split(/\n\s*\n/)) {
		let prose: string[] = [];
		let items: string[] = [];
		const flush = () => {
			if (prose.length > 0) blocks.push({ kind: 'paragraph', text: prose.join('\n') });
			if (items.length > 0) blocks.push({ kind: 'list', items });
			prose = [];
			items = [];
		};
		for (const line of part.split('\n')) {
			const item = line.match(/^\s*[-•*]\s+(.*)$/);
			if (item) {
				if (prose.length > 0 && items.length === 0) flush();
				items.push(item[1].trim());
			} else if (line.trim() !== '') {
				if (items.length > 0) flush();
				prose.push(line.trim());
			}
		}
		flush();
	}
	return blocks;
}

/** Until someone checks a prefilled field, every draft export says so beside it. */
function markOf({ say }: Context, field: SessionRecord['report'][number]): string | undefined {
	if (field.source === 'rapporteur') return undefined;
	return field.value.trim() === '' ? say('report.mark.empty') : say('report.mark.prefilled');
}

function reportBlocks(ctx: Context): Block[] {
	const { record, say } = ctx;
	const blocks: Block[] = [
		{ kind: 'heading', level: 2, text: say('report.heading.report') },
		{
			kind: 'fields',
			entries: record.report
				.filter((field) => SHORT_FIELDS.has(field.key))
				.map((field) => ({ label: field.label, value: field.value || '—', mark: markOf(ctx, field) }))
		}
	];
	for (const field of record.report.filter((f) => !SHORT_FIELDS.has(f.key))) {
		blocks.push({ kind: 'heading', level: 3, text: field.label, mark: markOf(ctx, field) });
		const content = fieldBlocks(field.value);
		blocks.push(...(content.length > 0 ? content : [{ kind: 'paragraph' as const, text: '—' }]));
		const offered = COUNTED_FIELDS.has(field.key) || field.source === 'prefilled';
		if (field.evidence && offered) blocks.push({ kind: 'paragraph', text: field.evidence, note: true });
	}
	return blocks;
}

function agendaBlocks(ctx: Context): Block[] {
	const { record, say } = ctx;
	return [
		{ kind: 'heading', level: 2, text: say('report.heading.agenda') },
		{
			kind: 'table',
			columns: [
				'#',
				say('report.column.item'),
				say('report.column.started'),
				say('report.column.ended'),
				say('report.column.spent')
			],
			nowrap: [0, 2, 3, 4],
			rows: record.agenda.map((item) => [
				String(item.number),
				item.title,
				utc(ctx, item.startedAt),
				utc(ctx, item.endedAt),
				!item.startedAt
					? say('report.agenda.not_reached')
					: item.endedAt
						? duration(ctx, item.seconds)
						: say('report.agenda.running')
			])
		}
	];
}

/** Polls with more options than this get their breakdown turned: options down, groups across. */
const WIDE_POLL = 5;
/** More columns than this do not fit a portrait page at a readable size. */
const PORTRAIT_COLUMNS = 6;

/**
 * The breakdown by stakeholder group. Groups withheld as too small get no column or row of dashes:
 * one note names them and their ballots, so the table holds only figures.
 */
function breakdownBlocks(ctx: Context, poll: RecordPoll, groups: GroupResult<string>[]): Block[] {
	if (groups.length === 0 || !poll.results) return [];
	const { say } = ctx;
	const options = tallyRows(poll.results.overall, poll.options);
	const shown = groups.filter((g) => g.tally);
	const withheld = groups.filter((g) => !g.tally);
	const blocks: Block[] = [{ kind: 'paragraph', text: say('report.poll.by_group') }];
	const ballots = (group: GroupResult<string>) => say('report.count.ballots', { count: group.ballots });
	const valuesOf = (group: GroupResult<string>) =>
		tallyRows(group.tally!, poll.options).map((row) => String(row.value));
	if (shown.length > 0 && options.length > WIDE_POLL) {
		// Groups across, each headed by its name alone and its ballots in the first row, so the
		// columns stay narrow and the options keep the room to read on one line.
		const columns = [say('report.column.option'), ...shown.map((g) => groupName(ctx, g.group))];
		const values = shown.map(valuesOf);
		blocks.push({
			kind: 'table',
			columns,
			rows: [
				[say('report.column.ballots'), ...shown.map((g) => String(g.ballots))],
				...options.map((option, row) => [option.label, ...values.map((v) => v[row] ?? '—')])
			],
			wide: columns.length > PORTRAIT_COLUMNS - 1,
			nowrap: shown.map((_, i) => i + 1)
		});
	} else if (shown.length > 0) {
		const columns = [
			say('report.column.group'),
			say('report.column.ballots'),
			...options.map((row) => row.label)
		];
		blocks.push({
			kind: 'table',
			columns,
			rows: shown.map((group) => [groupName(ctx, group.group), String(group.ballots), ...valuesOf(group)]),
			wide: columns.length > PORTRAIT_COLUMNS,
			nowrap: [1, ...options.map((_, i) => i + 2)]
		});
	}
	if (withheld.length > 0) {
		const list = withheld.map((g) => `${groupName(ctx, g.group)} (${ballots(g)})`).join(', ');
		blocks.push({ kind: 'paragraph', text: say('report.poll.withheld', { groups: list }), note: true });
	}
	return blocks;
}

function resultBlocks(ctx: Context, poll: RecordPoll, results: PollResults): Block[] {
	const { say } = ctx;
	const unit = tallyUnit(results.overall);
	const rows = tallyRows(results.overall, poll.options).map((row) =>
		results.overall.kind === 'consensus' ? { ...row, label: say(`polls.stance.${row.id}` as MessageId) } : row
	);
	// Shares are of ballots: with several picks per ballot, "83 %" reads as "83 % of the room chose it".
	const total = results.ballots;
	const blocks: Block[] = [];
	const ranking = results.overall.kind === 'ranking';
	if (ranking) blocks.push({ kind: 'paragraph', text: say('polls.borda'), note: true });
	if (rows.length === 0) {
		blocks.push({ kind: 'paragraph', text: say('report.poll.no_text') });
	} else {
		const share = (value: number) =>
			total > 0
				? new Intl.NumberFormat(ctx.words.formatting, { style: 'percent' }).format(value / total)
				: '—';
		blocks.push({
			kind: 'table',
			columns: ranking
				? [say('report.column.option'), say('report.column.points'), say('report.column.first')]
				: [
						say('report.column.answer'),
						unit === 'votes' ? say('report.column.votes') : say('report.column.ballots'),
						say('report.column.share')
					],
			nowrap: [1, 2],
			rows: rows.map((row) =>
				ranking
					? [row.label, String(row.value), String(row.firstPreferences ?? 0)]
					: [row.label, String(row.value), share(row.value)]
			)
		});
	}
	const textual = results.overall.kind === 'open_text' || results.overall.kind === 'word_cloud';
	if (!textual) blocks.push(...breakdownBlocks(ctx, poll, results.byGroup));
	if (results.consensus) {
		blocks.push({
			kind: 'paragraph',
			text: results.consensus.holdsEverywhere ? say('report.poll.holds') : say('report.poll.does_not_hold')
		});
	}
	return blocks;
}

function pollBlocks(ctx: Context): Block[] {
	const { record, say } = ctx;
	const used = record.polls.filter((poll) => poll.status !== 'draft' || poll.results);
	const blocks: Block[] = [{ kind: 'heading', level: 2, text: say('report.heading.polls') }];
	if (used.length === 0) return [...blocks, { kind: 'paragraph', text: say('report.poll.none') }];
	for (const poll of used) {
		blocks.push({ kind: 'heading', level: 3, text: poll.question });
		const status =
			poll.status === 'closed'
				? say('report.poll.closed_at', { time: utc(ctx, poll.closedAt) })
				: say('report.poll.open');
		const kind = say(`polls.kind.${poll.kind}` as MessageId);
		const ballots = say('report.count.ballots', { count: poll.results?.ballots ?? 0 });
		blocks.push({ kind: 'paragraph', text: `${kind} · ${ballots} · ${status}`, note: true });
		if (poll.results) blocks.push(...resultBlocks(ctx, poll, poll.results));
	}
	blocks.push({ kind: 'paragraph', text: say('report.poll.aggregates'), note: true });
	return blocks;
}

function topicBlocks(ctx: Context): Block[] {
	const { record, say } = ctx;
	const blocks: Block[] = [{ kind: 'heading', level: 2, text: say('report.heading.topics') }];
	if (record.agreedTopics.length === 0)
		return [...blocks, { kind: 'paragraph', text: say('report.topics.none') }];
	blocks.push({
		kind: 'list',
		items: record.agreedTopics.map((topic) => {
			const changes = topic.history.map((change) =>
				say(`report.topics.${change.change}` as MessageId, {
					by: change.by ?? say('report.timeline.removed_account'),
					time: utc(ctx, change.at),
					wording: change.wording
				})
			);
			const status = topic.status === 'withdrawn' ? ` (${say('report.topics.withdrawn_status')})` : '';
			return `${topic.wording}${status} — ${changes.join('; ')}`;
		})
	});
	return blocks;
}

function speakerBlocks(ctx: Context): Block[] {
	const { record, say } = ctx;
	const blocks: Block[] = [{ kind: 'heading', level: 2, text: say('report.heading.speakers') }];
	if (record.speakers.length === 0)
		return [...blocks, { kind: 'paragraph', text: say('report.speakers.nobody') }];
	const itemTitle = (id: string | null) => record.agenda.find((item) => item.id === id)?.title ?? '—';
	blocks.push({
		kind: 'table',
		columns: [
			say('report.column.speaker'),
			say('report.column.affiliation'),
			say('report.column.group'),
			say('report.column.taking_part'),
			say('report.column.during'),
			say('report.column.began'),
			say('report.column.spoke_for')
		],
		nowrap: [5, 6],
		rows: record.speakers.map((s) => [
			s.name,
			s.affiliation ?? '—',
			groupName(ctx, s.stakeholderGroup),
			modeName(ctx, s.mode),
			itemTitle(s.itemId),
			utc(ctx, s.startedAt),
			duration(ctx, s.seconds)
		])
	});
	return blocks;
}

function questionBlocks(ctx: Context): Block[] {
	const { record, say } = ctx;
	const blocks: Block[] = [{ kind: 'heading', level: 2, text: say('report.heading.questions') }];
	if (record.questions.length === 0)
		return [...blocks, { kind: 'paragraph', text: say('report.questions.none') }];
	blocks.push({
		kind: 'table',
		columns: [
			say('report.column.question'),
			say('report.column.asked_by'),
			say('report.column.upvotes'),
			say('report.column.status')
		],
		nowrap: [2],
		rows: record.questions.map((q) => [
			q.text,
			[
				q.author ??
					(q.stakeholderGroup || q.mode
						? say('report.questions.no_name')
						: say('report.questions.anonymous')),
				q.mode === 'remote' ? `(${say('common.mode.remote')})` : ''
			]
				.filter(Boolean)
				.join(' '),
			String(q.upvotes),
			q.status === 'answered'
				? say('report.questions.answered', { time: utc(ctx, q.answeredAt) })
				: say('report.questions.not_answered')
		])
	});
	return blocks;
}

function cardBlocks(ctx: Context): Block[] {
	const { record, say } = ctx;
	const blocks: Block[] = [];
	for (const item of record.agenda.filter((i) => i.cards.length > 0)) {
		blocks.push({ kind: 'heading', level: 2, text: say('report.heading.cards', { item: item.title }) });
		blocks.push({
			kind: 'table',
			columns: [
				say('report.column.card'),
				say('report.column.on_screen'),
				say('report.column.marks'),
				say('report.column.comments')
			],
			nowrap: [1, 2, 3],
			rows: item.cards.map((card) => [
				card.title,
				utc(ctx, card.shownAt),
				String(card.priorityMarks),
				String(card.comments.length)
			])
		});
		for (const card of item.cards.filter((c) => c.comments.length > 0)) {
			blocks.push({ kind: 'heading', level: 3, text: card.title });
			blocks.push({
				kind: 'list',
				items: card.comments.map((c) => {
					const by = [
						c.author ?? say('report.questions.no_name'),
						c.stakeholderGroup ? groupName(ctx, c.stakeholderGroup) : null
					]
						.filter(Boolean)
						.join(', ');
					return `${c.text} — ${by}`;
				})
			});
		}
	}
	return blocks;
}

/** Attendance and stakeholder groups: two tables under their own headings, counts of phones only. */
function participationBlocks(ctx: Context): Block[] {
	const { record, say } = ctx;
	const p = record.participation;
	const blocks: Block[] = [
		{ kind: 'heading', level: 2, text: say('report.heading.participation') },
		{ kind: 'heading', level: 3, text: say('report.participation.attendance') },
		{
			kind: 'fields',
			entries: [
				{ label: say('report.participation.joined'), value: String(p.joined) },
				{ label: say('common.mode.in_room'), value: String(p.inRoom) },
				{ label: say('common.mode.remote'), value: String(p.remote) },
				{ label: say('report.participation.unstated'), value: String(p.modeUnstated) },
				{
					label: say('report.participation.peak'),
					value: say('report.participation.peak_value', {
						peak: p.peakConnected,
						inRoom: p.peakInRoom,
						remote: p.peakRemote
					})
				},
				{
					label: say('report.participation.women'),
					value: say('report.participation.women_value', { women: p.women, stated: p.genderStated })
				}
			]
		}
	];
	if (p.byStakeholderGroup.length > 0) {
		blocks.push(
			{ kind: 'heading', level: 3, text: say('report.participation.groups') },
			{
				kind: 'fields',
				entries: p.byStakeholderGroup.map((g) => ({ label: groupName(ctx, g.group), value: String(g.count) }))
			}
		);
	}
	blocks.push({ kind: 'paragraph', text: say('report.participation.phones'), note: true });
	return blocks;
}

function timelineBlocks(ctx: Context): Block[] {
	const { record, say } = ctx;
	if (record.timeline.length === 0) return [];
	return [
		{ kind: 'heading', level: 2, text: say('report.heading.timeline') },
		{
			kind: 'table',
			columns: [say('report.column.time'), say('report.column.event'), say('report.column.detail')],
			nowrap: [0],
			rows: record.timeline.map((event) => [
				utc(ctx, event.at),
				say(`report.event.${event.kind}` as MessageId),
				event.text
			])
		}
	];
}

/**
 * The report laid out: the IGF template's fields first (the report proper, about two pages), then
 * an appendix with everything the session recorded. Each thing appears once.
 */
export function layoutReport(record: SessionRecord, words: ReportWords): ReportDocument {
	const ctx: Context = { record, words, say: words.say };
	const times = sessionTimes(record.meeting, words);
	// A rehearsal's date is not the session's: the title page says so as the date field does.
	const held =
		record.meeting.rehearsal && record.meeting.startedAt
			? ctx.say('report.time.rehearsal', { times })
			: times;
	const where = [held, record.meeting.venue].filter(Boolean).join(' · ');
	return {
		locale: words.locale,
		dir: isLocale(words.locale) ? directionOf(words.locale) : 'ltr',
		title: record.meeting.title,
		subtitle: where,
		subject: ctx.say('report.heading.report'),
		pageNumbers: pageNumbers(ctx.say),
		blocks: [
			...reportBlocks(ctx),
			{ kind: 'appendix', title: ctx.say('report.heading.appendix') },
			...agendaBlocks(ctx),
			...pollBlocks(ctx),
			...topicBlocks(ctx),
			...speakerBlocks(ctx),
			...questionBlocks(ctx),
			...cardBlocks(ctx),
			...participationBlocks(ctx),
			...timelineBlocks(ctx),
			{
				kind: 'paragraph',
				text: ctx.say('report.footer', {
					code: record.meeting.code,
					generated: `${record.generatedAt.slice(0, 10)} ${record.generatedAt.slice(11, 16)}`
				}),
				note: true
			}
		]
	};
}
