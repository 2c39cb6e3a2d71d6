export function load({ locals }) {
	return { user: locals.user ? { username: locals.user.username, isAdmin: locals.user.isAdmin } : null };
}
