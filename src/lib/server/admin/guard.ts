import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from '../auth/session';
import type { Meeting } from '../db/schema';
import { requireMeeting } from '../meetings/access';

/** Pages and actions of the admin area: anyone else is sent to sign in, or told they may not. */
export function requireAdmin(locals: App.Locals, url: URL): SessionUser {
	const user = requireUser(locals, url);
	if (!user.isAdmin) error(403, 'Only admins set up meetings and accounts.');
	return user;
}

/** An admin page or action about one meeting: the caller is an admin and the meeting exists. */
export async function requireAdminMeeting({
	locals,
	url,
	params
}: {
	locals: App.Locals;
	url: URL;
	params: { code: string };
}): Promise<Meeting> {
	requireAdmin(locals, url);
	return await requireMeeting(params.code);
}

export function requireUser(locals: App.Locals, url: URL): SessionUser {
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.user;
}
