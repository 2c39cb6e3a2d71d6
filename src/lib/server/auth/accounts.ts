import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { MeetingRole } from '$lib/domain/meeting';
import { db, first, rowsChanged, transaction } from '../db';
import { meetingRoles, meetings, sessions, users } from '../db/schema';
import { publish } from '../events';
import { hashPassword, verifyPassword } from './password';
import { personName } from './names';
import { generateId } from './tokens';
import { passwordWeakness } from './strength';
import { createSession, type SessionUser } from './session';

export const usernameSchema = z
	.string()
	.trim()
	.regex(/^[A-Za-z0-9._-]{3,32}$/, 'Usernames are 3 to 32 letters, digits, dots, dashes or underscores.');

export const passwordSchema = z
	.string()
	.min(10, 'Passwords are at least 10 characters long.')
	.max(256, 'Passwords are at most 256 characters long.');

const DISPLAY_NAME_MAX = 80;
const AFFILIATION_MAX = 120;

/**
 * An optional line of text: trimmed, empty as null, no line breaks or other control characters,
 * and no direction overrides or invisible characters that would make a name read as another.
 */
const optionalLine = (what: string, max: number) =>
	z
		.string()
		.trim()
		.max(max, `${what} is at most ${max} characters long.`)
		.regex(/^\P{Cc}*$/u, `${what} is one line of text.`)
		.regex(
			/^[^\u200B\u202A-\u202E\u2060\u2066-\u2069\uFEFF]*$/u,
			`${what} is plain text, without invisible characters.`
		)
		.transform((text) => text || null);

/** How a person is named in the console and the record, and the institution given beside the name. */
export const personDetailsSchema = z.object({
	displayName: optionalLine('A display name', DISPLAY_NAME_MAX),
	affiliation: optionalLine('An affiliation', AFFILIATION_MAX)
});
export type PersonDetails = z.infer<typeof personDetailsSchema>;

/** Why a name form was refused: the message, the field at fault ('' for none) and what was typed, to show again. */
export interface DetailsRefusal {
	message: string;
	field: string;
	typed: { displayName: string; affiliation: string } | null;
}

/** The display name and affiliation a form sends, or why they are refused. */
export function readPersonDetails(
	form: FormData | null
): { ok: true; details: PersonDetails } | { ok: false; refusal: DetailsRefusal } {
	if (!form) return { ok: false, refusal: { message: 'Send the form again.', field: '', typed: null } };
	// What is echoed back is capped: the schema refuses anything this long anyway.
	const typed = {
		displayName: String(form.get('displayName') ?? '').slice(0, 1000),
		affiliation: String(form.get('affiliation') ?? '').slice(0, 1000)
	};
	const parsed = personDetailsSchema.safeParse(typed);
	if (parsed.success) return { ok: true, details: parsed.data };
	const [issue] = parsed.error.issues;
	return { ok: false, refusal: { message: issue.message, field: String(issue.path[0] ?? ''), typed } };
}

/** Words of this installation an attacker would try first: the meetings' codes and titles. */
async function meetingWords(): Promise<string[]> {
	const rows = await db().select({ code: meetings.code, title: meetings.title }).from(meetings);
	return rows
		.flatMap(({ code, title }) => [code, ...title.split(/[^\p{L}\p{N}]+/u)])
		.filter((w) => w.length >= 3);
}

/**
 * What is wrong with a new password for `username`, or null: too short or long, or easy to guess
 * (common passwords, patterns, the username or the meetings' words).
 */
export async function newPasswordProblem(password: string, username: string): Promise<string | null> {
	const parsed = passwordSchema.safeParse(password);
	if (!parsed.success) return parsed.error.issues[0].message;
	return passwordWeakness(password, [username, 'plenary', ...(await meetingWords())]);
}

export interface Account {
	id: string;
	username: string;
	displayName: string | null;
	affiliation: string | null;
	isAdmin: boolean;
	removed: boolean;
	roles: { meetingCode: string; meetingTitle: string; role: MeetingRole }[];
}

export async function listAccounts(): Promise<Account[]> {
	const rows = await db().select().from(users).orderBy(asc(users.username));
	const roles = await db()
		.select({
			userId: meetingRoles.userId,
			role: meetingRoles.role,
			code: meetings.code,
			title: meetings.title
		})
		.from(meetingRoles)
		.innerJoin(meetings, eq(meetings.id, meetingRoles.meetingId))
		.orderBy(asc(meetings.code));
	return rows.map((user) => ({
		id: user.id,
		username: user.username,
		displayName: user.displayName,
		affiliation: user.affiliation,
		isAdmin: user.isAdmin,
		removed: user.removedAt !== null,
		roles: roles
			.filter((role) => role.userId === user.id)
			.map(({ code, title, role }) => ({ meetingCode: code, meetingTitle: title, role }))
	}));
}

