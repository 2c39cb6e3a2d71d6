import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { generateToken } from './tokens';

/**
 * A device an account signed in from before: a cookie kept a year on that browser, signed with the
 * account's password hash (never sent anywhere, and changed with the password, which forgets every
 * device). A known device's sign-in attempts are counted apart from everyone else's (guessing.ts).
 */
const DEVICE_LIFETIME_S = 365 * 24 * 60 * 60;

export const deviceCookieName = (userId: string) => `plenary-device-${userId}`;

function signatureOf(account: { id: string; passwordHash: string }, nonce: string): Buffer {
	return createHmac('sha256', account.passwordHash).update(`${account.id}.${nonce}`).digest();
}

/** The device this cookie names for this account, or null when it is missing or not signed by it. */
export function knownDevice(
	cookies: Cookies,
	account: { id: string; passwordHash: string } | null
): string | null {
	if (!account) return null;
	const [nonce, signature] = (cookies.get(deviceCookieName(account.id)) ?? '').split('.');
	if (!nonce || !signature) return null;
	const expected = signatureOf(account, nonce);
	const given = Buffer.from(signature, 'base64url');
	return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
}

/** Remembers this browser for the account after a successful sign-in. */
export function rememberDevice(
	cookies: Cookies,
	account: { id: string; passwordHash: string },
	secure: boolean
): void {
	const nonce = knownDevice(cookies, account) ?? generateToken();
	cookies.set(deviceCookieName(account.id), `${nonce}.${signatureOf(account, nonce).toString('base64url')}`, {
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: DEVICE_LIFETIME_S,
		path: '/login'
	});
}
