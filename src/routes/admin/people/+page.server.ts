import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireAdmin } from '$lib/server/admin/guard';
import {
	createAccount,
	listAccounts,
	newPasswordProblem,
	passwordSchema,
	readPersonDetails,
	removeAccount,
	updatePersonDetails,
	usernameSchema
} from '$lib/server/auth/accounts';
import { readForm } from '$lib/server/forms';

export async function load({ locals, url }) {
	requireAdmin(locals, url);
	return { accounts: await listAccounts() };
}

const newAccountSchema = z.object({
	username: usernameSchema,
	password: passwordSchema,
	isAdmin: z.boolean()
});

export const actions = {
	create: async ({ request, locals, url }) => {
		requireAdmin(locals, url);
		const form = await readForm(request);
		if (!form) return fail(400, { create: { message: 'Send the form again.', username: '' } });
		const username = String(form.get('username') ?? '').slice(0, 64);
		const parsed = newAccountSchema.safeParse({
			username,
			password: String(form.get('password') ?? ''),
			isAdmin: form.get('isAdmin') === 'on'
		});
		if (!parsed.success) return fail(400, { create: { message: parsed.error.issues[0].message, username } });
		const weakness = await newPasswordProblem(parsed.data.password, parsed.data.username);
		if (weakness) return fail(400, { create: { message: weakness, username } });
		const outcome = await createAccount(parsed.data.username, parsed.data.password, parsed.data.isAdmin);
		if (!outcome.ok) return fail(400, { create: { message: outcome.message, username } });
		return { created: parsed.data.username };
	},

	/** An admin names someone as the record should (a display name and affiliation they did not set themselves). */
	details: async ({ request, locals, url }) => {
		requireAdmin(locals, url);
		const form = await readForm(request);
		const userId = String(form?.get('userId') ?? '').slice(0, 64);
		const read = readPersonDetails(form);
		if (!read.ok) return fail(400, { details: { userId, ...read.refusal } });
		if (!(await updatePersonDetails(userId, read.details))) {
			const message = 'That account no longer exists or was removed.';
			return fail(400, { details: { userId, message, field: '', typed: null } });
		}
		return { detailsSaved: userId };
	},

	/** Removing an account ends its sessions and open consoles at once; the record keeps its name. */
	remove: async ({ request, locals, url }) => {
		const admin = requireAdmin(locals, url);
		const form = await readForm(request);
		const userId = String(form?.get('userId') ?? '');
		if (userId === admin.id) return fail(400, { remove: { message: 'You cannot remove your own account.' } });
		if (!(await removeAccount(userId)))
			return fail(400, { remove: { message: 'That account is already removed.' } });
		return { removed: true };
	}
};
