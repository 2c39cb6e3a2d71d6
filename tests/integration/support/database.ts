import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ensureDatabase as ensurePostgresDatabase } from '../../../scripts/local-services.js';

/**
 * The tests run against SQLite files, or against PostgreSQL when TEST_DATABASE_URL names a server
 * (a database there to connect to, e.g. postgres://127.0.0.1:5432/postgres): each server then gets
 * a database of its own on it, made for the test.
 */
export const TEST_POSTGRES = process.env.TEST_DATABASE_URL || null;

/** A server's database: a SQLite file's path, or a postgres:// URL. */
export type DatabaseLocation = string;

export const isPostgres = (database: DatabaseLocation) => /^postgres(ql)?:\/\//.test(database);

/** A new, empty database for one server: a file in a new folder, or a new PostgreSQL database. */
export function temporaryDatabase(): DatabaseLocation {
	if (!TEST_POSTGRES) return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-test-')), 'plenary.db');
	const url = new URL(TEST_POSTGRES);
	url.pathname = `/plenary_test_${randomBytes(6).toString('hex')}`;
	return url.toString();
}

/** Creates a PostgreSQL database named by `database` unless it exists (a file needs nothing). */
export async function ensureDatabase(database: DatabaseLocation): Promise<void> {
	if (isPostgres(database)) await ensurePostgresDatabase(database);
}

// Counts come back as numbers from both databases (PostgreSQL's bigint would be a string).
const types = {
	getTypeParser: (oid: number, format?: 'text' | 'binary') =>
		oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')
};

/**
 * Runs one statement against a server's database, beside the running server, with `?` for each
 * parameter; returns the rows (none for a write). Written once for both databases: the tests'
 * statements use what SQLite and PostgreSQL share.
 */
export async function sql<T = Record<string, unknown>>(
	database: DatabaseLocation,
	statement: string,
	...params: unknown[]
): Promise<T[]> {
	if (isPostgres(database)) {
		const client = new pg.Client({ connectionString: database, types });
		await client.connect();
		try {
			let index = 0;
			const text = statement.replace(/\?/g, () => `$${++index}`);
			return (await client.query(text, params)).rows as T[];
		} finally {
			await client.end();
		}
	}
	const sqlite = new Database(database);
	sqlite.pragma('busy_timeout = 5000');
	try {
		const prepared = sqlite.prepare(statement);
		if (prepared.reader) return prepared.all(...params) as T[];
		prepared.run(...params);
		return [];
	} finally {
		sqlite.close();
	}
}

/** The tables of the application (not the migrations' own). */
export async function tableNames(database: DatabaseLocation): Promise<string[]> {
	const rows = isPostgres(database)
		? await sql<{ name: string }>(
				database,
				"select table_name as name from information_schema.tables where table_schema = 'public' order by table_name"
			)
		: await sql<{ name: string }>(
				database,
				"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name"
			);
	return rows.map((row) => row.name);
}

/**
 * Opens a new database in this process as the server opens its own (migrations applied), for
 * tests that call the stores directly.
 */
export async function openInThisProcess(): Promise<DatabaseLocation> {
	const { readConfig } = await import('../../../src/lib/server/config');
	const { openDatabase } = await import('../../../src/lib/server/db');
	const database = temporaryDatabase();
	await ensureDatabase(database);
	const env = isPostgres(database)
		? { DATABASE_URL: database, SERVER_SECRET: 'plenary-tests-server-secret-0123456789abcdef' }
		: { DATABASE_URL: '', DATABASE_PATH: database };
	await openDatabase(readConfig(env).database);
	return database;
}
