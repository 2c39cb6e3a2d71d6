import { stepsOf, type AgendaItem, type CardPlacement } from '../agenda';
import { UNNAMED_SPEAKER } from '../floor';
import { STAKEHOLDER_GROUPS } from '../meeting';
import type { RecordFacts } from './facts';
import { fillReport } from './report';
import { firstSentence, type ReportWords } from './words';
import {
	RECORD_FORMAT,
	RECORD_FORMAT_VERSION,
	type RecordAgendaItem,
	type RecordEvent,
	type SessionRecord
} from './schema';

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);
const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

interface Visit {
	item: number;
	startedAt: Date;
	endedAt: Date | null;
}

/**
 * The moves that count: those from the session's start on (rehearsal moves before it are not
 * part of the record). Without a declared start, every move counts.
 */
function movesOfSession(facts: RecordFacts): RecordFacts['moves'] {
	const start = facts.meeting.startedAt;
	const end = facts.meeting.endedAt;
	return facts.moves.filter((move) => (!start || move.at >= start) && (!end || move.at <= end));
}

/** Consecutive moves within one item are one visit; a visit ends when another item begins. */
export function visitsOf(moves: RecordFacts['moves'], endedAt: Date | null): Visit[] {
	const visits: Visit[] = [];
	for (const move of moves) {
		const last = visits.at(-1);
		if (last && last.item === move.item) continue;
		if (last) last.endedAt = move.at;
		visits.push({ item: move.item, startedAt: move.at, endedAt: null });
	}
	const last = visits.at(-1);
	if (last && endedAt) last.endedAt = endedAt;
	return visits;
}

function cardsOf(
	item: AgendaItem,
	index: number,
	moves: RecordFacts['moves'],
	facts: RecordFacts
): RecordAgendaItem['cards'] {
	const steps = stepsOf(item);
	const firstShown = (matches: (step: number) => boolean) =>
		moves.find((move) => move.item === index && matches(move.step))?.at ?? null;
	const tagsOf = (target: 'card' | 'comment', id: string) =>
		facts.tags.filter((t) => t.target === target && t.targetId === id).map((t) => t.tag);
	const describe = (card: AgendaItem['cards'][number], placement: CardPlacement, shownAt: Date | null) => ({
		id: card.id,
		title: card.title,
		body: card.body,
		placement,
		shownAt: isoOrNull(shownAt),
		priorityMarks: facts.priorityMarks.find((mark) => mark.cardId === card.id)?.count ?? 0,
		comments: facts.comments
			.filter((comment) => comment.cardId === card.id && !comment.hidden)
			.map((comment) => ({
				id: comment.id,
				text: comment.text,
				author: comment.authorName,
				stakeholderGroup: comment.stakeholderGroup,
				mode: comment.mode,
				at: iso(comment.at),
				tags: tagsOf('comment', comment.id)
			})),
		tags: tagsOf('card', card.id)
	});
	const focusStep = steps.findIndex((step) => step.kind === 'focus');
	return [
		...item.cards.map((card) =>
			describe(
				card,
				'walkthrough',
				firstShown((step) => {
					const shown = steps[step];
					return shown?.kind === 'card' && shown.card.id === card.id;
				})
			)
		),
		...(item.focus?.cards ?? []).map((card) =>
			describe(
				card,
				'focus',
				firstShown((step) => step === focusStep)
			)
		)
	];
}

function agendaOf(facts: RecordFacts, moves: RecordFacts['moves'], visits: Visit[]): RecordAgendaItem[] {
	return facts.agenda.map((item, index) => {
		const own = visits.filter((visit) => visit.item === index);
		const closed = own.filter((visit) => visit.endedAt !== null);
		return {
			id: item.id,
			number: index + 1,
			kind: item.kind,
			title: item.title,
			body: item.body,
			startedAt: isoOrNull(own[0]?.startedAt ?? null),
			endedAt: own.length > 0 ? isoOrNull(own[own.length - 1].endedAt) : null,
			seconds: closed.reduce(
				(sum, visit) => sum + seconds(visit.startedAt, visit.endedAt ?? visit.startedAt),
				0
			),
			visits: own.map((visit) => ({ startedAt: iso(visit.startedAt), endedAt: isoOrNull(visit.endedAt) })),
			cards: cardsOf(item, index, moves, facts),
			panelists: item.panelists.map(({ name, affiliation, stakeholderGroup }) => ({
				name,
				affiliation,
				stakeholderGroup
			})),
			pollIds: facts.polls.filter((poll) => poll.itemId === item.id).map((poll) => poll.id),
			notes: facts.notes.find((note) => note.itemId === item.id)?.text ?? ''
		};
	});
}

