import { and, eq, sql } from 'drizzle-orm';
import { type Tx, first, prepared } from './db';
import { appliedCommands } from './db/schema';

/**
 * Every acknowledged write carries a client id chosen once per intent and reused on retry. The id
 * is scoped to whoever sent it, so no one can replay (or pre-empt) another person's id.
 */
function commandKey(actor: string, clientId: string): string {
	return `${actor}:${clientId}`;
}

const ackByKey = prepared((database) =>
	database
		.select({ ack: appliedCommands.ack })
		.from(appliedCommands)
		.where(
			and(
				eq(appliedCommands.meetingId, sql.placeholder('meetingId')),
				eq(appliedCommands.clientId, sql.placeholder('key'))
			)
		)
		.prepare()
);

const insertAck = prepared((database) =>
	database
		.insert(appliedCommands)
		.values({
			meetingId: sql.placeholder('meetingId'),
			clientId: sql.placeholder('key'),
			ack: sql.placeholder('ack')
		})
		.onConflictDoNothing()
		.prepare()
);

/** A command already applied: the acknowledgement it got, to be sent again as it was. */
export type Replay = { found: false } | { found: true; data: unknown };

/**
 * The stored acknowledgement of a command, if it was applied. Commands applied before
 * acknowledgements were kept have none (`data` undefined).
 */
export async function replayOf(meetingId: string, actor: string, clientId: string): Promise<Replay> {
	const row = await first(ackByKey().execute({ meetingId, key: commandKey(actor, clientId) }));
	if (!row) return { found: false };
	return { found: true, data: row.ack ?? undefined };
}

/** Keeps a command's acknowledgement with the change it made, in the same transaction. */
export async function rememberAck(
	_tx: Tx,
	meetingId: string,
	actor: string,
	clientId: string,
	data: unknown
): Promise<void> {
	await insertAck().execute({ meetingId, key: commandKey(actor, clientId), ack: data });
}
