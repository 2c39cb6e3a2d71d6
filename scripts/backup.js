#!/usr/bin/env node
// Copies the live database to a file while the server runs and writes.
// - SQLite: with its online backup API, page by page under SQLite's own locking.
// - PostgreSQL (DATABASE_URL): with pg_dump, which reads one consistent snapshot, into a custom
//   archive that `pg_restore --dbname=<new database> <file>` restores.
// Usage: npm run backup -- backups/plenary-2017-12-20.db   (reads DATABASE_PATH or DATABASE_URL like the server)
import { execFileSync } from 'node:child_process';
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
if (process.env.DATABASE_URL) {
	backUpPostgres(process.env.DATABASE_URL, target);
	process.exit(process.exitCode ?? 0);
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

function backUpPostgres(url, file) {
	const shown = url.replace(/\/\/[^@/]*@/, '//…@');
	if (fs.existsSync(file)) {
		console.error(`${file} exists already: choose a new file.`);
		process.exitCode = 1;
		return;
	}
	fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	try {
		execFileSync('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, url], { stdio: 'inherit' });
		// The archive's table of contents must read back whole.
		const entries = execFileSync('pg_restore', ['--list', file], { encoding: 'utf8' })
			.split('\n')
			.filter((line) => line && !line.startsWith(';')).length;
		console.log(`Backed up ${shown} to ${file} (pg_dump archive, ${entries} entries, integrity ok).`);
	} catch (error) {
		fs.rmSync(file, { force: true });
		console.error(
			`Backup failed: ${error instanceof Error ? error.message : error} (pg_dump and pg_restore must be installed).`
		);
		process.exitCode = 1;
	}
}
