import type { Cookies } from '@sveltejs/kit';
import { and, eq, isNull } from 'drizzle-orm';
import { db, first, transaction } from '../db';
import { sessions, users, type Session, type User } from '../db/schema';
import { generateToken, hashToken } from './tokens';
import { publish } from '../events';

const DAY_MS = 24 * 60 * 60 * 1000;
const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session used within this window of its expiry is extended to a full lifetime again. */
const RENEW_WITHIN_MS = 15 * DAY_MS;

export const SESSION_COOKIE = 'plenary-session';

export type SessionUser = Pick<User, 'id' | 'username' | 'displayName' | 'isAdmin'>;
export type SessionValidation = { session: Session; user: SessionUser } | { session: null; user: null };

export async function createSession(userId: string): Promise<{ token: string; session: Session }> {
	const token = generateToken();
	const session: Session = {
		id: hashToken(token),
		userId,
		expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS)
	};
	await transaction(() => db().insert(sessions).values(session));
	return { token, session };
}

export async function validateSessionToken(token: string): Promise<SessionValidation> {
	const row = await first(
		db()
			.select({
				session: sessions,
				user: {
					id: users.id,
					username: users.username,
					displayName: users.displayName,
					isAdmin: users.isAdmin
				}
			})
			.from(sessions)
			.innerJoin(users, eq(sessions.userId, users.id))
			.where(and(eq(sessions.id, hashToken(token)), isNull(users.removedAt)))
	);
	if (!row) return { session: null, user: null };
	const { session, user } = row;
	const now = Date.now();
	if (now >= session.expiresAt.getTime()) {
		await transaction(() => db().delete(sessions).where(eq(sessions.id, session.id)));
		return { session: null, user: null };
	}
	if (now >= session.expiresAt.getTime() - RENEW_WITHIN_MS) {
		session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
		const { expiresAt } = session;
		await transaction(() => db().update(sessions).set({ expiresAt }).where(eq(sessions.id, session.id)));
	}
	return { session, user };
}

/** Ends a session; the consoles opened with it are closed (see `session.ended`). */
export async function invalidateSession(sessionId: string): Promise<void> {
	await transaction(() => db().delete(sessions).where(eq(sessions.id, sessionId)));
	publish({ name: 'session.ended', sessionId });
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date, secure: boolean): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: expiresAt,
		path: '/'
	});
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean): void {
	cookies.delete(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
