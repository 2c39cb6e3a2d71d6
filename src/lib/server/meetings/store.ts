import { asc, eq, sql } from 'drizzle-orm';
import type { Position } from '$lib/domain/agenda';
import type { RecordFacts } from '$lib/domain/record/facts';
import type { MeetingInfo } from '$lib/realtime/protocol';
import { db, prepared } from '../db';
import { recordApplied, wasApplied } from '../commands';
import { agendaMoves, meetings, users, type Meeting } from '../db/schema';

const meetingByCode = prepared((database) =>
	database
		.select()
		.from(meetings)
		.where(eq(meetings.code, sql.placeholder('code')))
		.prepare()
);
const meetingById = prepared((database) =>
	database
		.select()
		.from(meetings)
		.where(eq(meetings.id, sql.placeholder('id')))
		.prepare()
);

export function findMeetingByCode(code: string): Meeting | undefined {
	return meetingByCode().get({ code });
}

export function findMeetingById(id: string): Meeting | undefined {
	return meetingById().get({ id });
}

export function meetingInfo(meeting: Meeting): MeetingInfo {
	return {
		code: meeting.code,
		title: meeting.title,
		description: meeting.description,
		venue: meeting.venue,
		date: meeting.date,
		startTime: meeting.startTime,
		timeZone: meeting.timeZone,
		organiser: meeting.organiser,
		commentDeadline: meeting.commentDeadline?.toISOString() ?? null,
		projectorTheme: meeting.projectorTheme,
		startedAt: meeting.startedAt?.toISOString() ?? null,
		endedAt: meeting.endedAt?.toISOString() ?? null
	};
}

export function positionOf(meeting: Meeting): Position {
	return { item: meeting.currentItem, step: meeting.currentStep };
}

/** Every move of the agenda cursor, oldest first: the record's timeline. */
export function agendaMovesOf(meetingId: string): RecordFacts['moves'] {
	return db()
		.select({ item: agendaMoves.item, step: agendaMoves.step, at: agendaMoves.at })
		.from(agendaMoves)
		.where(eq(agendaMoves.meetingId, meetingId))
		.orderBy(asc(agendaMoves.id))
		.all();
}

/** The user names of everyone who moved a meeting's agenda. */
export function agendaMoversOf(meetingId: string): string[] {
	return db()
		.selectDistinct({ name: users.username })
		.from(agendaMoves)
		.innerJoin(users, eq(users.id, agendaMoves.userId))
		.where(eq(agendaMoves.meetingId, meetingId))
		.all()
		.map((row) => row.name);
}

/**
 * Sets the projector's theme as a new state version; the same theme again changes nothing, so
 * a retried command is harmless. Null when the meeting is gone.
 */
export function storeProjectorTheme(meetingId: string, theme: Meeting['projectorTheme']): boolean | null {
	return db().transaction((tx) => {
		const meeting = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get();
		if (!meeting) return null;
		if (meeting.projectorTheme === theme) return false;
		tx.update(meetings)
			.set({ projectorTheme: theme, version: meeting.version + 1 })
			.where(eq(meetings.id, meetingId))
			.run();
		return true;
	});
}

export type MoveOutcome =
	| { kind: 'moved'; version: number; position: Position; at: Date }
	| { kind: 'unchanged'; version: number; position: Position };

/**
 * Stores a new cursor position in one transaction with the command's client id, so that a
 * retried command returns the state it produced the first time instead of moving again.
 */
export function storeMove(
	meetingId: string,
	clientId: string,
	userId: string,
	decide: (current: Position) => Position | null
): MoveOutcome | null {
	return db().transaction((tx) => {
		const meeting = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get();
		if (!meeting) return null;
		const current = positionOf(meeting);
		if (wasApplied(tx, meetingId, userId, clientId)) {
			return { kind: 'unchanged', version: meeting.version, position: current };
		}
		const next = decide(current);
		if (!next) return null;
		if (next.item === current.item && next.step === current.step) {
			return { kind: 'unchanged', version: meeting.version, position: current };
		}
		const version = meeting.version + 1;
		const at = new Date();
		tx.update(meetings)
			.set({
				currentItem: next.item,
				currentStep: next.step,
				version,
				onScreenPollId: null,
				onScreenQuestionId: null,
				onScreenCommentId: null
			})
			.where(eq(meetings.id, meetingId))
			.run();
		recordApplied(tx, meetingId, userId, clientId, version);
		tx.insert(agendaMoves).values({ meetingId, version, item: next.item, step: next.step, userId, at }).run();
		return { kind: 'moved', version, position: next, at };
	});
}
