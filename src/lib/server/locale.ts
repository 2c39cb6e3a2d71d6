import type { Cookies } from '@sveltejs/kit';
import { normaliseJoinCode } from '$lib/domain/meeting';
import { DEFAULT_LOCALE, isLocale, negotiateLocale, type Locale } from '$lib/i18n/locales';
import { findMeetingByCode } from './meetings/store';

export const LOCALE_COOKIE = 'plenary-locale';

/**
 * Pages attendees and the projector see, in the six languages. Staff pages (console, record,
 * admin) stay in English.
 */
const TRANSLATED_ROUTES = new Set(['/', '/m/[code]', '/m/[code]/join', '/m/[code]/projector']);

interface LocaleRequest {
	url: URL;
	cookies: Cookies;
	request: Request;
	route: { id: string | null };
	params: Partial<Record<string, string>>;
}

/**
 * A language asked for in the address (`?lang=fr`), then one chosen before, then the browser's;
 * a browser that asks for none of ours gets the language the meeting is held in.
 */
export async function localeOfRequest({
	url,
	cookies,
	request,
	route,
	params
}: LocaleRequest): Promise<Locale> {
	if (!route.id || !TRANSLATED_ROUTES.has(route.id)) return DEFAULT_LOCALE;
	const asked = url.searchParams.get('lang');
	if (isLocale(asked)) return asked;
	const chosen = cookies.get(LOCALE_COOKIE);
	if (isLocale(chosen)) return chosen;
	return negotiateLocale(request.headers.get('accept-language'), await languageOfMeeting(params.code));
}

async function languageOfMeeting(code: string | undefined): Promise<Locale> {
	if (code === undefined) return DEFAULT_LOCALE;
	return (await findMeetingByCode(normaliseJoinCode(code)))?.language ?? DEFAULT_LOCALE;
}

/** Remembers a language picked on a page, for a year, on this device. */
export function rememberLocale(cookies: Cookies, locale: Locale, secure: boolean): void {
	cookies.set(LOCALE_COOKIE, locale, {
		path: '/',
		maxAge: 60 * 60 * 24 * 365,
		httpOnly: true,
		sameSite: 'lax',
		secure
	});
}
