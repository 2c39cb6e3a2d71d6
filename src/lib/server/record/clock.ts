import { eq } from 'drizzle-orm';
import type { SessionClock } from '$lib/domain/record/clock';
import type { Tx } from '../db';
import { agendaMoves, meetings, type Meeting } from '../db/schema';

/**
 * Stores the clock the domain decided; a first start also marks where the agenda stands at that
 * moment, so the record's timeline begins there.
 */
export function storeSessionClock(
	tx: Tx,
	meeting: Meeting,
	change: { clock: SessionClock; firstStart: boolean },
	userId: string,
	at: Date
): void {
	tx.update(meetings).set(change.clock).where(eq(meetings.id, meeting.id)).run();
	if (!change.firstStart) return;
	const { version, currentItem: item, currentStep: step } = meeting;
	tx.insert(agendaMoves).values({ meetingId: meeting.id, version, item, step, userId, at }).run();
}
