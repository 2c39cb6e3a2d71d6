import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import { verifyPassword } from '$lib/server/auth/password';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { limits, waitHint } from '$lib/server/limits';
import { readForm } from '$lib/server/forms';

/** Only paths inside the app are followed after sign-in, never another site. */
function safeRedirect(target: string | null): string {
	return target && target.startsWith('/') && !target.startsWith('//') ? target : '/';
}

export function load({ locals, url }) {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
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
		const wait =
			(await limits.signInPerAddress.take(getClientAddress())) ??
			(await limits.signInPerUser.take(username.toLowerCase()));
		if (wait !== null) {
			return fail(429, {
				username,
				message: `Too many sign-in attempts: try again in ${waitHint(wait)}.`
			});
		}
		const user = db().select().from(users).where(eq(users.username, username)).get();
		if (!user || user.removedAt || !(await verifyPassword(user.passwordHash, password))) {
			return fail(400, { username, message: 'Wrong username or password.' });
		}
		await limits.signInPerUser.forget(username.toLowerCase());
		const { token, session } = createSession(user.id);
		setSessionCookie(cookies, token, session.expiresAt, url.protocol === 'https:');
		redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	}
};
