import { and, asc, count, eq, inArray, isNotNull } from 'drizzle-orm';
import type { MeetingRole } from '$lib/domain/meeting';
import type { PollResults } from '$lib/domain/polls/types';
import type { RecordFacts } from '$lib/domain/record/facts';
import { buildRecord } from '$lib/domain/record/build';
import { REPORT_FIELDS, type ReportField, type SessionRecord } from '$lib/domain/record/schema';
import type { AgreedTopicInfo } from '$lib/realtime/protocol';
import { db, type Tx } from '../db';
import {
	agendaMoves,
	agreedTopicChanges,
	agreedTopics,
	comments,
	floorRequests,
	meetingRoles,
	meetings,
	participants,
	recordTags,
	recordTexts,
	users,
	type Meeting
} from '../db/schema';
import { loadAgenda } from '../meetings/store';
import { liveTallies } from '../polls/live';
import { loadPolls } from '../polls/store';
import { questionRowsOf } from '../questions/store';
import { markCounts } from '../comments/store';

/** Notes are keyed per agenda item, report fields per field: one store and one conflict rule serve both. */
export type RecordTextKey = `note:${string}` | `report:${ReportField}`;

export function noteKey(itemId: string): RecordTextKey {
	return `note:${itemId}`;
}

export function reportKey(field: ReportField): RecordTextKey {
	return `report:${field}`;
}

export interface RecordText {
	key: string;
	text: string;
	revision: number;
	by: string | null;
	at: string;
}

export function recordTextsOf(meetingId: string): RecordText[] {
	return db()
		.select({
			key: recordTexts.key,
			text: recordTexts.text,
			revision: recordTexts.revision,
			by: users.username,
			at: recordTexts.updatedAt
		})
		.from(recordTexts)
		.leftJoin(users, eq(users.id, recordTexts.userId))
		.where(eq(recordTexts.meetingId, meetingId))
		.all()
		.map((row) => ({ ...row, at: row.at.toISOString() }));
}

export type TextSave = { saved: true; text: RecordText } | { saved: false; current: RecordText };

/**
 * Saves a text written on top of `baseRevision` (0 for a text not saved yet). When someone saved
 * in between, nothing is written: the caller gets the current text to show beside their own.
 */
export function saveRecordText(
	tx: Tx,
	meetingId: string,
	key: RecordTextKey,
	text: string,
	baseRevision: number,
	userId: string
): TextSave {
	const row = tx
		.select()
		.from(recordTexts)
		.where(and(eq(recordTexts.meetingId, meetingId), eq(recordTexts.key, key)))
		.get();
	const usernameOf = (id: string | null) =>
		id ? (tx.select({ name: users.username }).from(users).where(eq(users.id, id)).get()?.name ?? null) : null;
	const current = row?.revision ?? 0;
	if (current !== baseRevision) {
		return {
			saved: false,
			current: {
				key,
				text: row?.text ?? '',
				revision: current,
				by: usernameOf(row?.userId ?? null),
				at: (row?.updatedAt ?? new Date()).toISOString()
			}
		};
	}
	const updatedAt = new Date();
	const revision = current + 1;
	tx.insert(recordTexts)
		.values({ meetingId, key, text, revision, userId, updatedAt })
		.onConflictDoUpdate({
			target: [recordTexts.meetingId, recordTexts.key],
			set: { text, revision, userId, updatedAt }
		})
		.run();
	return { saved: true, text: { key, text, revision, by: usernameOf(userId), at: updatedAt.toISOString() } };
}

/** Starts or ends the record's clock; a start also marks where the agenda stands at that moment. */
export function storeSessionClock(
	tx: Tx,
	meeting: Meeting,
	action: 'start' | 'end',
	userId: string
): boolean {
	const at = new Date();
	if (action === 'start') {
		if (meeting.startedAt && !meeting.endedAt) return false;
		// Starting again after the end resumes the same session: the clock keeps its first start.
		tx.update(meetings)
			.set({ startedAt: meeting.startedAt ?? at, endedAt: null })
			.where(eq(meetings.id, meeting.id))
			.run();
		if (meeting.startedAt) return true;
		tx.insert(agendaMoves)
			.values({
				meetingId: meeting.id,
				version: meeting.version,
				item: meeting.currentItem,
				step: meeting.currentStep,
				userId,
				at
			})
			.run();
		return true;
	}
	if (!meeting.startedAt || meeting.endedAt) return false;
	tx.update(meetings).set({ endedAt: at }).where(eq(meetings.id, meeting.id)).run();
	return true;
}