/** The item on screen at a moment: the last visit begun at or before it. */
function itemAt(visits: Visit[], agenda: AgendaItem[], at: Date): string | null {
	const visit = visits.findLast((v) => v.startedAt <= at);
	return visit ? (agenda[visit.item]?.id ?? null) : null;
}

/**
 * Who had the floor, in the order they began. A panelist is named, placed and grouped as the
 * agenda has them now (a placeholder filled in after the session still names the right person);
 * one no longer on the agenda keeps what was stored when they spoke.
 */
function speakersOf(facts: RecordFacts, visits: Visit[], words: ReportWords): SessionRecord['speakers'] {
	const nameOf = (name: string) => (name === UNNAMED_SPEAKER ? words.say('report.speakers.no_name') : name);
	const panelists = new Map(facts.agenda.flatMap((item) => item.panelists).map((p) => [p.id, p]));
	return [...facts.speakers]
		.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
		.map((speaker) => {
			const panelist = speaker.panelistId === null ? undefined : panelists.get(speaker.panelistId);
			return {
				name: panelist?.name ?? nameOf(speaker.name),
				affiliation: (panelist ? panelist.affiliation : speaker.affiliation) || null,
				panelist: speaker.panelistId !== null,
				stakeholderGroup: panelist?.stakeholderGroup ?? speaker.stakeholderGroup,
				mode: speaker.mode,
				itemId: itemAt(visits, facts.agenda, speaker.startedAt),
				requestedAt: iso(speaker.requestedAt),
				startedAt: iso(speaker.startedAt),
				endedAt: isoOrNull(speaker.endedAt),
				seconds: speaker.endedAt ? seconds(speaker.startedAt, speaker.endedAt) : null
			};
		});
}

/** Questions the room saw (approved or answered), most upvoted first, then oldest first. */
function questionsOf(facts: RecordFacts): SessionRecord['questions'] {
	return facts.questions
		.filter((q) => q.status === 'approved' || q.status === 'answered')
		.sort((a, b) => b.upvotes - a.upvotes || a.askedAt.getTime() - b.askedAt.getTime())
		.map((q) => ({
			id: q.id,
			text: q.text,
			author: q.authorName,
			stakeholderGroup: q.stakeholderGroup,
			mode: q.mode,
			status: q.status,
			upvotes: q.upvotes,
			askedAt: iso(q.askedAt),
			answeredAt: isoOrNull(q.answeredAt),
			tags: facts.tags.filter((t) => t.target === 'question' && t.targetId === q.id).map((t) => t.tag)
		}));
}

/** Tagged cards, comments and questions in the order they were tagged, each with its sentence for the report. */
function taggedOf(
	facts: RecordFacts,
	agenda: RecordAgendaItem[],
	words: ReportWords
): SessionRecord['tagged'] {
	const cards = agenda.flatMap((item) => item.cards);
	const describe = (tag: string, target: string, id: string): { text: string; proposed: string } | null => {
		if (target === 'card') {
			const card = cards.find((c) => c.id === id);
			if (!card) return null;
			const summary = firstSentence(card.body);
			return {
				text: card.title,
				proposed: summary
					? words.say('report.issue.card', { title: card.title, summary })
					: firstSentence(card.title)
			};
		}
		if (target === 'comment') {
			const card = cards.find((c) => c.comments.some((comment) => comment.id === id));
			const comment = card?.comments.find((c) => c.id === id);
			if (!card || !comment) return null;
			return {
				text: comment.text,
				proposed: words.say('report.issue.comment', { card: card.title, text: firstSentence(comment.text) })
			};
		}
		const question = facts.questions.find((q) => q.id === id && q.status !== 'hidden');
		if (!question) return null;
		return {
			text: question.text,
			// A question tagged as a takeaway is a suggestion in its own words, not something asked.
			proposed:
				tag === 'takeaway'
					? firstSentence(question.text)
					: words.say('report.issue.question', { text: firstSentence(question.text) })
		};
	};
	return [...facts.tags]
		.sort((a, b) => a.at.getTime() - b.at.getTime())
		.flatMap((t) => {
			const found = describe(t.tag, t.target, t.targetId);
			if (!found) return [];
			const written = facts.sentences.find(
				(s) => s.tag === t.tag && s.target === t.target && s.targetId === t.targetId
			);
			return [
				{
					tag: t.tag,
					target: t.target,
					targetId: t.targetId,
					text: found.text,
					sentence: written?.text ?? found.proposed,
					sentenceSource: written ? ('rapporteur' as const) : ('prefilled' as const),
					at: iso(t.at)
				}
			];
		});
}

