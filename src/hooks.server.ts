import { error, type Handle, type ServerInit } from '@sveltejs/kit';
import {
	SESSION_COOKIE,
	deleteSessionCookie,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { attachRealtime } from '$lib/server/realtime';
import { startPlenary } from '$lib/server/startup';
import { localeOfRequest } from '$lib/server/locale';
import { directionOf } from '$lib/i18n/locales';

export const init: ServerInit = async () => {
	await startPlenary();
	if (globalThis.plenaryHttpServer) attachRealtime(globalThis.plenaryHttpServer);
};

const SECURITY_HEADERS: Record<string, string> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=()'
};

export const handle: Handle = async ({ event, resolve }) => {
	// No page, code or token holds the NUL character (and PostgreSQL's text cannot): refused at the door.
	if (/%00/.test(event.url.pathname + event.url.search))
		error(400, 'This address holds a character no page has.');
	const token = event.cookies.get(SESSION_COOKIE);
	const secure = event.url.protocol === 'https:';
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const { session, user } = await validateSessionToken(token);
		if (session) setSessionCookie(event.cookies, token, session.expiresAt, secure);
		else deleteSessionCookie(event.cookies, secure);
		event.locals.user = user;
		event.locals.session = session;
	}
	event.locals.locale = await localeOfRequest(event);
	const { locale } = event.locals;
	const response = await resolve(event, {
		transformPageChunk: ({ html }) =>
			html.replace('%plenary.lang%', locale).replace('%plenary.dir%', directionOf(locale))
	});
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	return response;
};
