import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/admin/guard';
import {
	changePassword,
	newPasswordProblem,
	personDetailsOf,
	readPersonDetails,
	updatePersonDetails
} from '$lib/server/auth/accounts';
import { setSessionCookie } from '$lib/server/auth/session';
import { readForm } from '$lib/server/forms';

export async function load({ locals, url }) {
	const user = requireUser(locals, url);
	return { username: user.username, isAdmin: user.isAdmin, details: await personDetailsOf(user.id) };
}

export const actions = {
	/** The name and affiliation the console and the record give; an empty name falls back to the username. */
	details: async ({ request, locals, url }) => {
		const user = requireUser(locals, url);
		const read = readPersonDetails(await readForm(request));
		if (!read.ok) return fail(400, { details: read.refusal });
		if (!(await updatePersonDetails(user.id, read.details)))
			return fail(400, { details: { message: 'Your account is no longer active.', field: '', typed: null } });
		return { detailsSaved: true };
	},

	/** A new password ends every other session of the account, on every device. */
	password: async ({ request, locals, url, cookies }) => {
		const user = requireUser(locals, url);
		const form = await readForm(request);
		if (!form) return fail(400, { message: 'Send the form again.' });
		const current = String(form.get('current') ?? '');
		const next = String(form.get('next') ?? '');
		if (next !== String(form.get('repeat') ?? ''))
			return fail(400, { message: 'The new password and its repetition differ.' });
		const problem = await newPasswordProblem(next, user.username);
		if (problem) return fail(400, { message: problem });
		const outcome = await changePassword(user, current.slice(0, 256), next);
		if (!outcome.ok) return fail(400, { message: outcome.message });
		setSessionCookie(cookies, outcome.token, outcome.expiresAt, url.protocol === 'https:');
		return { changed: true };
	}
};
