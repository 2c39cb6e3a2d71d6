import { eq } from 'drizzle-orm';
import type { Tx } from '../db';
import { agendaMoves, meetings, type Meeting } from '../db/schema';

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
