import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../../src/lib/server/db/schema';
import { meetingDefinitionSchema } from '../../../src/lib/server/meetings/definition';
import { importMeeting } from '../../../src/lib/server/meetings/import';
import geneva from '../../../src/lib/server/meetings/igf-2017-bpf-cybersecurity.json';

/**
 * Imports a second meeting into a running server's database through the server's own importer:
 * the Geneva agenda under another join code, with every item, card and panelist id prefixed so
 * that none of its ids is also an id of BPF2017.
 */
export function importSecondMeeting(databasePath: string, code: string, idPrefix = 'x-'): string {
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
	const sqlite = new Database(databasePath);
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('foreign_keys = ON');
	try {
		return importMeeting(drizzle(sqlite, { schema }), definition);
	} finally {
		sqlite.close();
	}
}