/** The topics agreed so far, as the room sees them. */
export function agreedTopicsOf(meetingId: string): AgreedTopicInfo[] {
	return db()
		.select({
			id: agreedTopics.id,
			wording: agreedTopics.wording,
			itemId: agreedTopics.itemId,
			pollId: agreedTopics.pollId
		})
		.from(agreedTopics)
		.where(and(eq(agreedTopics.meetingId, meetingId), eq(agreedTopics.status, 'agreed')))
		.orderBy(asc(agreedTopics.position))
		.all();
}

export function findTopic(meetingId: string, topicId: string) {
	return db()
		.select()
		.from(agreedTopics)
		.where(and(eq(agreedTopics.meetingId, meetingId), eq(agreedTopics.id, topicId)))
		.get();
}

export function declareTopic(
	tx: Tx,
	meetingId: string,
	topic: { id: string; itemId: string | null; pollId: string | null; wording: string },
	userId: string,
	role: MeetingRole
): void {
	const position =
		tx.select({ n: count() }).from(agreedTopics).where(eq(agreedTopics.meetingId, meetingId)).get()?.n ?? 0;
	tx.insert(agreedTopics)
		.values({ ...topic, meetingId, position, status: 'agreed' })
		.run();
	tx.insert(agreedTopicChanges)
		.values({ topicId: topic.id, change: 'declared', wording: topic.wording, userId, role, at: new Date() })
		.run();
}

export function changeTopic(
	tx: Tx,
	topicId: string,
	change: { kind: 'reworded'; wording: string } | { kind: 'withdrawn' },
	userId: string,
	role: MeetingRole
): boolean {
	const topic = tx.select().from(agreedTopics).where(eq(agreedTopics.id, topicId)).get();
	if (!topic) return false;
	if (change.kind === 'withdrawn') {
		if (topic.status === 'withdrawn') return false;
		tx.update(agreedTopics).set({ status: 'withdrawn' }).where(eq(agreedTopics.id, topicId)).run();
	} else {
		if (topic.wording === change.wording) return false;
		tx.update(agreedTopics).set({ wording: change.wording }).where(eq(agreedTopics.id, topicId)).run();
	}
	tx.insert(agreedTopicChanges)
		.values({
			topicId,
			change: change.kind,
			wording: change.kind === 'reworded' ? change.wording : topic.wording,
			userId,
			role,
			at: new Date()
		})
		.run();
	return true;
}

/** Raises the stored peaks to the counts connected now; peaks never go down. */
export function notePeaks(
	meetingId: string,
	now: { connected: number; inRoom: number; remote: number }
): void {
	const meeting = db()
		.select({ connected: meetings.peakConnected, inRoom: meetings.peakInRoom, remote: meetings.peakRemote })
		.from(meetings)
		.where(eq(meetings.id, meetingId))
		.get();
	if (!meeting) return;
	if (now.connected <= meeting.connected && now.inRoom <= meeting.inRoom && now.remote <= meeting.remote)
		return;
	db()
		.update(meetings)
		.set({
			peakConnected: Math.max(meeting.connected, now.connected),
			peakInRoom: Math.max(meeting.inRoom, now.inRoom),
			peakRemote: Math.max(meeting.remote, now.remote)
		})
		.where(eq(meetings.id, meetingId))
		.run();
}

function pollFactsOf(meetingId: string): RecordFacts['polls'] {
	return loadPolls(meetingId).map((record) => {
		const { poll, spec } = record;
		let results: PollResults | null = null;
		if (poll.status === 'closed' && poll.finalResults) results = poll.finalResults;
		else if (poll.status !== 'draft' || liveTallies.count(poll.id) > 0) results = liveTallies.results(record);
		return {
			id: poll.id,
			itemId: poll.itemId,
			kind: poll.kind,
			question: poll.question,
			status: poll.status,
			options: spec.options,
			openedAt: poll.openedAt,
			closedAt: poll.closedAt,
			results
		};
	});
}

function topicFactsOf(meetingId: string): RecordFacts['topics'] {
	const topics = db().select().from(agreedTopics).where(eq(agreedTopics.meetingId, meetingId)).all();
	if (topics.length === 0) return [];
	const changes = db()
		.select({
			topicId: agreedTopicChanges.topicId,
			change: agreedTopicChanges.change,
			wording: agreedTopicChanges.wording,
			by: users.username,
			role: agreedTopicChanges.role,
			at: agreedTopicChanges.at
		})
		.from(agreedTopicChanges)
		.leftJoin(users, eq(users.id, agreedTopicChanges.userId))
		.where(
			inArray(
				agreedTopicChanges.topicId,
				topics.map((t) => t.id)
			)
		)
		.orderBy(asc(agreedTopicChanges.id))
		.all();
	return topics.map((topic) => ({
		id: topic.id,
		itemId: topic.itemId,
		pollId: topic.pollId,
		position: topic.position,
		history: changes
			.filter((c) => c.topicId === topic.id)
			.map(({ change, wording, by, role, at }) => ({ change, wording, by, role, at }))
	}));
}

