import type { MessageId } from '$lib/i18n/messages';
import type { Person, RecordFacts } from './facts';
import { REPORT_FIELDS, type ReportField, type SessionRecord } from './schema';
import { clockOf, dayOf, firstSentence, groupName, listOf, type ReportWords } from './words';

type RecordSoFar = Omit<SessionRecord, 'timeline' | 'report'>;

/** A field as the session fills it in: the text, and what it was drawn from (or what to look at). */
interface Prefill {
	value: string;
	evidence: string | null;
}

const text = (value: string, evidence: string | null = null): Prefill => ({ value, evidence });

/** A list inside a field: one "- " line per item, which every export turns into a real list. */
const bullets = (items: string[]) => items.map((item) => `- ${item.replace(/\s+/g, ' ').trim()}`).join('\n');

/** Date and time as held: "20 December 2017, 10:00–11:30 Europe/Zurich (09:00–10:30 UTC)". */
export function sessionTimes(meeting: RecordSoFar['meeting'], words: ReportWords): string {
	if (!meeting.startedAt) return plannedTimes(meeting, words);
	const start = new Date(meeting.startedAt);
	const end = meeting.endedAt ? new Date(meeting.endedAt) : null;
	const span = (zone: string) =>
		end
			? `${clockOf(words, start, zone)}–${clockOf(words, end, zone)}`
			: words.say('report.time.from', { time: clockOf(words, start, zone) });
	const day = dayOf(words, start, meeting.timeZone);
	if (meeting.timeZone === 'UTC')
		return words.say('report.time.held', { day, span: span('UTC'), zone: 'UTC' });
	const zone = meeting.timeZone;
	return words.say('report.time.held_utc', { day, span: span(zone), zone, utc: span('UTC') });
}

/** The date and time the meeting was planned for, as its file gives them. */
function plannedTimes(meeting: RecordSoFar['meeting'], words: ReportWords): string {
	if (!meeting.date) return '';
	const day = dayOf(words, new Date(`${meeting.date}T12:00:00Z`), 'UTC');
	return meeting.startTime
		? words.say('report.time.planned', { day, time: meeting.startTime, zone: meeting.timeZone })
		: day;
}

/** Held on another day than planned (always so for a rehearsal): the field says both. */
function dateTimeText(meeting: RecordSoFar['meeting'], words: ReportWords): Prefill {
	const held = sessionTimes(meeting, words);
	if (!meeting.startedAt || !meeting.date) return text(held);
	const heldOn = new Intl.DateTimeFormat('en-CA', { timeZone: meeting.timeZone }).format(
		new Date(meeting.startedAt)
	);
	const planned = plannedTimes(meeting, words);
	if (meeting.rehearsal) return text(words.say('report.date.rehearsal', { held, planned }));
	if (heldOn !== meeting.date) return text(words.say('report.date.moved', { held, planned }));
	return text(held);
}

/** "Ana Ruiz (ITU)": a member of staff with their affiliation, when they gave one. */
const personText = (person: Person) =>
	person.affiliation ? `${person.name} (${person.affiliation})` : person.name;

const UNCONFIRMED = /^(to be (confirmed|announced|determined)|tb[acd]|n\/?a|\?+|-+|)$/i;
/** A panelist title the agenda holds until the person is known: "Government panelist". */
const ROLE_ONLY = /\bpanell?ist$/i;

/**
 * A panelist the agenda has not named yet ("Government panelist", "To be confirmed"): never a
 * speaker in the report, since nobody could file that as a name.
 */
export function isPlaceholder(name: string): boolean {
	return UNCONFIRMED.test(name.trim()) || ROLE_ONLY.test(name.trim());
}