export type AccountOutcome = { ok: true; id: string } | { ok: false; message: string };

export async function createAccount(
	username: string,
	password: string,
	isAdmin: boolean
): Promise<AccountOutcome> {
	const taken = await first(db().select({ id: users.id }).from(users).where(eq(users.username, username)));
	if (taken) return { ok: false, message: `There is already an account named ${username}.` };
	const id = generateId();
	const passwordHash = await hashPassword(password);
	await transaction(() => db().insert(users).values({ id, username, passwordHash, isAdmin }));
	return { ok: true, id };
}

/**
 * Ends a user's access at once: no more sign-in, every session and role gone, open consoles
 * disconnected. The account row stays so the record still names what they did.
 */
export async function removeAccount(userId: string): Promise<boolean> {
	const removed = await transaction(async (tx) => {
		const changed = await rowsChanged(
			tx
				.update(users)
				.set({ removedAt: new Date(), isAdmin: false })
				.where(and(eq(users.id, userId), isNull(users.removedAt)))
		);
		if (changed === 0) return false;
		await tx.delete(sessions).where(eq(sessions.userId, userId));
		await tx.delete(meetingRoles).where(eq(meetingRoles.userId, userId));
		return true;
	});
	if (removed) publish({ name: 'user.accessEnded', userId, meetingId: null });
	return removed;
}

export async function personDetailsOf(userId: string): Promise<PersonDetails> {
	const row = await first(
		db()
			.select({ displayName: users.displayName, affiliation: users.affiliation })
			.from(users)
			.where(eq(users.id, userId))
	);
	return row ?? { displayName: null, affiliation: null };
}

/** Sets a user's display name and affiliation; false when there is no such account, or it was removed. */
export async function updatePersonDetails(userId: string, details: PersonDetails): Promise<boolean> {
	const changed = await transaction(() =>
		rowsChanged(
			db()
				.update(users)
				.set(details)
				.where(and(eq(users.id, userId), isNull(users.removedAt)))
		)
	);
	return changed > 0;
}

export async function grantRole(meetingId: string, userId: string, role: MeetingRole): Promise<boolean> {
	const user = await first(
		db()
			.select({ id: users.id })
			.from(users)
			.where(and(eq(users.id, userId), isNull(users.removedAt)))
	);
	if (!user) return false;
	await transaction(() =>
		db().insert(meetingRoles).values({ meetingId, userId, role }).onConflictDoNothing()
	);
	return true;
}

/** Takes a role away; a user left with no role in the meeting loses their open consoles there. */
export async function revokeRole(meetingId: string, userId: string, role: MeetingRole): Promise<boolean> {
	const changed = await rowsChanged(
		db()
			.delete(meetingRoles)
			.where(
				and(
					eq(meetingRoles.meetingId, meetingId),
					eq(meetingRoles.userId, userId),
					eq(meetingRoles.role, role)
				)
			)
	);
	const left = await first(
		db()
			.select({ role: meetingRoles.role })
			.from(meetingRoles)
			.where(and(eq(meetingRoles.meetingId, meetingId), eq(meetingRoles.userId, userId)))
	);
	if (!left) publish({ name: 'user.accessEnded', userId, meetingId });
	return changed > 0;
}

export async function rolesOfMeeting(
	meetingId: string
): Promise<{ userId: string; username: string; name: string; role: MeetingRole }[]> {
	return await db()
		.select({ userId: users.id, username: users.username, name: personName(), role: meetingRoles.role })
		.from(meetingRoles)
		.innerJoin(users, eq(users.id, meetingRoles.userId))
		.where(eq(meetingRoles.meetingId, meetingId))
		.orderBy(asc(users.username));
}

export type PasswordChange = { ok: true; token: string; expiresAt: Date } | { ok: false; message: string };

/**
 * A new password ends every session of the user (a stolen one included) and opens a fresh one
 * for the browser that made the change.
 */
export async function changePassword(
	user: SessionUser,
	current: string,
	next: string
): Promise<PasswordChange> {
	const row = await first(db().select().from(users).where(eq(users.id, user.id)));
	if (!row || !(await verifyPassword(row.passwordHash, current)))
		return { ok: false, message: 'Your current password is not right.' };
	const passwordHash = await hashPassword(next);
	await transaction(async (tx) => {
		await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
		await tx.delete(sessions).where(eq(sessions.userId, user.id));
	});
	publish({ name: 'user.accessEnded', userId: user.id, meetingId: null });
	const { token, session } = await createSession(user.id);
	return { ok: true, token, expiresAt: session.expiresAt };
}
