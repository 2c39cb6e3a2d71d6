import { count, eq } from 'drizzle-orm';
import { connectCluster } from './cluster';
import { readConfig } from './config';
import { db, first, openDatabase, transaction } from './db';
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
	connectCluster(config.redisUrl);
	await openDatabase(config.database);
	// Processes starting together on a new database create the admin and the seed once.
	await transaction(async () => {
		const firstStart = ((await first(db().select({ n: count() }).from(users)))?.n ?? 0) === 0;
		await ensureAdmin(config.adminUsername, config.adminPassword, firstStart);
		if (firstStart) {
			// The seed is an ordinary meeting file, read by the same reader an organiser's upload goes through.
			const geneva = readMeetingFile(genevaFile);
			if (!geneva.ok)
				throw new Error(`The Geneva meeting file is invalid: ${JSON.stringify(geneva.problems)}`);
			// A fresh install's copy is a rehearsal: its 2017 comment deadline stays in the data, unenforced.
			const { meeting } = geneva.definition;
			await importMeeting({ ...geneva.definition, meeting: { ...meeting, rehearsal: true } });
			const { code, title } = geneva.definition.meeting;
			console.log(`Plenary: seeded the meeting "${title}" (join code ${code}).`);
		}
	}, ['plenary:first-start']);
	// server.js prints this once it listens, when it knows the address.
	globalThis.plenaryStartBanner = async (origin) => startBanner(await openMeetings(), origin);
}

/**
 * With ADMIN_USERNAME and ADMIN_PASSWORD set, that admin exists with that password. Without them,
 * the first start creates `admin` with a random password and prints it once.
 */
async function ensureAdmin(username: string | null, password: string | null, firstStart: boolean) {
	if (username && password) {
		const weakness = passwordWeakness(password, [username, 'plenary']);
		if (weakness) throw new Error(`ADMIN_PASSWORD is not accepted. ${weakness}`);
		const existing = await first(db().select().from(users).where(eq(users.username, username)));
		if (!existing) {
			await db()
				.insert(users)
				.values({ id: generateId(), username, passwordHash: await hashPassword(password), isAdmin: true });
			console.log(`Plenary: created admin "${username}" from ADMIN_USERNAME / ADMIN_PASSWORD.`);
		} else if (
			!(await verifyPassword(existing.passwordHash, password)) ||
			!existing.isAdmin ||
			existing.removedAt
		) {
			const passwordHash = await hashPassword(password);
			await db()
				.update(users)
				.set({ passwordHash, isAdmin: true, removedAt: null })
				.where(eq(users.id, existing.id));
			console.log(`Plenary: updated admin "${username}" from ADMIN_USERNAME / ADMIN_PASSWORD.`);
		}
		return;
	}
	if (!firstStart) return;
	const generated = generateToken().slice(0, 16);
	await db()
		.insert(users)
		.values({
			id: generateId(),
			username: 'admin',
			passwordHash: await hashPassword(generated),
			isAdmin: true
		});
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