/** The people who actually spoke, once each, in the order they first spoke, with their affiliation. */
function speakersText(record: RecordSoFar, words: ReportWords): Prefill {
	// Once each: by name, keeping the affiliation from whichever turn gave one.
	const lines = new Map<string, string>();
	const affiliated = new Set<string>();
	const unnamed = new Set<string>();
	for (const speaker of record.speakers) {
		if (speaker.panelist && isPlaceholder(speaker.name)) {
			unnamed.add(speaker.name);
			continue;
		}
		const affiliation = UNCONFIRMED.test((speaker.affiliation ?? '').trim()) ? null : speaker.affiliation;
		if (lines.has(speaker.name) && (affiliated.has(speaker.name) || !affiliation)) continue;
		const role = speaker.panelist
			? words.say('report.speakers.panelist')
			: words.say('report.speakers.floor');
		const group = speaker.stakeholderGroup ? groupName(words, speaker.stakeholderGroup) : null;
		const line = { name: speaker.name, role, affiliation: affiliation ?? '', group: group ?? '' };
		const id = `report.speakers.line${affiliation ? '_affiliated' : ''}${group ? '' : '_nogroup'}` as const;
		lines.set(speaker.name, words.say(id, line));
		if (affiliation) affiliated.add(speaker.name);
	}
	const evidence = unnamed.size > 0 ? words.say('report.speakers.unnamed', { count: unnamed.size }) : null;
	if (lines.size === 0) return text('', evidence ?? words.say('report.speakers.none'));
	return text(bullets([...lines.values()]), evidence);
}

/** The tagged items' sentences for a field; one the rapporteur emptied leaves its item out. */
const sentencesOf = (record: RecordSoFar, tag: 'key_issue' | 'takeaway') =>
	record.tagged.filter((t) => t.tag === tag && t.sentence.trim() !== '').map((t) => t.sentence);

function presentationsText(record: RecordSoFar, words: ReportWords): Prefill {
	const items = record.agenda.filter((item) => item.kind === 'info' || item.kind === 'panel');
	const noted = items.filter((item) => item.notes.trim() !== '');
	if (noted.length === 0) return text('', words.say('report.presentations.none'));
	return text(noted.map((item) => `${item.title}: ${item.notes.trim()}`).join('\n\n'));
}

function discussionText(record: RecordSoFar, words: ReportWords): Prefill {
	const parts = record.agenda
		.filter((item) => item.kind !== 'info' && item.kind !== 'panel' && item.notes.trim() !== '')
		.map((item) => `${item.title}: ${item.notes.trim()}`);
	const comments = record.agenda.flatMap((item) => item.cards).reduce((sum, c) => sum + c.comments.length, 0);
	parts.push(
		words.say('report.discussion.counts', {
			questions: record.questions.length,
			answered: record.questions.filter((q) => q.status === 'answered').length,
			speakers: record.speakers.filter((s) => !s.panelist).length,
			comments
		})
	);
	const top = record.questions.slice(0, 3);
	if (top.length > 0) {
		parts.push(
			`${words.say('report.discussion.top')}\n${bullets(
				top.map((q) => `${q.text} (${words.say('report.count.upvotes', { count: q.upvotes })})`)
			)}`
		);
	}
	return text(parts.join('\n\n'));
}

/** The polls that closed a walkthrough: the room's choice of the areas to discuss further. */
function highlightPolls(record: RecordSoFar) {
	const walkthroughs = new Set(record.agenda.filter((i) => i.kind === 'walkthrough').map((i) => i.id));
	return record.polls.filter(
		(poll) =>
			poll.itemId !== null &&
			walkthroughs.has(poll.itemId) &&
			poll.status === 'closed' &&
			poll.results !== null &&
			poll.results.ballots > 0 &&
			['single', 'multiple', 'ranking'].includes(poll.kind)
	);
}

/**
 * "Safe access (24 votes) and Abuse by authorities (19 votes)": the options that led, as many as
 * the item has cards in focus afterwards (the areas it goes on to discuss), ties included.
 */
