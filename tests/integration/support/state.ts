import type { MeetingSnapshot } from '../../../src/lib/realtime/protocol';
import type { TestSocket } from './clients';
import { sql, tableNames, type DatabaseLocation } from './database';

/** Rows that change without any command: sign-ins, phones joining, and the peak of connected phones. */
const VOLATILE_TABLES = new Set(['sessions', 'participants', '__drizzle_migrations']);
const VOLATILE_COLUMNS = new Set(['peak_connected', 'peak_in_room', 'peak_remote']);

/**
 * Everything the server stored, table by table (beside the running server), apart from what
 * changes on its own. Two equal digests mean no command changed anything. Rows are in the order
 * of their contents, which is the same in both databases.
 */
export async function databaseDigest(database: DatabaseLocation): Promise<Record<string, unknown[]>> {
	const digest: Record<string, unknown[]> = {};
	for (const name of await tableNames(database)) {
		if (VOLATILE_TABLES.has(name)) continue;
		const rows = (await sql(database, `select * from "${name}"`)).map((row) =>
			Object.fromEntries(Object.entries(row).filter(([column]) => !VOLATILE_COLUMNS.has(column)))
		);
		digest[name] = rows
			.map((row) => [JSON.stringify(row), row] as const)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([, row]) => row);
	}
	return digest;
}

/** Rows in `ballots` for one poll, read beside the running server (or from a copy of its database). */
export async function ballotCount(database: DatabaseLocation, pollId: string): Promise<number> {
	const [row] = await sql<{ n: number }>(
		database,
		'select count(*) as n from ballots where poll_id = ?',
		pollId
	);
	return row.n;
}

/** A snapshot without what moves on its own: connected counts and the server's clock. */
export function stable(snapshot: MeetingSnapshot): unknown {
	// Connections and the clock move these, not commands: presence, and the console's phones.
	return { ...snapshot, presence: null, turnout: null, floor: { ...snapshot.floor, serverNow: null } };
}

/** What a staff (or any) socket sees right now, through `meeting:sync`. */
export async function syncedSnapshot(socket: TestSocket): Promise<MeetingSnapshot> {
	const answer = await socket.timeout(10_000).emitWithAck('meeting:sync');
	if (!('data' in answer)) throw new Error(`meeting:sync refused: ${JSON.stringify(answer)}`);
	return answer.data;
}
