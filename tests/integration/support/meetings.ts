import Database from 'better-sqlite3';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { drizzle as postgresDrizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as postgresSchema from '../../../src/lib/server/db/schema.postgres';
import * as sqliteSchema from '../../../src/lib/server/db/schema.sqlite';
import { meetingDefinitionSchema } from '../../../src/lib/server/meetings/definition';
import type { Tx } from '../../../src/lib/server/db';
import { writeMeeting } from '../../../src/lib/server/meetings/import';
import geneva from '../../../src/lib/server/meetings/igf-2017-bpf-cybersecurity.json';
import { isPostgres, type DatabaseLocation } from './database';

/**
 * Imports a second meeting into a running server's database through the server's own importer:
 * the Geneva agenda under another join code, with every item, card and panelist id prefixed so
 * that none of its ids is also an id of BPF2017.
 */
export async function importSecondMeeting(
	database: DatabaseLocation,
	code: string,
	idPrefix = 'x-'
): Promise<string> {
	const prefixed = <T extends { id: string }>(entry: T): T => ({ ...entry, id: `${idPrefix}${entry.id}` });
	const seeded = meetingDefinitionSchema.parse(geneva);
	const definition = meetingDefinitionSchema.parse({
		...seeded,
		meeting: { ...seeded.meeting, code, title: `Another meeting (${code})` },
		agenda: seeded.agenda.map((item) => ({
			...prefixed(item),
			cards: item.cards.map(prefixed),
			panelists: item.panelists.map(prefixed),
			focus: item.focus ? { ...item.focus, cards: item.focus.cards.map(prefixed) } : item.focus
		})),
		polls: seeded.polls.map((poll) => ({
			...poll,
			itemId: poll.itemId ? `${idPrefix}${poll.itemId}` : null
		}))
	});
	if (isPostgres(database)) {
		const client = new pg.Client({ connectionString: database });
		await client.connect();
		try {
			await client.query('begin');
			const tx = postgresDrizzle(client, { schema: postgresSchema }) as unknown as Tx;
			const meetingId = await writeMeeting(tx, definition);
			await client.query('commit');
			return meetingId;
		} catch (error) {
			await client.query('rollback');
			throw error;
		} finally {
			await client.end();
		}
	}
	const sqlite = new Database(database);
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('foreign_keys = ON');
	try {
		// SQLite answers at once: the writes run in this one transaction, all or none.
		sqlite.exec('BEGIN IMMEDIATE');
		const meetingId = await writeMeeting(
			sqliteDrizzle(sqlite, { schema: sqliteSchema }) as unknown as Tx,
			definition
		);
		sqlite.exec('COMMIT');
		return meetingId;
	} finally {
		if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
		sqlite.close();
	}
}
