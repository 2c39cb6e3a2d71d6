import { requireAdmin } from '$lib/server/admin/guard';
import { nameOf } from '$lib/server/auth/names';

export function load({ locals, url }) {
	const admin = requireAdmin(locals, url);
	return { name: nameOf(admin) };
}
