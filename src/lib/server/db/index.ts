import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle as sqliteDrizzle } from 'drizzle-orm/better-sqlite3';
import { migrate as sqliteMigrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as postgresDrizzle } from 'drizzle-orm/node-postgres';
import { migrate as postgresMigrate } from 'drizzle-orm/node-postgres/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import type { DatabaseKind } from './kind';
import * as postgresSchema from './schema.postgres';
import * as sqliteSchema from './schema.sqlite';

/**
 * The database as the stores see it, whichever it is: every query is awaited (`await query`, or
 * `await statement.execute(values)` for a prepared one). SQLite answers at once, PostgreSQL over
 * the network; a store written this way runs on both. SQLite's own shortcuts (`.get()`, `.all()`,
 * `.run()`) are not used: PostgreSQL's queries have none.
 */
export type Db = BaseSQLiteDatabase<'async', unknown, typeof sqliteSchema>;
/** The handle inside `transaction(...)`: the same queries, on the transaction's connection. */
export type Tx = Db;

export interface DatabaseSettings {
	kind: DatabaseKind;
	/** The SQLite file. */
	path: string;
	/** The PostgreSQL server, as a postgres:// URL. */
	url: string | null;
	/** The folder holding drizzle/ (SQLite's migrations) and drizzle-postgres/. */
	migrationsRoot: string;
	/** Connections kept open to PostgreSQL. */
	poolSize: number;
}

interface Opened {
	kind: DatabaseKind;
	db: Db;
	/** Runs `work` in a transaction of the database's own, holding `locks`. */
	transaction<T>(work: (tx: Db) => Promise<T>, locks: string[]): Promise<T>;
	raw(tx: Db, statement: string): Promise<void>;
	reachable(): Promise<boolean>;
	close(): Promise<void>;
}

let opened: Opened | null = null;
let opening: Promise<Db> | null = null;

/**
 * Opens the database, applies its pending migrations and keeps the connection (SQLite) or pool
 * (PostgreSQL) for the life of the process. Opened on first use so that `vite build` never
 * touches a database.
 */
export function openDatabase(settings: DatabaseSettings): Promise<Db> {
	opening ??= (settings.kind === 'postgres' ? openPostgres(settings) : openSqlite(settings)).then((o) => {
		opened = o;
		return o.db;
	});
	return opening;
}

async function openSqlite(settings: DatabaseSettings): Promise<Opened> {
	fs.mkdirSync(path.dirname(settings.path), { recursive: true });
	const sqlite = new Database(settings.path);
	sqlite.pragma('journal_mode = WAL');
	// NORMAL under WAL keeps every commit across a process crash; only power loss can undo the last.
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	const database = sqliteDrizzle(sqlite, { schema: sqliteSchema });
	sqliteMigrate(database, { migrationsFolder: path.join(settings.migrationsRoot, 'drizzle') });
	const begin = sqlite.prepare('BEGIN IMMEDIATE');
	const commit = sqlite.prepare('COMMIT');
	const rollback = sqlite.prepare('ROLLBACK');
	// Savepoints run three statements per ballot of a batch: each is prepared once.
	const statements = new Map<string, Database.Statement>();
	// One connection: its transactions take turns, in the order they were asked for.
	let turn: Promise<unknown> = Promise.resolve();
	const db = database as unknown as Db;
	return {
		kind: 'sqlite',
		db,
		transaction<T>(work: (tx: Db) => Promise<T>) {
			const run = async () => {
				begin.run();
				try {
					const result = await work(db);
					commit.run();
					return result;
				} catch (error) {
					if (sqlite.inTransaction) rollback.run();
					throw error;
				}
			};
			const result = turn.then(run, run);
			turn = result.catch(() => undefined);
			return result;
		},
		async raw(_tx, statement) {
			let ready = statements.get(statement);
			if (!ready) statements.set(statement, (ready = sqlite.prepare(statement)));
			ready.run();
		},
		async reachable() {
			return sqlite.prepare('select 1 as ok').get() !== undefined;
		},
		async close() {
			sqlite.close();
		}
	};
}

