import { asc, eq, sql } from 'drizzle-orm';
import type { Position } from '$lib/domain/agenda';
import type { RecordFacts } from '$lib/domain/record/facts';
import type { SessionClock } from '$lib/domain/record/clock';
import type { MeetingInfo } from '$lib/realtime/protocol';
import { db, first, prepared } from '../db';
import { agendaMoves, meetings, users, type Meeting } from '../db/schema';
import { personAffiliation, personName } from '../auth/names';

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

/** Every command checks the seal: its two columns are read instead of the whole row. */
const clockById = prepared((database) =>
	database
		.select({ startedAt: meetings.startedAt, endedAt: meetings.endedAt })
		.from(meetings)
		.where(eq(meetings.id, sql.placeholder('id')))
		.prepare()
);

export async function findMeetingByCode(code: string): Promise<Meeting | undefined> {
	return await first(meetingByCode().execute({ code }));
}

export async function findMeetingById(id: string): Promise<Meeting | undefined> {
	return await first(meetingById().execute({ id }));
}

/** When the meeting's session started and ended; undefined when the meeting is gone. */
export async function sessionClockOf(id: string): Promise<SessionClock | undefined> {
	return await first(clockById().execute({ id }));
}

/** Every meeting, by date then title: the admin page's list and the start banner's. */
export async function meetingsInOrder(): Promise<Meeting[]> {
	return await db().select().from(meetings).orderBy(asc(meetings.date), asc(meetings.title));
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
		rehearsal: meeting.rehearsal,
		projectorTheme: meeting.projectorTheme,
		startedAt: meeting.startedAt?.toISOString() ?? null,
		endedAt: meeting.endedAt?.toISOString() ?? null
	};
}

export function positionOf(meeting: Meeting): Position {
	return { item: meeting.currentItem, step: meeting.currentStep };
}

/** Every move of the agenda cursor, oldest first: the record's timeline. */
export async function agendaMovesOf(meetingId: string): Promise<RecordFacts['moves']> {
	return await db()
		.select({ item: agendaMoves.item, step: agendaMoves.step, at: agendaMoves.at })
		.from(agendaMoves)
		.where(eq(agendaMoves.meetingId, meetingId))
		.orderBy(asc(agendaMoves.id));
}

/** Everyone who moved a meeting's agenda, named as they chose, with their affiliation ('' when none). */
export async function agendaMoversOf(
	meetingId: string
): Promise<{ userId: string; name: string; affiliation: string }[]> {
	return await db()
		.selectDistinct({
			userId: users.id,
			name: personName(),
			affiliation: personAffiliation()
		})
		.from(agendaMoves)
		.innerJoin(users, eq(users.id, agendaMoves.userId))
		.where(eq(agendaMoves.meetingId, meetingId));
}
