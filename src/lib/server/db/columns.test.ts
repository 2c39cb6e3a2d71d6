import { getTableConfig as postgresTable, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteTable, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as postgres from './schema.postgres';
import * as sqlite from './schema.sqlite';

/** What a table holds, in terms both databases share: its columns, keys and indexes. */
function shape(config: ReturnType<typeof sqliteTable> | ReturnType<typeof postgresTable>) {
	return {
		name: config.name,
		columns: config.columns
			.map((column) => ({
				name: column.name,
				notNull: column.notNull,
				primary: column.primary,
				unique: column.isUnique,
				hasDefault: column.hasDefault,
				enum: column.enumValues ?? null
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
		primaryKeys: config.primaryKeys.map((key) => key.columns.map((column) => column.name)),
		indexes: config.indexes
			.map((index) => ({
				name: index.config.name,
				unique: index.config.unique,
				columns: index.config.columns.map((column) => (column as { name: string }).name)
			}))
			.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
		foreignKeys: config.foreignKeys
			.map((key) => {
				const reference = key.reference();
				return `${reference.columns.map((c) => c.name).join(',')}→${reference.foreignColumns.map((c) => c.name).join(',')} ${key.onDelete}`;
			})
			.sort()
	};
}

describe('the tables of both databases', () => {
	it('are the same tables, with the same columns, keys, indexes and references', () => {
		const names = Object.keys(sqlite).sort();
		expect(Object.keys(postgres).sort()).toEqual(names);
		expect(names.length).toBeGreaterThan(20);
		for (const name of names) {
			const inSqlite = shape(sqliteTable((sqlite as Record<string, SQLiteTable>)[name]));
			// Typed as SQLite's (see columns.ts): PostgreSQL's tables are read as what they are.
			const inPostgres = shape(postgresTable((postgres as unknown as Record<string, PgTable>)[name]));
			expect(inPostgres, name).toEqual(inSqlite);
		}
	});
});
