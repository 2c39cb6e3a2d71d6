import { asc, eq } from 'drizzle-orm';
import type { ClockChange } from '$lib/domain/record/clock';
import type { RecordFacts } from '$lib/domain/record/facts';
import { type Tx, db } from '../db';
import { agendaMoves, meetings, sessionReopenings, users, type Meeting } from '../db/schema';
import { personNameIfAny } from '../auth/names';

/**
 * Stores the clock the domain decided; a first start also marks where the agenda stands at that
 * moment, so the record's timeline begins there, and a reopening is kept with who made it.
 */
export async function storeSessionClock(
	tx: Tx,
	meeting: Meeting,
	change: ClockChange,
	userId: string,
	at: Date
): Promise<void> {
	await tx.update(meetings).set(change.clock).where(eq(meetings.id, meeting.id));
	if (change.reopened) {
		await tx
			.insert(sessionReopenings)
			.values({ meetingId: meeting.id, endedAt: change.reopened.endedAt, userId, at });
	}
	if (!change.firstStart) return;
	const { version, currentItem: item, currentStep: step } = meeting;
	await tx.insert(agendaMoves).values({ meetingId: meeting.id, version, item, step, userId, at });
}

/** The session's reopenings, oldest first, each with the end it undid and who reopened it. */
export async function reopeningsOf(meetingId: string): Promise<RecordFacts['reopenings']> {
	return await db()
		.select({ endedAt: sessionReopenings.endedAt, reopenedAt: sessionReopenings.at, by: personNameIfAny() })
		.from(sessionReopenings)
		.leftJoin(users, eq(users.id, sessionReopenings.userId))
		.where(eq(sessionReopenings.meetingId, meetingId))
		.orderBy(asc(sessionReopenings.at), asc(sessionReopenings.id));
}
