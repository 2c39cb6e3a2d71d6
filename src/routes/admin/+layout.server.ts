import { requireAdmin } from '$lib/server/admin/guard';

export function load({ locals, url }) {
	const admin = requireAdmin(locals, url);
	return { username: admin.username };
}
