#!/usr/bin/env node
// Copies the live database to a file with SQLite's online backup API: safe while the server runs
// and writes, since the copy is taken page by page under SQLite's own locking.
// Usage: npm run backup -- backups/plenary-2017-12-20.db   (reads DATABASE_PATH like the server)
import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3';

const source = path.resolve(
	process.env.PLENARY_ROOT ?? process.cwd(),
	process.env.DATABASE_PATH || 'data/plenary.db'
);
const target = process.argv[2];
if (!target) {
	console.error('Usage: npm run backup -- <backup file>');
	process.exit(2);
}
if (!fs.existsSync(source)) {
	console.error(`No database at ${source} (set DATABASE_PATH).`);
	process.exit(1);
}
if (fs.existsSync(target)) {
	console.error(`${target} exists already: choose a new file.`);
	process.exit(1);
}
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
const database = new Database(source, { readonly: true, fileMustExist: true });
database.pragma('busy_timeout = 5000');
try {
	const { totalPages } = await database.backup(target);
	const copy = new Database(target, { readonly: true });
	const check = copy.pragma('integrity_check', { simple: true });
	copy.close();
	if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${check}`);
	console.log(`Backed up ${source} to ${target} (${totalPages} pages, integrity ok).`);
} catch (error) {
	console.error(`Backup failed: ${error instanceof Error ? error.message : error}`);
	process.exitCode = 1;
} finally {
	database.close();
}
