import { and, asc, eq } from 'drizzle-orm';
import { MEETING_ROLES, type MeetingRole } from '$lib/domain/meeting';
import { db } from '../db';
import { meetingRoles, users } from '../db/schema';
import { personAffiliation, personName } from './names';
import type { SessionUser } from './session';

/** The roles a user holds in one meeting; an admin holds every role in every meeting. */
export function rolesIn(user: SessionUser | null, meetingId: string): Set<MeetingRole> {
	if (!user) return new Set();
	if (user.isAdmin) return new Set(MEETING_ROLES);
	const rows = db()
		.select({ role: meetingRoles.role })
		.from(meetingRoles)
		.where(and(eq(meetingRoles.meetingId, meetingId), eq(meetingRoles.userId, user.id)))
		.all();
	return new Set(rows.map((row) => row.role));
}

export function canModerate(user: SessionUser | null, meetingId: string): boolean {
	return rolesIn(user, meetingId).has('moderator');
}

/** Who keeps and exports the record: the meeting's moderators and rapporteurs (and admins). */
export function canKeepRecord(user: SessionUser | null, meetingId: string): boolean {
	const roles = rolesIn(user, meetingId);
	return roles.has('moderator') || roles.has('rapporteur');
}

/**
 * Who holds which role in a meeting, named as they chose (display name, else username) with their
 * affiliation ('' when none), in alphabetical order of the name (admins not included).
 */
export function roleHoldersOf(
	meetingId: string
): { role: MeetingRole; userId: string; name: string; affiliation: string }[] {
	return db()
		.select({
			role: meetingRoles.role,
			userId: users.id,
			name: personName(),
			affiliation: personAffiliation()
		})
		.from(meetingRoles)
		.innerJoin(users, eq(users.id, meetingRoles.userId))
		.where(eq(meetingRoles.meetingId, meetingId))
		.orderBy(asc(personName()))
		.all();
}
