import { count, eq } from 'drizzle-orm';
import { readConfig } from './config';
import { openDatabase, type Db } from './db';
import { users } from './db/schema';
import { hashPassword, verifyPassword } from './auth/password';
import { passwordWeakness } from './auth/strength';
import { generateId, generateToken } from './auth/tokens';
import { openMeetings, startBanner } from './banner';
import { readMeetingFile } from './meetings/files';
import { importMeeting } from './meetings/import';
import genevaFile from './meetings/igf-2017-bpf-cybersecurity.json?raw';

let started: Promise<void> | null = null;

/**
 * Opens and migrates the database, then creates the admin and the Geneva meeting on first start,
 * and leaves server.js the banner of open meetings.
 */
export function startPlenary(): Promise<void> {
	started ??= prepare();
	return started;
}

async function prepare(): Promise<void> {
	const config = readConfig();
	const db = openDatabase(config.databasePath, config.migrationsFolder);
	const firstStart = (db.select({ n: count() }).from(users).get()?.n ?? 0) === 0;
	await ensureAdmin(db, config.adminUsername, config.adminPassword, firstStart);
	if (firstStart) {
		// The seed is an ordinary meeting file, read by the same reader an organiser's upload goes through.
		const geneva = readMeetingFile(genevaFile);
		if (!geneva.ok) throw new Error(`The Geneva meeting file is invalid: ${JSON.stringify(geneva.problems)}`);
		// A fresh install's copy is a rehearsal: its 2017 comment deadline stays in the data, unenforced.
		const { meeting } = geneva.definition;
		importMeeting(db, { ...geneva.definition, meeting: { ...meeting, rehearsal: true } });
		const { code, title } = geneva.definition.meeting;
		console.log(`Plenary: seeded the meeting "${title}" (join code ${code}).`);
	}
	// server.js prints this once it listens, when it knows the address.
	globalThis.plenaryStartBanner = (origin) => startBanner(openMeetings(), origin);
}

/**
 * With ADMIN_USERNAME and ADMIN_PASSWORD set, that admin exists with that password. Without them,
 * the first start creates `admin` with a random password and prints it once.
 */
async function ensureAdmin(db: Db, username: string | null, password: string | null, firstStart: boolean) {
	if (username && password) {
		const weakness = passwordWeakness(password, [username, 'plenary']);
		if (weakness) throw new Error(`ADMIN_PASSWORD is not accepted. ${weakness}`);
		const existing = db.select().from(users).where(eq(users.username, username)).get();
		if (!existing) {
			db.insert(users)
				.values({ id: generateId(), username, passwordHash: await hashPassword(password), isAdmin: true })
				.run();
			console.log(`Plenary: created admin "${username}" from ADMIN_USERNAME / ADMIN_PASSWORD.`);
		} else if (
			!(await verifyPassword(existing.passwordHash, password)) ||
			!existing.isAdmin ||
			existing.removedAt
		) {
			const passwordHash = await hashPassword(password);
			db.update(users)
				.set({ passwordHash, isAdmin: true, removedAt: null })
				.where(eq(users.id, existing.id))
				.run();
			console.log(`Plenary: updated admin "${username}" from ADMIN_USERNAME / ADMIN_PASSWORD.`);
		}
		return;
	}
	if (!firstStart) return;
	const generated = generateToken().slice(0, 16);
	db.insert(users)
		.values({
			id: generateId(),
			username: 'admin',
			passwordHash: await hashPassword(generated),
			isAdmin: true
		})
		.run();
	console.log(
		[
			'',
			'  Admin account created (shown this once; keep it):',
			'    username: admin',
			`    password: ${generated}`,
			''
		].join('\n')
	);
}
