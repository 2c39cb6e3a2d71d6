import { rolesIn } from '../auth/roles';
import { validateSessionToken } from '../auth/session';
import type { SocketData } from './hub';

/**
 * Whether a staff connection still speaks for a signed-in user with a role in its meeting: checked
 * again before anything staff-only is sent, since a session can end (signing out, expiry, a new
 * password, removal) and a role can go while the console stays open.
 */
export async function stillStaff(data: SocketData): Promise<boolean> {
	if (data.role !== 'moderator' || !data.sessionToken) return false;
	const { user } = await validateSessionToken(data.sessionToken);
	return user !== null && user.id === data.userId && (await rolesIn(user, data.meetingId)).size > 0;
}
