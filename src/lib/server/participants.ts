import { and, eq, lte, sql } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import type { Gender, ParticipationMode, StakeholderGroup } from '$lib/domain/meeting';
import type { RecordFacts } from '$lib/domain/record/facts';
import { db, first, prepared, transaction } from './db';
import { publish, subscribe } from './events';
import { participants, type Meeting, type Participant } from './db/schema';
import { generateId, generateToken, hashToken } from './auth/tokens';

/** One cookie per meeting, so an attendee of two meetings holds two unrelated identities. */
export function participantCookieName(meetingCode: string): string {
	return `plenary-attendee-${meetingCode}`;
}

const participantByToken = prepared((database) =>
	database
		.select()
		.from(participants)
		.where(
			and(
				eq(participants.meetingId, sql.placeholder('meetingId')),
				eq(participants.tokenHash, sql.placeholder('tokenHash'))
			)
		)
		.prepare()
);

export async function findParticipant(
	meetingId: string,
	token: string | undefined
): Promise<Participant | undefined> {
	if (!token) return undefined;
	return await first(participantByToken().execute({ meetingId, tokenHash: hashToken(token) }));
}

/** Every join inserts a participant and most save a profile: both prepared once per database. */
const participantWrites = prepared((database) => ({
	insert: database
		.insert(participants)
		.values({
			id: sql.placeholder('id'),
			meetingId: sql.placeholder('meetingId'),
			tokenHash: sql.placeholder('tokenHash'),
			displayName: sql.placeholder('displayName'),
			stakeholderGroup: sql.placeholder('stakeholderGroup')
		})
		.returning()
		.prepare(),
	// drizzle types `set` without placeholders; wrapped in `sql`, each is bound as it is.
	profile: database
		.update(participants)
		.set({
			displayName: sql`${sql.placeholder('displayName')}`,
			affiliation: sql`${sql.placeholder('affiliation')}`,
			stakeholderGroup: sql`${sql.placeholder('stakeholderGroup')}`,
			mode: sql`${sql.placeholder('mode')}`,
			gender: sql`${sql.placeholder('gender')}`
		})
		.where(eq(participants.id, sql.placeholder('participantId')))
		.returning()
		.prepare()
}));

async function createParticipant(
	meetingId: string,
	{
		displayName = null,
		stakeholderGroup = null
	}: Partial<Pick<Participant, 'displayName' | 'stakeholderGroup'>>
): Promise<{ token: string; participant: Participant }> {
	const token = generateToken();
	const [participant] = await participantWrites().insert.execute({
		id: generateId(),
		meetingId,
		tokenHash: hashToken(token),
		displayName,
		stakeholderGroup
	});
	return { token, participant };
}

const THIRTY_DAYS_S = 30 * 24 * 60 * 60;

/** A new attendee of the meeting, remembered by this browser for thirty days. */
export async function admitParticipant(
	meeting: Meeting,
	cookies: Cookies,
	secure: boolean,
	profile: Partial<Pick<Participant, 'displayName' | 'stakeholderGroup'>> = {}
): Promise<Participant> {
	const { token, participant } = await createParticipant(meeting.id, profile);
	cookies.set(participantCookieName(meeting.code), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: THIRTY_DAYS_S
	});
	return participant;
}

/**
 * Ends a participant's access (a withdrawn invitation): their token no longer matches, so their
 * cookie opens nothing; what they did before stays in the record.
 */
export async function revokeParticipant(participantId: string): Promise<void> {
	await transaction(() =>
		db()
			.update(participants)
			.set({ tokenHash: `revoked:${generateToken()}` })
			.where(eq(participants.id, participantId))
	);
}

export interface Profile {
	displayName: string | null;
	/** Given beside the name when the attendee speaks from the floor; never with anonymous content. */
	affiliation: string | null;
	stakeholderGroup: StakeholderGroup | null;
	mode: ParticipationMode | null;
}

/**
 * Profiles by participant id: every ballot, question and turn carries one, so they are read once;
 * a change, wherever it was made, has every process read it again.
 */
const profiles = new Map<string, Profile>();
subscribe('participant.profiled', ({ participantId }) => profiles.delete(participantId));

/** Reads every profile again at its next use (this process may have missed changes). */
export function forgetProfiles(): void {
	profiles.clear();
}

/** Saves the profile; gender goes to its own column, which nothing but the report's counts reads. */
export async function updateProfile(
	participantId: string,
	profile: Profile,
	gender: Gender | null
): Promise<Participant> {
	const [updated] = await transaction(() =>
		participantWrites().profile.execute({ ...profile, gender, participantId })
	);
	publish({ name: 'participant.profiled', participantId });
	return updated;
}

/** What an attendee said about themselves, as their questions, comments, ballots and turns carry it. */
const profileById = prepared((database) =>
	database
		.select({
			displayName: participants.displayName,
			affiliation: participants.affiliation,
			stakeholderGroup: participants.stakeholderGroup,
			mode: participants.mode
		})
		.from(participants)
		.where(eq(participants.id, sql.placeholder('participantId')))
		.prepare()
);

export async function profileOf(participantId: string): Promise<Profile> {
	const known = profiles.get(participantId);
	if (known) return known;
	const row = await first(profileById().execute({ participantId }));
	const profile = {
		displayName: row?.displayName ?? null,
		affiliation: row?.affiliation ?? null,
		stakeholderGroup: row?.stakeholderGroup ?? null,
		mode: row?.mode ?? null
	};
	if (row) profiles.set(participantId, profile);
	return profile;
}

/**
 * Who took part, for the report's counts: group and mode, and only whether they said they are a
 * woman. Only those who joined before the session's end (`endedAt`) count.
 */
export async function participantFactsOf(
	meetingId: string,
	endedAt: Date | null
): Promise<RecordFacts['participants']> {
	return (
		await db()
			.select({
				stakeholderGroup: participants.stakeholderGroup,
				mode: participants.mode,
				gender: participants.gender
			})
			.from(participants)
			.where(
				and(eq(participants.meetingId, meetingId), endedAt ? lte(participants.createdAt, endedAt) : undefined)
			)
	).map((p) => ({
		stakeholderGroup: p.stakeholderGroup,
		mode: p.mode,
		woman: p.gender === 'woman',
		genderStated: p.gender !== null
	}));
}
