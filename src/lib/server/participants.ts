import { and, eq, lte, sql } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import type { Gender, ParticipationMode, StakeholderGroup } from '$lib/domain/meeting';
import type { RecordFacts } from '$lib/domain/record/facts';
import { db, prepared } from './db';
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

export function findParticipant(meetingId: string, token: string | undefined): Participant | undefined {
	if (!token) return undefined;
	return participantByToken().get({ meetingId, tokenHash: hashToken(token) });
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

function createParticipant(
	meetingId: string,
	{
		displayName = null,
		stakeholderGroup = null
	}: Partial<Pick<Participant, 'displayName' | 'stakeholderGroup'>>
): { token: string; participant: Participant } {
	const token = generateToken();
	const participant = participantWrites().insert.get({
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
export function admitParticipant(
	meeting: Meeting,
	cookies: Cookies,
	secure: boolean,
	profile: Partial<Pick<Participant, 'displayName' | 'stakeholderGroup'>> = {}
): Participant {
	const { token, participant } = createParticipant(meeting.id, profile);
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
export function revokeParticipant(participantId: string): void {
	db()
		.update(participants)
		.set({ tokenHash: `revoked:${generateToken()}` })
		.where(eq(participants.id, participantId))
		.run();
}

export interface Profile {
	displayName: string | null;
	/** Given beside the name when the attendee speaks from the floor; never with anonymous content. */
	affiliation: string | null;
	stakeholderGroup: StakeholderGroup | null;
	mode: ParticipationMode | null;
}

/** Profiles by participant id: every ballot, question and turn carries one, so they are read once. */
const profiles = new Map<string, Profile>();

/** Saves the profile; gender goes to its own column, which nothing but the report's counts reads. */
export function updateProfile(participantId: string, profile: Profile, gender: Gender | null): Participant {
	profiles.delete(participantId);
	return participantWrites().profile.get({ ...profile, gender, participantId });
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

export function profileOf(participantId: string): Profile {
	const known = profiles.get(participantId);
	if (known) return known;
	const row = profileById().get({ participantId });
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
export function participantFactsOf(meetingId: string, endedAt: Date | null): RecordFacts['participants'] {
	return db()
		.select({
			stakeholderGroup: participants.stakeholderGroup,
			mode: participants.mode,
			gender: participants.gender
		})
		.from(participants)
		.where(
			and(eq(participants.meetingId, meetingId), endedAt ? lte(participants.createdAt, endedAt) : undefined)
		)
		.all()
		.map((p) => ({
			stakeholderGroup: p.stakeholderGroup,
			mode: p.mode,
			woman: p.gender === 'woman',
			genderStated: p.gender !== null
		}));
}
