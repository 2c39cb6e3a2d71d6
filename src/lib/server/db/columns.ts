import { sql } from 'drizzle-orm';
import * as pg from 'drizzle-orm/pg-core';
import * as sqlite from 'drizzle-orm/sqlite-core';

/**
 * How each database stores the kinds of column Plenary uses. The tables (`tables.ts`) are written
 * once against these; the application sees the same values from both databases: a time is a
 * `Date` (milliseconds), a flag a boolean, JSON the value it holds.
 *
 * drizzle has no schema shared between dialects, so the tables are typed with SQLite's column
 * builders and PostgreSQL's are given in their place: every column kind below has the same
 * methods in both (`notNull`, `default`, `references`, `unique`, `primaryKey`, `$type`), and
 * `columns.test.ts` checks that both databases end up with the same tables, columns and keys.
 */
export const sqliteColumns = {
	table: sqlite.sqliteTable,
	text: sqlite.text,
	integer: sqlite.integer,
	/** A whole number past 2^31 (a phone's revision is its clock in milliseconds). */
	bigInteger: <N extends string>(name: N) => sqlite.integer(name),
	timestamp: <N extends string>(name: N) => sqlite.integer(name, { mode: 'timestamp_ms' }),
	boolean: <N extends string>(name: N) => sqlite.integer(name, { mode: 'boolean' }),
	json: <N extends string>(name: N) => sqlite.text(name, { mode: 'json' }),
	/** A counter the database assigns, as the primary key. */
	serial: <N extends string>(name: N) => sqlite.integer(name).primaryKey({ autoIncrement: true }),
	/** The time of insertion, to the millisecond. */
	now: () => sql`(unixepoch('subsec') * 1000)`,
	index: sqlite.index,
	uniqueIndex: sqlite.uniqueIndex,
	primaryKey: sqlite.primaryKey
};

export type Columns = typeof sqliteColumns;

export const postgresColumns = {
	table: pg.pgTable,
	text: pg.text,
	integer: pg.integer,
	bigInteger: (name: string) => pg.bigint(name, { mode: 'number' }),
	timestamp: (name: string) => pg.timestamp(name, { withTimezone: true, mode: 'date', precision: 3 }),
	boolean: pg.boolean,
	// json, not jsonb: a stored acknowledgement is sent again exactly as it was written.
	json: (name: string) => pg.json(name),
	serial: (name: string) => pg.integer(name).primaryKey().generatedByDefaultAsIdentity(),
	now: () => sql`now()`,
	index: pg.index,
	uniqueIndex: pg.uniqueIndex,
	primaryKey: pg.primaryKey
} as unknown as Columns;
