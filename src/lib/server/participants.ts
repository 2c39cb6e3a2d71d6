import { and, eq } from 'drizzle-orm';
import type { Gender, ParticipationMode, StakeholderGroup } from '$lib/domain/meeting';
import { db } from './db';
import { participants, type Participant } from './db/schema';
import { generateId, generateToken, hashToken } from './auth/tokens';

/** One cookie per meeting, so an attendee of two meetings holds two unrelated identities. */
export function participantCookieName(meetingCode: string): string {
	return `plenary-attendee-${meetingCode}`;
}

export function findParticipant(meetingId: string, token: string | undefined): Participant | undefined {
	if (!token) return undefined;
	return db()
		.select()
		.from(participants)
		.where(and(eq(participants.meetingId, meetingId), eq(participants.tokenHash, hashToken(token))))
		.get();
}

export function createParticipant(meetingId: string): { token: string; participant: Participant } {
	const token = generateToken();
	const participant = db()
		.insert(participants)
		.values({ id: generateId(), meetingId, tokenHash: hashToken(token) })
		.returning()
		.get();
	return { token, participant };
}

export interface Profile {
	displayName: string | null;
	stakeholderGroup: StakeholderGroup | null;
	mode: ParticipationMode | null;
}

/** Saves the profile; gender goes to its own column, which nothing but the report's counts reads. */
export function updateProfile(participantId: string, profile: Profile, gender: Gender | null): Participant {
	return db()
		.update(participants)
		.set({ ...profile, gender })
		.where(eq(participants.id, participantId))
		.returning()
		.get();
}

/** What an attendee said about themselves, as their questions, comments, ballots and turns carry it. */
export function profileOf(participantId: string): Profile {
	const row = db().select().from(participants).where(eq(participants.id, participantId)).get();
	return {
		displayName: row?.displayName ?? null,
		stakeholderGroup: (row?.stakeholderGroup as StakeholderGroup | null) ?? null,
		mode: row?.mode ?? null
	};
}
