/**
 * Every decision about a newcomer in one place: whether the meeting takes new people, the loose
 * per-address limit, the proof of work, and what the meeting asks of those who take part. A new
 * participant exists only when all of them say yes, and only from a POST.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { MessageId, MessageValues } from '$lib/i18n/messages';
import type { Meeting, Participant } from '../db/schema';
import { sessionSealed } from '$lib/domain/record/clock';
import { admitParticipant } from '../participants';
import { limits, waitValues } from '../limits';
import { spendProof } from './proof';
import { roomCodeMatches, staffRoomCode } from './roomCode';
import { claimInvitation, findInvitation, invitationCounts, invitationState } from './invitations';
import type { SessionUser } from '../auth/session';
import type { Participation } from '$lib/components/moderator/participation';

export interface JoinRequest {
	/** The phone's answer to its join challenge, as the form sent it (JSON). */
	proof: string | null;
	passcode: string | null;
	/** The code the projector shows, for a meeting that asks for it. */
	roomCode: string | null;
	/** The token of a personal invitation's link, for a meeting that takes part by invitation. */
	invitation: string | null;
	/** The network address it came from, for the loose per-address limit. */
	address: string;
	cookies: Cookies;
	secure: boolean;
}

export type JoinOutcome =
	| { admitted: true; participant: Participant }
	| { admitted: false; status: number; message: MessageId; values?: MessageValues };

function refused(status: number, message: MessageId, values?: MessageValues): JoinOutcome {
	return { admitted: false, status, message, values };
}

/** What a meeting asks a newcomer to type besides the proof: its passcode, its room code, both or neither. */
export function joinRequirements(meeting: Meeting): {
	passcode: boolean;
	roomCode: boolean;
	invitation: boolean;
} {
	return {
		passcode: meeting.passcode !== null,
		roomCode: meeting.participation === 'room_code',
		invitation: meeting.participation === 'invitation'
	};
}

/** An archived meeting, or a session that has ended (its record sealed), takes no one new. */
export function takesNoNewcomers(meeting: Meeting): boolean {
	return meeting.archivedAt !== null || sessionSealed(meeting);
}

/** Whether newcomers go through the join page first: something to type, or a meeting that takes no one. */
export function needsJoinPage(meeting: Meeting): boolean {
	const { passcode, roomCode, invitation } = joinRequirements(meeting);
	return passcode || roomCode || invitation || takesNoNewcomers(meeting);
}

/** Who may take part, for the meeting's staff: the rule, the room code now, the invitations. */
export async function participationFor(meeting: Meeting, user: SessionUser | null): Promise<Participation> {
	const roomCode = await staffRoomCode(meeting, user);
	return {
		rule: meeting.participation,
		passcode: meeting.passcode !== null,
		roomCode: roomCode === 'staff only' ? null : roomCode,
		invitations: meeting.participation === 'invitation' ? await invitationCounts(meeting.id) : null
	};
}

function samePasscode(typed: string, passcode: string): boolean {
	const a = Buffer.from(typed.trim().toUpperCase());
	const b = Buffer.from(passcode.toUpperCase());
	return a.length === b.length && timingSafeEqual(a, b);
}

/** Decides whether a newcomer joins; when it does, the participant exists and its cookie is set. */
export async function admitNewcomer(meeting: Meeting, request: JoinRequest): Promise<JoinOutcome> {
	if (takesNoNewcomers(meeting)) return refused(410, 'join.refused.ended');
	const wait = await limits.joinPerAddress.take(request.address);
	if (wait !== null) return refused(429, 'join.refused.join-limit', waitValues(wait));
	const asks = joinRequirements(meeting);
	const invitation = asks.invitation ? await findInvitation(meeting.id, request.invitation) : undefined;
	if (asks.invitation) {
		const state = invitationState(invitation);
		if (state === 'missing') return refused(403, 'join.refused.invitation-needed');
		if (state === 'revoked') return refused(410, 'join.refused.invitation-revoked');
		if (state === 'claimed') return refused(409, 'join.refused.invitation-used');
	}
	if (asks.passcode || asks.roomCode) {
		const guessing = await limits.codePerAddress.take(request.address);
		if (guessing !== null) return refused(429, 'join.refused.passcode-limit', waitValues(guessing));
	}
	// The proof is spent even when a code is wrong: each guess costs the guesser a proof.
	const proof = await spendProof(meeting.id, request.proof);
	if (proof === 'busy') return refused(503, 'join.refused.busy');
	if (proof !== 'verified') return refused(403, 'join.refused.proof');
	// A personal invitation stands in for the passcode: it names the one person it admits.
	if (
		meeting.passcode &&
		!invitation &&
		!samePasscode((request.passcode ?? '').slice(0, 64), meeting.passcode)
	)
		return refused(400, 'join.refused.passcode');
	if (asks.roomCode && !roomCodeMatches(meeting.id, request.roomCode ?? ''))
		return refused(400, 'join.refused.room-code');
	if (invitation) {
		const claimed = await claimInvitation(meeting, invitation.id, request.cookies, request.secure);
		return claimed ? { admitted: true, participant: claimed } : refused(409, 'join.refused.invitation-used');
	}
	return { admitted: true, participant: await admitParticipant(meeting, request.cookies, request.secure) };
}
