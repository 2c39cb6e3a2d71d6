import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from '../auth/session';

/** Pages and actions of the admin area: anyone else is sent to sign in, or told they may not. */
export function requireAdmin(locals: App.Locals, url: URL): SessionUser {
	const user = requireUser(locals, url);
	if (!user.isAdmin) error(403, 'Only admins set up meetings and accounts.');
	return user;
}

export function requireUser(locals: App.Locals, url: URL): SessionUser {
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.user;
}
