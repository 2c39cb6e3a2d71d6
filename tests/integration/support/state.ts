import Database from 'better-sqlite3';
import type { MeetingSnapshot } from '../../../src/lib/realtime/protocol';
import type { TestSocket } from './clients';

/** Rows that change without any command: sign-ins, phones joining, and the peak of connected phones. */
const VOLATILE_TABLES = new Set(['sessions', 'participants', '__drizzle_migrations']);
const VOLATILE_COLUMNS = new Set(['peak_connected', 'peak_in_room', 'peak_remote']);

/**
 * Everything the server stored, table by table (read-only, beside the running server), apart from
 * what changes on its own. Two equal digests mean no command changed anything.
 */
export function databaseDigest(databasePath: string): Record<string, unknown[]> {
	const sqlite = new Database(databasePath, { readonly: true });
	try {
		const tables = sqlite
			.prepare(
				"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"
			)
			.all() as { name: string }[];
		const digest: Record<string, unknown[]> = {};
		for (const { name } of tables) {
			if (VOLATILE_TABLES.has(name)) continue;
			const rows = sqlite.prepare(`select * from "${name}" order by rowid`).all() as Record<
				string,
				unknown
			>[];
			digest[name] = rows.map((row) =>
				Object.fromEntries(Object.entries(row).filter(([column]) => !VOLATILE_COLUMNS.has(column)))
			);
		}
		return digest;
	} finally {
		sqlite.close();
	}
}

/** Rows in `ballots` for one poll, read beside the running server (or from a copy of its file). */
export function ballotCount(databasePath: string, pollId: string): number {
	const sqlite = new Database(databasePath, { readonly: true });
	try {
		return (
			sqlite.prepare('select count(*) as n from ballots where poll_id = ?').get(pollId) as { n: number }
		).n;
	} finally {
		sqlite.close();
	}
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
