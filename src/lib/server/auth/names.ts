import { sql } from 'drizzle-orm';
import { users } from '../db/schema';

/** How Plenary names a staff member: the display name they chose, or their username when they chose none. */
export function nameOf(user: { username: string; displayName: string | null }): string {
	return user.displayName ?? user.username;
}

/** `nameOf` in a query over `users`; null only where a left join found no user. */
export const personName = () => sql<string>`coalesce(${users.displayName}, ${users.username})`;
export const personNameIfAny = () => sql<string | null>`coalesce(${users.displayName}, ${users.username})`;

/** The affiliation given beside the name in the record: '' when the person gave none. */
export const personAffiliation = () => sql<string>`coalesce(${users.affiliation}, '')`;