function questionFactsOf(meetingId: string): RecordFacts['questions'] {
	return questionRowsOf(meetingId).map(({ row, upvotes }) => ({
		id: row.id,
		text: row.text,
		authorName: row.authorName,
		stakeholderGroup: row.stakeholderGroup,
		mode: row.mode,
		status: row.status,
		upvotes,
		askedAt: row.askedAt,
		answeredAt: row.answeredAt
	}));
}

function peopleOf(meetingId: string): RecordFacts['people'] {
	const rows = db()
		.select({ role: meetingRoles.role, name: users.username })
		.from(meetingRoles)
		.innerJoin(users, eq(users.id, meetingRoles.userId))
		.where(eq(meetingRoles.meetingId, meetingId))
		.orderBy(asc(users.username))
		.all();
	const named = (role: MeetingRole) => rows.filter((row) => row.role === role).map((row) => row.name);
	// Whoever moved the agenda moderated, whatever their role (an admin often does).
	const movers = db()
		.selectDistinct({ name: users.username })
		.from(agendaMoves)
		.innerJoin(users, eq(users.id, agendaMoves.userId))
		.where(eq(agendaMoves.meetingId, meetingId))
		.all()
		.map((row) => row.name);
	return {
		moderators: [...new Set([...named('moderator'), ...movers])].sort(),
		rapporteurs: named('rapporteur')
	};
}

/** Everything stored about a meeting that the record is built from. */
function recordFactsOf(meeting: Meeting, texts: RecordText[], now = new Date()): RecordFacts {
	const id = meeting.id;
	const reportFields = new Set<string>(REPORT_FIELDS);
	return {
		now,
		meeting: {
			code: meeting.code,
			title: meeting.title,
			description: meeting.description,
			venue: meeting.venue,
			date: meeting.date,
			timeZone: meeting.timeZone,
			organiser: meeting.organiser,
			startedAt: meeting.startedAt,
			endedAt: meeting.endedAt
		},
		agenda: loadAgenda(id),
		moves: db()
			.select({ item: agendaMoves.item, step: agendaMoves.step, at: agendaMoves.at })
			.from(agendaMoves)
			.where(eq(agendaMoves.meetingId, id))
			.orderBy(asc(agendaMoves.id))
			.all(),
		polls: pollFactsOf(id),
		questions: questionFactsOf(id),
		comments: db()
			.select()
			.from(comments)
			.where(eq(comments.meetingId, id))
			.orderBy(asc(comments.createdAt))
			.all()
			.map((row) => ({
				id: row.id,
				cardId: row.cardId,
				text: row.text,
				authorName: row.authorName,
				stakeholderGroup: row.stakeholderGroup,
				mode: row.mode,
				hidden: row.hidden,
				at: row.createdAt
			})),
		priorityMarks: markCounts(id),
		speakers: db()
			.select()
			.from(floorRequests)
			.where(and(eq(floorRequests.meetingId, id), isNotNull(floorRequests.startedAt)))
			.all()
			.map((row) => ({
				name: row.name,
				stakeholderGroup: row.stakeholderGroup,
				mode: row.mode,
				requestedAt: row.requestedAt,
				startedAt: row.startedAt ?? row.requestedAt,
				endedAt: row.endedAt
			})),
		tags: db()
			.select({
				target: recordTags.target,
				targetId: recordTags.targetId,
				tag: recordTags.tag,
				at: recordTags.createdAt
			})
			.from(recordTags)
			.where(eq(recordTags.meetingId, id))
			.all(),
		topics: topicFactsOf(id),
		notes: texts.flatMap((t) =>
			t.key.startsWith('note:') ? [{ itemId: t.key.slice(5), text: t.text }] : []
		),
		report: texts.flatMap((t) => {
			const field = t.key.slice(7);
			return t.key.startsWith('report:') && reportFields.has(field)
				? [{ field: field as ReportField, text: t.text }]
				: [];
		}),
		people: peopleOf(id),
		participants: db()
			.select({
				stakeholderGroup: participants.stakeholderGroup,
				mode: participants.mode,
				gender: participants.gender
			})
			.from(participants)
			.where(eq(participants.meetingId, id))
			.all()
			.map((p) => ({
				stakeholderGroup: p.stakeholderGroup,
				mode: p.mode,
				woman: p.gender === 'woman',
				genderStated: p.gender !== null
			})),
		peaks: { connected: meeting.peakConnected, inRoom: meeting.peakInRoom, remote: meeting.peakRemote }
	};
}

/** The record as it stands; `texts` when the caller has read them already. */
export function recordOf(meeting: Meeting, texts = recordTextsOf(meeting.id)): SessionRecord {
	return buildRecord(recordFactsOf(meeting, texts));
}
