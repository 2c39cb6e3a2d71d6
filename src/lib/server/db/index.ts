import fs from 'node:fs';
import path from 'node:path';
import Database, { type Statement } from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
/** The handle inside `db().transaction(...)`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

let opened: { db: Db; sqlite: Database.Database } | null = null;

/**
 * Opens the SQLite file (creating its folder), applies pending migrations and keeps the
 * connection for the life of the process. Opened on first use so that `vite build` never
 * touches a database.
 */
export function openDatabase(databasePath: string, migrationsFolder: string): Db {
	if (opened) return opened.db;
	fs.mkdirSync(path.dirname(databasePath), { recursive: true });
	const sqlite = new Database(databasePath);
	sqlite.pragma('journal_mode = WAL');
	// NORMAL under WAL keeps every commit across a process crash; only power loss can undo the last.
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const db = drizzle(sqlite, { schema });
	migrate(db, { migrationsFolder });
	opened = { db, sqlite };
	return db;
}

export function db(): Db {
	if (!opened) throw new Error('The database is not open yet: the server opens it at start.');
	return opened.db;
}

/**
 * Runs `work` inside the open transaction as a savepoint: if it throws, its own writes are undone
 * and the transaction goes on. Lets one transaction carry many independent writes.
 */
export function savepoint<T>(work: () => T): T {
	const { begin, release, undo } = savepointStatements();
	begin.run();
	try {
		const result = work();
		release.run();
		return result;
	} catch (error) {
		undo.run();
		release.run();
		throw error;
	}
}

let savepoints: { sqlite: Database.Database; begin: Statement; release: Statement; undo: Statement } | null =
	null;

function savepointStatements() {
	if (!opened) throw new Error('The database is not open yet: the server opens it at start.');
	const { sqlite } = opened;
	if (savepoints?.sqlite !== sqlite) {
		savepoints = {
			sqlite,
			begin: sqlite.prepare('SAVEPOINT one_write'),
			release: sqlite.prepare('RELEASE one_write'),
			undo: sqlite.prepare('ROLLBACK TO one_write')
		};
	}
	return savepoints;
}

/** A quick round trip for the health check. */
export function databaseReachable(): boolean {
	try {
		return opened?.sqlite.prepare('select 1 as ok').get() !== undefined;
	} catch {
		return false;
	}
}

/** A statement built and prepared once per database, for queries that run on every event. */
export function prepared<T>(build: (database: Db) => T): () => T {
	let cached: { database: Db; statement: T } | null = null;
	return () => {
		const current = db();
		if (cached?.database !== current) cached = { database: current, statement: build(current) };
		return cached.statement;
	};
}
