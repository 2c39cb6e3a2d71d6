/**
 * Personal invitations: one link per person on the organiser's list, one participant per link,
 * revocable. A link's token is an HMAC of the invitation's id under the server's secret, so the
 * organiser can download the links again; the table keeps only the token's SHA-256.
 */
import { createHmac } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import type { Cookies } from '@sveltejs/kit';
import type { Invitee, ListProblem } from '$lib/domain/invitations';
import { db, first, transaction } from '../db';
import { invitations, type Invitation, type Meeting, type Participant } from '../db/schema';
import { generateId, hashToken } from '../auth/tokens';
import { admitParticipant, revokeParticipant } from '../participants';
import { publish } from '../events';
import { serverSecret } from './secret';

export function invitationToken(invitationId: string): string {
	return createHmac('sha256', serverSecret())
		.update(`plenary invitation: ${invitationId}`)
		.digest('base64url')
		.slice(0, 32);
}

export function invitationPath(meeting: Meeting, invitationId: string): string {
	return `/m/${meeting.code}/i/${invitationToken(invitationId)}`;
}

/** Adds the people of a checked list; someone already invited (same reference) refuses the whole list. */
export function addInvitations(
	meetingId: string,
	invitees: Invitee[]
): Promise<{ ok: true; added: number } | { ok: false; problems: ListProblem[] }> {
	return transaction(async (tx) => {
		const known = new Set(
			(
				await tx
					.select({ reference: invitations.reference })
					.from(invitations)
					.where(eq(invitations.meetingId, meetingId))
			).map((row) => row.reference.toLowerCase())
		);
		const problems = invitees.flatMap((invitee, index) =>
			known.has(invitee.reference.toLowerCase())
				? [{ line: index + 2, message: `${invitee.reference} is already invited to this meeting` }]
				: []
		);
		if (problems.length) return { ok: false as const, problems };
		for (const invitee of invitees) {
			const id = generateId();
			await tx
				.insert(invitations)
				.values({ id, meetingId, tokenHash: hashToken(invitationToken(id)), ...invitee });
		}
		return { ok: true as const, added: invitees.length };
	});
}

export async function invitationsOf(meetingId: string): Promise<Invitation[]> {
	return await db()
		.select()
		.from(invitations)
		.where(eq(invitations.meetingId, meetingId))
		.orderBy(asc(invitations.createdAt), asc(invitations.name));
}

/** How many were invited, joined with their link, or were withdrawn: counted by the database. */
export async function invitationCounts(
	meetingId: string
): Promise<{ count: number; joined: number; withdrawn: number }> {
	const [counts] = await db()
		.select({
			count: count(),
			joined: count(invitations.claimedAt),
			withdrawn: count(invitations.revokedAt)
		})
		.from(invitations)
		.where(eq(invitations.meetingId, meetingId));
	return counts;
}

export async function findInvitation(
	meetingId: string,
	token: string | null
): Promise<Invitation | undefined> {
	if (!token || token.length > 64) return undefined;
	return await first(
		db()
			.select()
			.from(invitations)
			.where(and(eq(invitations.meetingId, meetingId), eq(invitations.tokenHash, hashToken(token))))
	);
}

export type InvitationState = 'open' | 'claimed' | 'revoked' | 'missing';

export function invitationState(invitation: Invitation | undefined): InvitationState {
	if (!invitation) return 'missing';
	if (invitation.revokedAt) return 'revoked';
	return invitation.participantId ? 'claimed' : 'open';
}

/**
 * Makes the invitee a participant, with the name and group the organiser gave (they can change
 * them), unless someone claimed the invitation first: one participant per invitation.
 */
export function claimInvitation(
	meeting: Meeting,
	invitationId: string,
	cookies: Cookies,
	secure: boolean
): Promise<Participant | null> {
	return transaction(async (tx) => {
		const invitation = await first(tx.select().from(invitations).where(eq(invitations.id, invitationId)));
		if (invitationState(invitation) !== 'open' || !invitation) return null;
		const participant = await admitParticipant(meeting, cookies, secure, {
			displayName: invitation.name,
			stakeholderGroup: invitation.stakeholderGroup
		});
		await tx
			.update(invitations)
			.set({ participantId: participant.id, claimedAt: new Date() })
			.where(eq(invitations.id, invitationId));
		return participant;
	});
}

/** Withdraws an invitation; whoever claimed it loses their place at once (their phone is disconnected). */
export async function revokeInvitation(meetingId: string, invitationId: string): Promise<boolean> {
	const invitation = await first(
		db()
			.update(invitations)
			.set({ revokedAt: new Date() })
			.where(and(eq(invitations.meetingId, meetingId), eq(invitations.id, invitationId)))
			.returning()
	);
	if (!invitation) return false;
	if (invitation.participantId) {
		await revokeParticipant(invitation.participantId);
		publish({ name: 'participant.removed', meetingId, participantId: invitation.participantId });
	}
	return true;
}
