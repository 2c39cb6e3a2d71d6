import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n/locales';
import { rememberLocale } from '$lib/server/locale';
import { translationsFor } from '$lib/server/i18n';
import { nameOf } from '$lib/server/auth/names';

export function load({ locals, url, cookies, route }) {
	// A language picked from a page's language links is remembered, and the address cleaned of it.
	const asked = url.searchParams.get('lang');
	if (asked !== null) {
		if (isLocale(asked)) rememberLocale(cookies, asked, url.protocol === 'https:');
		const clean = new URL(url);
		clean.searchParams.delete('lang');
		redirect(303, clean.pathname + clean.search);
	}
	// Read so that moving between a translated page and a staff page loads the right language.
	void route.id;
	return {
		user: locals.user ? { name: nameOf(locals.user), isAdmin: locals.user.isAdmin } : null,
		i18n: translationsFor(locals.locale)
	};
}