function chosenOptions(poll: RecordSoFar['polls'][number], chosen: number, words: ReportWords): string {
	const overall = poll.results!.overall;
	const scored =
		overall.kind === 'ranking'
			? overall.points.map((p) => ({ id: p.optionId, value: p.points, unit: 'report.count.points' as const }))
			: overall.kind === 'single' || overall.kind === 'multiple'
				? overall.counts.map((c) => ({ id: c.optionId, value: c.count, unit: 'report.count.votes' as const }))
				: [];
	const ranked = scored.filter((s) => s.value > 0).sort((a, b) => b.value - a.value);
	const last = ranked[Math.min(chosen, ranked.length) - 1]?.value ?? 0;
	const top = ranked.filter((s) => s.value >= last);
	return listOf(
		words,
		top.map((s) => {
			const label = poll.options.find((o) => o.id === s.id)?.label ?? s.id;
			return `${label} (${words.say(s.unit, { count: s.value })})`;
		})
	);
}

function highlightSentences(record: RecordSoFar, words: ReportWords): string[] {
	return highlightPolls(record).flatMap((poll) => {
		const item = record.agenda.find((i) => i.id === poll.itemId);
		const focus = item?.cards.filter((c) => c.placement === 'focus').length ?? 0;
		const choice = chosenOptions(poll, Math.max(focus, 1), words);
		if (choice === '') return [];
		return words.say('report.outcomes.highlighted', {
			item: item?.title ?? '',
			choice,
			question: poll.question,
			ballots: poll.results!.ballots
		});
	});
}

function agreedTopicsOf(record: RecordSoFar): string[] {
	return record.agreedTopics.filter((t) => t.status === 'agreed').map((t) => t.wording);
}

function policyText(record: RecordSoFar, words: ReportWords): Prefill {
	const takeaways = sentencesOf(record, 'takeaway');
	if (takeaways.length === 0) return text('', words.say('report.policy.none'));
	return text(bullets(takeaways));
}

function wayForwardText(record: RecordSoFar, words: ReportWords): Prefill {
	const topics = agreedTopicsOf(record);
	if (topics.length === 0) return text('', words.say('report.way_forward.none'));
	return text(`${words.say('report.way_forward.topics', { count: topics.length })}\n${bullets(topics)}`);
}

function outcomesText(record: RecordSoFar, words: ReportWords): Prefill {
	const cards = record.agenda
		.filter((item) => item.kind === 'walkthrough')
		.flatMap((item) => item.cards.filter((c) => c.placement === 'walkthrough' && c.shownAt));
	const lines: string[] = [];
	if (cards.length > 0) lines.push(words.say('report.outcomes.walked', { count: cards.length }));
	lines.push(...highlightSentences(record, words));
	const topics = agreedTopicsOf(record);
	if (topics.length > 0)
		lines.push(words.say('report.outcomes.topics', { count: topics.length, topics: listOf(words, topics) }));
	if (lines.length === 0) return text('', words.say('report.outcomes.none'));
	return text(bullets(lines));
}

function participantsText(record: RecordSoFar, words: ReportWords): Prefill {
	const p = record.participation;
	return text(
		'',
		words.say('report.participants.phones', {
			joined: p.joined,
			inRoom: p.inRoom,
			remote: p.remote,
			unstated: p.modeUnstated,
			peak: p.peakConnected,
			peakInRoom: p.peakInRoom,
			peakRemote: p.peakRemote
		})
	);
}

function womenText(record: RecordSoFar, words: ReportWords): Prefill {
	const p = record.participation;
	return text(
		'',
		p.genderStated > 0
			? words.say('report.women.phones', { women: p.women, stated: p.genderStated })
			: words.say('report.women.none')
	);
}

/**
 * Gender in any of the six languages; content is often in the meeting's language, sometimes in
 * English. Words with another common meaning ("genre", "igualdad") count only in a phrase.
 */
