import { eq } from 'drizzle-orm';
import type { RecordFacts } from '$lib/domain/record/facts';
import { sessionSealed } from '$lib/domain/record/clock';
import { db, first, meetingLock, transaction } from '../db';
import { meetings, type Meeting } from '../db/schema';

/**
 * Raises the stored peaks to the counts connected now; peaks never go down, nor move once the
 * session ended. Read and raised under the meeting's lock: processes noting peaks at once keep the
 * highest.
 */
export function notePeaks(meetingId: string, now: { connected: number; inRoom: number; remote: number }) {
	return transaction(() => raisePeaks(meetingId, now), [meetingLock(meetingId)]);
}

async function raisePeaks(
	meetingId: string,
	now: { connected: number; inRoom: number; remote: number }
): Promise<void> {
	const meeting = await first(
		db()
			.select({
				connected: meetings.peakConnected,
				inRoom: meetings.peakInRoom,
				remote: meetings.peakRemote,
				startedAt: meetings.startedAt,
				endedAt: meetings.endedAt
			})
			.from(meetings)
			.where(eq(meetings.id, meetingId))
	);
	// The record's attendance stops at the end: phones that stay connected afterwards do not count.
	if (!meeting || sessionSealed(meeting)) return;
	if (now.connected <= meeting.connected && now.inRoom <= meeting.inRoom && now.remote <= meeting.remote)
		return;
	await db()
		.update(meetings)
		.set({
			peakConnected: Math.max(meeting.connected, now.connected),
			peakInRoom: Math.max(meeting.inRoom, now.inRoom),
			peakRemote: Math.max(meeting.remote, now.remote)
		})
		.where(eq(meetings.id, meetingId));
}

export function peaksOf(meeting: Meeting): RecordFacts['peaks'] {
	return { connected: meeting.peakConnected, inRoom: meeting.peakInRoom, remote: meeting.peakRemote };
}
