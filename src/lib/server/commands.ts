import { and, eq, sql } from 'drizzle-orm';
import { db, prepared, type Tx } from './db';
import { writeSoon } from './db/batch';
import { appliedCommands, meetings, type Meeting } from './db/schema';
import { findMeetingById } from './meetings/store';

/**
 * Every acknowledged write carries a client id chosen once per intent and reused on retry. The id
 * is scoped to whoever sent it, so no one can replay (or pre-empt) another person's id.
 */
function commandKey(actor: string, clientId: string): string {
	return `${actor}:${clientId}`;
}

const appliedByKey = prepared((database) =>
	database
		.select({ key: appliedCommands.clientId })
		.from(appliedCommands)
		.where(
			and(
				eq(appliedCommands.meetingId, sql.placeholder('meetingId')),
				eq(appliedCommands.clientId, sql.placeholder('key'))
			)
		)
		.prepare()
);

const insertApplied = prepared((database) =>
	database
		.insert(appliedCommands)
		.values({
			meetingId: sql.placeholder('meetingId'),
			clientId: sql.placeholder('key'),
			version: sql.placeholder('version')
		})
		.onConflictDoNothing()
		.prepare()
);

// The prepared statements run on the transaction's connection: `tx` marks that they must be inside one.
export function wasApplied(_tx: Tx, meetingId: string, actor: string, clientId: string): boolean {
	return !!appliedByKey().get({ meetingId, key: commandKey(actor, clientId) });
}

export function recordApplied(
	_tx: Tx,
	meetingId: string,
	actor: string,
	clientId: string,
	version: number
): void {
	insertApplied().run({ meetingId, key: commandKey(actor, clientId), version });
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
): CommandOutcome {
	return db().transaction((tx) => applyIn(tx, meetingId, actor, clientId, change, options));
}

/**
 * The same for commands that come in bursts from phones (upvotes): committed with the others of
 * the burst, then settled (see writeSoon).
 */
export function applyCommandSoon(
	meetingId: string,
	actor: string,
	clientId: string,
	change: (tx: Tx, meeting: Meeting) => boolean
): Promise<CommandOutcome> {
	return writeSoon((tx) => applyIn(tx, meetingId, actor, clientId, change, { bumpVersion: false }));
}

type CommandOutcome = { version: number; changed: boolean };

function applyIn(
	tx: Tx,
	meetingId: string,
	actor: string,
	clientId: string,
	change: (tx: Tx, meeting: Meeting) => boolean,
	options: { bumpVersion: boolean }
): CommandOutcome {
	const meeting = findMeetingById(meetingId);
	if (!meeting) throw new Error('meeting vanished');
	if (wasApplied(tx, meetingId, actor, clientId)) return { version: meeting.version, changed: false };
	if (!change(tx, meeting)) return { version: meeting.version, changed: false };
	const version = options.bumpVersion ? meeting.version + 1 : meeting.version;
	if (options.bumpVersion) tx.update(meetings).set({ version }).where(eq(meetings.id, meetingId)).run();
	recordApplied(tx, meetingId, actor, clientId, version);
	return { version, changed: true };
}