const GENDER =
	/gender|\bwom[ae]n\b|\bgirls?\b|feminis|(égalité|question|questions|perspective|violences?)( des| entre les| de| fondées? sur le)? genres?|\bfemmes?\b|\bfilles\b|género|\bmujer(es)?\b|\bniñas\b|гендер|женщин|девоч|النوع الاجتماعي|الجنسان|المرأة|النساء|الفتيات|性别|妇女|女性|女童/i;

/**
 * Only what shows the room talked about gender counts: a question, a comment, or an item the
 * rapporteur tagged, each by its own words. A card that was merely on screen is not a discussion.
 */
function genderText(record: RecordSoFar, words: ReportWords): Prefill {
	const questions = record.questions.filter((q) => GENDER.test(q.text));
	const comments = record.agenda
		.flatMap((item) => item.cards)
		.flatMap((card) => card.comments.filter((c) => GENDER.test(c.text)));
	const tagged = record.tagged.filter((t) => GENDER.test(t.text) || GENDER.test(t.sentence));
	const examples = [
		...tagged.map((t) => t.sentence),
		...questions.map((q) => q.text),
		...comments.map((c) => c.text)
	].filter((example) => example.trim() !== '');
	if (examples.length === 0) return text('', words.say('report.gender.none'));
	const counts = [
		[questions.length, 'report.gender.questions'],
		[comments.length, 'report.gender.comments'],
		[tagged.length, 'report.gender.tagged']
	] as const;
	const what = listOf(
		words,
		counts.filter(([count]) => count > 0).map(([count, id]) => words.say(id, { count }))
	);
	const value = words.say('report.gender.discussed', { what, example: firstSentence(examples[0]) });
	return text(value, words.say('report.gender.evidence'));
}

/** What each report field says when the rapporteur leaves it alone, and what that was drawn from. */
function prefilledReport(
	record: RecordSoFar,
	people: RecordFacts['people'],
	words: ReportWords
): Record<ReportField, Prefill> {
	const keyIssues = sentencesOf(record, 'key_issue');
	return {
		title: text(record.meeting.title),
		date_time: dateTimeText(record.meeting, words),
		organiser: text(record.meeting.organiser),
		moderator: text(listOf(words, people.moderators.map(personText))),
		rapporteur: text(listOf(words, people.rapporteurs.map(personText))),
		speakers: speakersText(record, words),
		key_issues:
			keyIssues.length > 0 ? text(bullets(keyIssues)) : text('', words.say('report.key_issues.none')),
		presentations: presentationsText(record, words),
		discussion: discussionText(record, words),
		policy_recommendations: policyText(record, words),
		way_forward: wayForwardText(record, words),
		outcomes: outcomesText(record, words),
		participants: participantsText(record, words),
		women_participants: womenText(record, words),
		gender_issues: genderText(record, words)
	};
}

/** A Best Practice Forum's outcomes have their own field in its report; other sessions' are their main outcomes. */
const isBestPracticeForum = (title: string) => /best practice forum|\bBPF\b/i.test(title);

/**
 * The report as the rapporteur leaves with it: what they wrote where they wrote it, and the rest
 * filled in from the session, so a field left alone still says what the room did.
 */
export function fillReport(
	record: RecordSoFar,
	people: RecordFacts['people'],
	written: RecordFacts['report'],
	words: ReportWords
): SessionRecord['report'] {
	const filled = prefilledReport(record, people, words);
	return REPORT_FIELDS.map((key) => {
		const own = written.find((entry) => entry.field === key);
		const label =
			key === 'outcomes' && isBestPracticeForum(record.meeting.title)
				? words.say('report.field.outcomes_bpf')
				: words.say(`report.field.${key}` as MessageId);
		return {
			key,
			label,
			value: own ? own.text : filled[key].value,
			source: own ? ('rapporteur' as const) : ('prefilled' as const),
			by: own?.by ?? null,
			accepted: own?.accepted ?? false,
			evidence: filled[key].evidence
		};
	});
}
