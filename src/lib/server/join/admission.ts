/**
 * Every decision about a newcomer in one place: whether the meeting takes new people, the loose
 * per-address limit, the proof of work, and what the meeting asks of those who take part. A new
 * participant exists only when all of them say yes, and only from a POST.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import type { MessageId, MessageValues } from '$lib/i18n/messages';
import type { Meeting, Participant } from '../db/schema';
import { admitParticipant } from '../participants';
import { limits, waitValues } from '../limits';
import { spendProof } from './proof';

export interface JoinRequest {
	/** The phone's answer to its join challenge, as the form sent it (JSON). */
	proof: string | null;
	passcode: string | null;
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

/** What a meeting asks of a newcomer besides the proof: nothing, or its passcode. */
export function joinRequirement(meeting: Meeting): 'none' | 'passcode' {
	return meeting.passcode ? 'passcode' : 'none';
}

function samePasscode(typed: string, passcode: string): boolean {
	const a = Buffer.from(typed.trim().toUpperCase());
	const b = Buffer.from(passcode.toUpperCase());
	return a.length === b.length && timingSafeEqual(a, b);
}

/** Decides whether a newcomer joins; when it does, the participant exists and its cookie is set. */
export async function admitNewcomer(meeting: Meeting, request: JoinRequest): Promise<JoinOutcome> {
	if (meeting.archivedAt) return refused(410, 'join.refused.ended');
	const wait = await limits.joinPerAddress.take(request.address);
	if (wait !== null) return refused(429, 'join.refused.join-limit', waitValues(wait));
	if (meeting.passcode) {
		const guessing = await limits.passcodePerAddress.take(request.address);
		if (guessing !== null) return refused(429, 'join.refused.passcode-limit', waitValues(guessing));
	}
	// The proof is spent even when the passcode is wrong: each guess costs the guesser a proof.
	const proof = await spendProof(meeting.id, request.proof);
	if (proof === 'busy') return refused(503, 'join.refused.busy');
	if (proof !== 'verified') return refused(403, 'join.refused.proof');
	if (meeting.passcode) {
		const typed = (request.passcode ?? '').slice(0, 64);
		if (!samePasscode(typed, meeting.passcode)) return refused(400, 'join.refused.passcode');
	}
	return { admitted: true, participant: admitParticipant(meeting, request.cookies, request.secure) };
}
