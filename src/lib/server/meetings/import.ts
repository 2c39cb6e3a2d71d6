import type { Db, Tx } from '../db';
import { meetings } from '../db/schema';
import { generateId } from '../auth/tokens';
import type { MeetingDefinition } from './definition';
import { writeAgenda, writePolls } from './agenda';

/**
 * Writes a parsed meeting definition in one transaction: all of it or nothing. `alongside` adds
 * its own writes to that transaction (a duplicate's roles).
 */
export function importMeeting(
	db: Db,
	definition: MeetingDefinition,
	alongside?: (tx: Tx, meetingId: string) => void
): string {
	const meetingId = generateId();
	const { meeting, agenda, polls } = definition;
	db.transaction((tx) => {
		tx.insert(meetings)
			.values({
				id: meetingId,
				...meeting,
				commentDeadline: meeting.commentDeadline ? new Date(meeting.commentDeadline) : null
			})
			.run();
		writeAgenda(tx, meetingId, agenda);
		// Poll ids only name polls inside the file; the database gives each poll its own.
		writePolls(tx, meetingId, polls);
		alongside?.(tx, meetingId);
	});
	return meetingId;
}