function topicsOf(facts: RecordFacts): SessionRecord['agreedTopics'] {
	return [...facts.topics]
		.sort((a, b) => a.position - b.position)
		.flatMap((topic) => {
			const history = [...topic.history].sort((a, b) => a.at.getTime() - b.at.getTime());
			const declared = history.find((change) => change.change === 'declared');
			if (!declared) return [];
			const wording =
				history.findLast((change) => change.change !== 'withdrawn')?.wording ?? declared.wording;
			return [
				{
					id: topic.id,
					itemId: topic.itemId,
					pollId: topic.pollId,
					wording,
					status: history.at(-1)?.change === 'withdrawn' ? ('withdrawn' as const) : ('agreed' as const),
					declaredAt: iso(declared.at),
					history: history.map((change) => ({ ...change, at: iso(change.at) }))
				}
			];
		});
}

function participationOf(facts: RecordFacts): SessionRecord['participation'] {
	const people = facts.participants;
	const count = (test: (p: (typeof people)[number]) => boolean) => people.filter(test).length;
	return {
		joined: people.length,
		inRoom: count((p) => p.mode === 'in_room'),
		remote: count((p) => p.mode === 'remote'),
		modeUnstated: count((p) => p.mode === null),
		peakConnected: facts.peaks.connected,
		peakInRoom: facts.peaks.inRoom,
		peakRemote: facts.peaks.remote,
		byStakeholderGroup: [...STAKEHOLDER_GROUPS, 'unspecified' as const]
			.map((group) => ({ group, count: count((p) => (p.stakeholderGroup ?? 'unspecified') === group) }))
			.filter((entry) => entry.count > 0),
		women: count((p) => p.woman),
		genderStated: count((p) => p.genderStated)
	};
}

function timelineOf(record: Omit<SessionRecord, 'timeline' | 'report'>, words: ReportWords): RecordEvent[] {
	const events: RecordEvent[] = [];
	const add = (at: string | null, kind: RecordEvent['kind'], text: string) => {
		if (at) events.push({ at, kind, text });
	};
	add(
		record.meeting.startedAt,
		'session_started',
		words.say('report.timeline.started', { title: record.meeting.title })
	);
	for (const item of record.agenda) {
		for (const visit of item.visits) add(visit.startedAt, 'item_started', `${item.number}. ${item.title}`);
		for (const card of item.cards) add(card.shownAt, 'card_shown', card.title);
	}
	for (const poll of record.polls) {
		add(poll.openedAt, 'poll_opened', poll.question);
		add(
			poll.closedAt,
			'poll_closed',
			`${poll.question} (${words.say('report.count.ballots', { count: poll.results?.ballots ?? 0 })})`
		);
	}
	for (const speaker of record.speakers) add(speaker.startedAt, 'speaker', speaker.name);
	for (const question of record.questions) add(question.answeredAt, 'question_answered', question.text);
	for (const topic of record.agreedTopics) {
		for (const change of topic.history) add(change.at, `topic_${change.change}`, change.wording);
	}
	for (const reopening of record.meeting.reopenings) {
		add(reopening.endedAt, 'session_ended', words.say('report.timeline.ended'));
		const by = reopening.by ?? words.say('report.timeline.removed_account');
		add(reopening.reopenedAt, 'session_reopened', words.say('report.timeline.reopened', { by }));
	}
	add(record.meeting.endedAt, 'session_ended', words.say('report.timeline.ended'));
	return events.sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * The session's record, built from what was stored and nothing else: the same facts always give
 * the same record, so the live view and every export agree.
 */
export function buildRecord(facts: RecordFacts, words: ReportWords): SessionRecord {
	const moves = movesOfSession(facts);
	const visits = visitsOf(moves, facts.meeting.endedAt);
	const agenda = agendaOf(facts, moves, visits);
	const base = {
		format: RECORD_FORMAT,
		formatVersion: RECORD_FORMAT_VERSION,
		generatedAt: iso(facts.now),
		meeting: {
			...facts.meeting,
			startedAt: isoOrNull(facts.meeting.startedAt),
			endedAt: isoOrNull(facts.meeting.endedAt),
			reopenings: facts.reopenings.map(({ endedAt, reopenedAt, by }) => ({
				endedAt: iso(endedAt),
				reopenedAt: iso(reopenedAt),
				by
			}))
		},
		agenda,
		polls: facts.polls.map((poll) => ({
			...poll,
			openedAt: isoOrNull(poll.openedAt),
			closedAt: isoOrNull(poll.closedAt)
		})),
		questions: questionsOf(facts),
		speakers: speakersOf(facts, visits, words),
		tagged: taggedOf(facts, agenda, words),
		agreedTopics: topicsOf(facts),
		participation: participationOf(facts)
	} satisfies Omit<SessionRecord, 'timeline' | 'report'>;
	return {
		...base,
		report: fillReport(base, facts.people, facts.report, words),
		timeline: timelineOf(base, words)
	};
}
