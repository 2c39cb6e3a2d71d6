import { and, asc, eq } from 'drizzle-orm';
import { MEETING_ROLES, type MeetingRole } from '$lib/domain/meeting';
import { db } from '../db';
import { meetingRoles, users } from '../db/schema';
import { personAffiliation, personName } from './names';
import type { SessionUser } from './session';

/** The roles a user holds in one meeting; an admin holds every role in every meeting. */
export async function rolesIn(user: SessionUser | null, meetingId: string): Promise<Set<MeetingRole>> {
	if (!user) return new Set();
	if (user.isAdmin) return new Set(MEETING_ROLES);
	const rows = await db()
		.select({ role: meetingRoles.role })
		.from(meetingRoles)
		.where(and(eq(meetingRoles.meetingId, meetingId), eq(meetingRoles.userId, user.id)));
	return new Set(rows.map((row) => row.role));
}

export async function canModerate(user: SessionUser | null, meetingId: string): Promise<boolean> {
	return (await rolesIn(user, meetingId)).has('moderator');
}

/** Who keeps and exports the record: the meeting's moderators and rapporteurs (and admins). */
export async function canKeepRecord(user: SessionUser | null, meetingId: string): Promise<boolean> {
	const roles = await rolesIn(user, meetingId);
	return roles.has('moderator') || roles.has('rapporteur');
}

/**
 * Who holds which role in a meeting, named as they chose (display name, else username) with their
 * affiliation ('' when none), in alphabetical order of the name (admins not included).
 */
export async function roleHoldersOf(
	meetingId: string
): Promise<{ role: MeetingRole; userId: string; name: string; affiliation: string }[]> {
	return await db()
		.select({
			role: meetingRoles.role,
			userId: users.id,
			name: personName(),
			affiliation: personAffiliation()
		})
		.from(meetingRoles)
		.innerJoin(users, eq(users.id, meetingRoles.userId))
		.where(eq(meetingRoles.meetingId, meetingId))
		.orderBy(asc(personName()));
}
