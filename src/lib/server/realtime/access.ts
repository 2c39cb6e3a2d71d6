import type { AckError } from '$lib/realtime/protocol';
import type { MeetingRole } from '$lib/domain/meeting';
import { canModerate, rolesIn } from '../auth/roles';
import { validateSessionToken, type SessionUser } from '../auth/session';
import { fail } from './ack';
import type { SocketData } from './hub';

/**
 * Moderator commands are checked against the session on every event, not only at the handshake,
 * so that signing out (or losing the role) takes effect on open sockets at once.
 */
export function moderatorOf(data: SocketData): { user: SessionUser } | { error: AckError } {
	const user = data.sessionToken ? validateSessionToken(data.sessionToken).user : null;
	if (data.role !== 'moderator' || !user) return fail('unauthorised', 'Sign in as a moderator to do this.');
	if (!canModerate(user, data.meetingId))
		return fail('forbidden', 'You are not a moderator of this meeting.');
	return { user };
}

/** For events open to several staff roles: the user and the roles they hold now. */
export function staffOf(
	data: SocketData,
	allowed: readonly MeetingRole[]
): { user: SessionUser; roles: Set<MeetingRole> } | { error: AckError } {
	const user = data.sessionToken ? validateSessionToken(data.sessionToken).user : null;
	if (data.role !== 'moderator' || !user) return fail('unauthorised', 'Sign in to do this.');
	const roles = rolesIn(user, data.meetingId);
	if (!allowed.some((role) => roles.has(role)))
		return fail('forbidden', 'Your role in this meeting does not allow this.');
	return { user, roles };
}

/** Attendee events come from a phone that joined this meeting; `why` tells anyone else what to do. */
export function attendeeOf(data: SocketData, why: string): { participantId: string } | { error: AckError } {
	if (data.role !== 'attendee' || !data.participantId) return fail('unauthorised', why);
	return { participantId: data.participantId };
}