async function openPostgres(settings: DatabaseSettings): Promise<Opened> {
	const pool = new pg.Pool({ connectionString: settings.url!, max: settings.poolSize });
	// A connection that fails while idle (the server restarted) is dropped by the pool, not thrown.
	pool.on('error', (error) => console.error('Plenary: a PostgreSQL connection failed:', error.message));
	const client = await pool.connect();
	try {
		// Processes starting together migrate one after the other.
		await client.query('select pg_advisory_lock(hashtext($1))', ['plenary:migrations']);
		await postgresMigrate(postgresDrizzle(client, { schema: postgresSchema }), {
			migrationsFolder: path.join(settings.migrationsRoot, 'drizzle-postgres')
		});
		await client.query('select pg_advisory_unlock(hashtext($1))', ['plenary:migrations']);
	} finally {
		client.release();
	}
	const database = postgresDrizzle(pool, { schema: postgresSchema });
	const db = database as unknown as Db;
	return {
		kind: 'postgres',
		db,
		transaction<T>(work: (tx: Db) => Promise<T>, locks: string[]) {
			return database.transaction(async (pgTx) => {
				// Locks in one order, so that two transactions never wait on each other.
				for (const lock of [...new Set(locks)].sort())
					await pgTx.execute(sql`select pg_advisory_xact_lock(hashtext(${lock}))`);
				return work(pgTx as unknown as Db);
			});
		},
		async raw(tx, statement) {
			await (tx as unknown as typeof database).execute(sql.raw(statement));
		},
		async reachable() {
			await pool.query('select 1');
			return true;
		},
		close: () => pool.end()
	};
}

function current(): Opened {
	if (!opened) throw new Error('The database is not open yet: the server opens it at start.');
	return opened;
}

/** Which database this process runs on. */
export function openKind(): DatabaseKind {
	return current().kind;
}

interface Scope {
	tx: Db;
	open: boolean;
}

/** The transaction the running code is part of, if any: its queries go to its connection. */
const inTransaction = new AsyncLocalStorage<Scope>();

/**
 * The database, or inside `transaction(...)` the transaction's handle: a store reads and writes
 * through `db()` and is part of whatever transaction called it.
 */
export function db(): Db {
	const scope = inTransaction.getStore();
	if (scope?.open) return scope.tx;
	return current().db;
}

/**
 * Runs `work` in one transaction: all of its writes are committed together, or none is. Inside a
 * transaction already, `work` is part of it. `locks` name what the transaction decides about (a
 * meeting): on PostgreSQL, transactions naming the same lock run one after the other, whichever
 * process runs them, so that each decides on what the one before committed; on SQLite every
 * transaction takes its turn anyway. Every write goes through here (or `writeSoon`), so that on
 * SQLite's one connection no write lands inside another's transaction.
 */
export async function transaction<T>(work: (tx: Tx) => Promise<T>, locks: string[] = []): Promise<T> {
	const outer = inTransaction.getStore();
	if (outer?.open) return work(outer.tx);
	let scope: Scope | null = null;
	try {
		return await current().transaction((tx) => {
			scope = { tx, open: true };
			return inTransaction.run(scope, () => work(tx));
		}, locks);
	} finally {
		// Work scheduled from inside (a timer) runs later on the database, not the finished transaction.
		if (scope) (scope as Scope).open = false;
	}
}

/**
 * Runs `work` inside the open transaction as a savepoint: if it throws, its own writes are undone
 * and the transaction goes on. Lets one transaction carry many independent writes.
 */
export async function savepoint<T>(work: () => Promise<T>): Promise<T> {
	const scope = inTransaction.getStore();
	if (!scope?.open) throw new Error('A savepoint is taken inside a transaction.');
	const { raw } = current();
	await raw(scope.tx, 'SAVEPOINT one_write');
	try {
		const result = await work();
		await raw(scope.tx, 'RELEASE SAVEPOINT one_write');
		return result;
	} catch (error) {
		await raw(scope.tx, 'ROLLBACK TO SAVEPOINT one_write');
		await raw(scope.tx, 'RELEASE SAVEPOINT one_write');
		throw error;
	}
}

/** A quick round trip for the health check. */
export async function databaseReachable(): Promise<boolean> {
	try {
		return (await opened?.reachable()) ?? false;
	} catch {
		return false;
	}
}

/** Closes the connection or pool, for a process that is shutting down. */
export async function closeDatabase(): Promise<void> {
	const closing = opened;
	opened = null;
	opening = null;
	await closing?.close();
}

/**
 * A statement built once per database, for queries that run on every event; run it with
 * `await statement().execute(values)`. On PostgreSQL it is built for the connection in use (the
 * transaction's, inside one).
 */
export function prepared<T>(build: (database: Db) => T): () => T {
	let cached: { database: Db; statement: T } | null = null;
	return () => {
		const database = db();
		if (opened?.kind === 'postgres') return build(database);
		if (cached?.database !== database) cached = { database, statement: build(database) };
		return cached.statement;
	};
}

/** The lock every transaction deciding about one meeting holds (see `transaction`). */
export function meetingLock(meetingId: string): string {
	return `meeting:${meetingId}`;
}

/** The first row of a query's answer, or undefined. */
export async function first<T>(rows: PromiseLike<T[]>): Promise<T | undefined> {
	return (await rows)[0];
}

/** How many rows a write changed (SQLite and PostgreSQL report it under different names). */
export async function rowsChanged(write: PromiseLike<unknown>): Promise<number> {
	const result = (await write) as { changes?: number; rowCount?: number | null };
	return result.changes ?? result.rowCount ?? 0;
}
