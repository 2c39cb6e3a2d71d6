import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { Challenge } from 'altcha-lib';
import type { Meeting } from '../db/schema';
import { translate } from '../i18n';
import { readForm } from '../forms';
import { admitNewcomer } from './admission';
import { issueChallenge } from './proof';
import { findParticipant, participantCookieName } from '../participants';

export type JoinFailure = ActionFailure<{ message: string; challenge: Challenge | null }>;

/**
 * A join form's action, shared by the attendee page (its scripts join in the background), the
 * join page (a passcode, a room code) and invitation links: null when the phone has joined (now or
 * before: a phone that already holds its cookie is never made a second participant), else the
 * refusal in the reader's language with a fresh challenge, since the proof sent is spent or was
 * refused.
 */
export async function joinFromForm(
	meeting: Meeting,
	event: RequestEvent,
	invitation: string | null = null
): Promise<JoinFailure | null> {
	if (await findParticipant(meeting.id, event.cookies.get(participantCookieName(meeting.code)))) return null;
	const form = await readForm(event.request);
	const field = (name: string) => {
		const value = form?.get(name);
		return typeof value === 'string' ? value : null;
	};
	const outcome = await admitNewcomer(meeting, {
		proof: field('proof'),
		passcode: field('passcode'),
		roomCode: field('roomCode'),
		invitation,
		address: event.getClientAddress(),
		cookies: event.cookies,
		secure: event.url.protocol === 'https:'
	});
	if (outcome.admitted) return null;
	return fail(outcome.status, {
		message: translate(event.locals.locale, outcome.message, outcome.values),
		challenge: outcome.status === 410 ? null : await issueChallenge(meeting.id)
	});
}
