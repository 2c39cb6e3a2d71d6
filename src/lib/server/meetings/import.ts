import { type Tx, transaction } from '../db';
import { meetings } from '../db/schema';
import { generateId } from '../auth/tokens';
import type { MeetingDefinition } from './definition';
import { writeAgenda, writePolls } from './agenda';

/**
 * Writes a parsed meeting definition in one transaction: all of it or nothing. `alongside` adds
 * its own writes to that transaction (a duplicate's roles).
 */
export async function importMeeting(
	definition: MeetingDefinition,
	alongside?: (tx: Tx, meetingId: string) => Promise<void>
): Promise<string> {
	return transaction(async (tx) => {
		const meetingId = await writeMeeting(tx, definition);
		await alongside?.(tx, meetingId);
		return meetingId;
	});
}

/** Writes a parsed meeting definition with `tx`, in the caller's transaction; returns the meeting's id. */
export async function writeMeeting(tx: Tx, definition: MeetingDefinition): Promise<string> {
	const meetingId = generateId();
	const { meeting, agenda, polls } = definition;
	await tx.insert(meetings).values({
		id: meetingId,
		...meeting,
		commentDeadline: meeting.commentDeadline ? new Date(meeting.commentDeadline) : null
	});
	await writeAgenda(tx, meetingId, agenda);
	// Poll ids only name polls inside the file; the database gives each poll its own.
	await writePolls(tx, meetingId, polls);
	return meetingId;
}
