import { count, eq } from 'drizzle-orm';
import { readConfig } from './config';
import { openDatabase, type Db } from './db';
import { users } from './db/schema';
import { hashPassword, verifyPassword } from './auth/password';
import { generateId, generateToken } from './auth/tokens';
import { meetingDefinitionSchema } from './meetings/definition';
import { importMeeting } from './meetings/import';
import geneva from './meetings/igf-2017-bpf-cybersecurity.json';

let started: Promise<void> | null = null;

/** Opens and migrates the database, then creates the admin and the Geneva meeting on first start. */
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
		importMeeting(db, meetingDefinitionSchema.parse(geneva));
		console.log('Plenary: seeded the IGF 2017 Best Practice Forum on Cybersecurity (join code BPF2017).');
	}
}

/**
 * With ADMIN_USERNAME and ADMIN_PASSWORD set, that admin exists with that password. Without them,
 * the first start creates `admin` with a random password and prints it once.
 */
async function ensureAdmin(db: Db, username: string | null, password: string | null, firstStart: boolean) {
	if (username && password) {
		const existing = db.select().from(users).where(eq(users.username, username)).get();
		if (!existing) {
			db.insert(users)
				.values({ id: generateId(), username, passwordHash: await hashPassword(password), isAdmin: true })
				.run();
			console.log(`Plenary: created admin "${username}" from ADMIN_USERNAME / ADMIN_PASSWORD.`);
		} else if (!(await verifyPassword(existing.passwordHash, password)) || !existing.isAdmin) {
			const passwordHash = await hashPassword(password);
			db.update(users).set({ passwordHash, isAdmin: true }).where(eq(users.id, existing.id)).run();
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
