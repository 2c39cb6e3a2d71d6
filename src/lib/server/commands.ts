import { and, eq } from 'drizzle-orm';
import { db, type Tx } from './db';
import { appliedCommands, meetings, type Meeting } from './db/schema';

/**
 * Every acknowledged write carries a client id chosen once per intent and reused on retry. The id
 * is scoped to whoever sent it, so no one can replay (or pre-empt) another person's id.
 */
function commandKey(actor: string, clientId: string): string {
	return `${actor}:${clientId}`;
}

export function wasApplied(tx: Tx, meetingId: string, actor: string, clientId: string): boolean {
	const key = commandKey(actor, clientId);
	return !!tx
		.select({ key: appliedCommands.clientId })
		.from(appliedCommands)
		.where(and(eq(appliedCommands.meetingId, meetingId), eq(appliedCommands.clientId, key)))
		.get();
}

export function recordApplied(
	tx: Tx,
	meetingId: string,
	actor: string,
	clientId: string,
	version: number
): void {
	tx.insert(appliedCommands)
		.values({ meetingId, clientId: commandKey(actor, clientId), version })
		.onConflictDoNothing()
		.run();
}

/**
 * Applies one command in one transaction, once per client id: a retry returns without changing
 * anything. Changes that clients follow by version (agenda, polls) bump the meeting's version.
 */
export function applyCommand(
	meetingId: string,
	actor: string,
	clientId: string,
	change: (tx: Tx, meeting: Meeting) => boolean,
	options: { bumpVersion: boolean } = { bumpVersion: false }
): { version: number; changed: boolean } {
	return db().transaction((tx) => {
		const meeting = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get();
		if (!meeting) throw new Error('meeting vanished');
		if (wasApplied(tx, meetingId, actor, clientId)) return { version: meeting.version, changed: false };
		if (!change(tx, meeting)) return { version: meeting.version, changed: false };
		const version = options.bumpVersion ? meeting.version + 1 : meeting.version;
		if (options.bumpVersion) tx.update(meetings).set({ version }).where(eq(meetings.id, meetingId)).run();
		recordApplied(tx, meetingId, actor, clientId, version);
		return { version, changed: true };
	});
}
