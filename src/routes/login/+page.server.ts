import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { db, first } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { passwordMatches } from '$lib/server/auth/password';
import { passwordChecks } from '$lib/server/auth/checks';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { knownDevice, rememberDevice } from '$lib/server/auth/devices';
import { signInGuard, type SignInSource } from '$lib/server/auth/guessing';
import { waitHint } from '$lib/server/limits';
import { readForm } from '$lib/server/forms';
import { safeRedirectPath } from '$lib/server/http/redirects';

export function load({ locals, url }) {
	if (locals.user) redirect(303, safeRedirectPath(url.searchParams.get('redirectTo')));
	return {};
}

export const actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await readForm(request);
		if (!form) return fail(400, { username: '', message: 'Enter your username and password.' });
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (!username || !password || username.length > 64 || password.length > 256) {
			return fail(400, { username: username.slice(0, 64), message: 'Enter your username and password.' });
		}
		const found = await first(db().select().from(users).where(eq(users.username, username)));
		const account = found && !found.removedAt ? found : null;
		const device = knownDevice(cookies, account);
		const source: SignInSource = device
			? { kind: 'device', device }
			: { kind: 'address', address: getClientAddress() };
		const key = username.toLowerCase();
		const wait = signInGuard.waitFor(key, source);
		if (wait !== null) {
			return fail(429, {
				username,
				message: `Several wrong passwords in a row: try again in ${waitHint(wait)}.`
			});
		}
		const matches = await passwordChecks.run(device !== null, () => passwordMatches(account, password));
		if (matches === null) {
			return fail(503, {
				username,
				message: 'Many sign-ins are being checked at once: try again in a few seconds.'
			});
		}
		if (!matches || !account) {
			signInGuard.failed(key, source);
			return fail(400, { username, message: 'Wrong username or password.' });
		}
		signInGuard.succeeded(key, source);
		const secure = url.protocol === 'https:';
		rememberDevice(cookies, account, secure);
		const { token, session } = await createSession(account.id);
		setSessionCookie(cookies, token, session.expiresAt, secure);
		redirect(303, safeRedirectPath(url.searchParams.get('redirectTo')));
	}
};
