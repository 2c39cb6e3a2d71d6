import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { GENDERS, PARTICIPATION_MODES, STAKEHOLDER_GROUPS } from '$lib/domain/meeting';
import { requireMeeting } from '$lib/server/meetings/access';
import { buildSnapshot } from '$lib/server/meetings/snapshot';
import {
	admitParticipant,
	findParticipant,
	participantCookieName,
	updateProfile
} from '$lib/server/participants';
import { hub } from '$lib/server/realtime/hub';
import { readForm } from '$lib/server/forms';
import { limits, waitHint } from '$lib/server/limits';
import type { Cookies } from '@sveltejs/kit';
import type { Meeting } from '$lib/server/db/schema';

/**
 * Opening the page is joining: the first visit gets an anonymous token, later visits reuse it. A
 * meeting with a passcode, or an archived one, sends newcomers to its join page first.
 */
async function joinedParticipant(meeting: Meeting, cookies: Cookies, secure: boolean, address: string) {
	const existing = findParticipant(meeting.id, cookies.get(participantCookieName(meeting.code)));
	if (existing) return existing;
	if (meeting.passcode || meeting.archivedAt) redirect(303, `/m/${meeting.code}/join`);
	const wait = await limits.joinPerAddress.take(address);
	if (wait !== null) {
		error(429, `Very many phones joined from your network in the last minute: reload in ${waitHint(wait)}.`);
	}
	return admitParticipant(meeting, cookies, secure);
}

export async function load({ params, cookies, url, getClientAddress }) {
	const meeting = requireMeeting(params.code);
	const participant = await joinedParticipant(
		meeting,
		cookies,
		url.protocol === 'https:',
		getClientAddress()
	);
	return {
		snapshot: buildSnapshot(meeting, hub.presence.counts(meeting.id), {
			role: 'attendee',
			participantId: participant.id
		}),
		profile: {
			displayName: participant.displayName ?? '',
			stakeholderGroup: participant.stakeholderGroup ?? '',
			mode: participant.mode ?? '',
			gender: participant.gender ?? ''
		}
	};
}

const emptyAsNull = (value: unknown) => (value === '' ? null : value);

const profileSchema = z.object({
	displayName: z
		.string()
		.trim()
		.max(60, 'Keep the name under 60 characters')
		.transform((name) => name || null),
	stakeholderGroup: z.preprocess(emptyAsNull, z.enum(STAKEHOLDER_GROUPS).nullable()),
	mode: z.preprocess(emptyAsNull, z.enum(PARTICIPATION_MODES).nullable()),
	gender: z.preprocess(emptyAsNull, z.enum(GENDERS).nullable())
});

export const actions = {
	profile: async ({ params, cookies, request }) => {
		const meeting = requireMeeting(params.code);
		const participant = findParticipant(meeting.id, cookies.get(participantCookieName(meeting.code)));
		if (!participant)
			return fail(401, {
				message: 'Your session on this device has expired: reload the page to join again.'
			});
		const wait = await limits.profile.take(participant.id);
		if (wait !== null) {
			return fail(429, {
				message: `You saved your profile many times in a row: try again in ${waitHint(wait)}.`
			});
		}
		const form = await readForm(request);
		if (!form) return fail(400, { message: 'Check the form and send it again.' });
		const parsed = profileSchema.safeParse({
			displayName: form.get('displayName') ?? '',
			stakeholderGroup: form.get('stakeholderGroup') ?? '',
			mode: form.get('mode') ?? '',
			gender: form.get('gender') ?? ''
		});
		if (!parsed.success) return fail(400, { message: parsed.error.issues[0]?.message ?? 'Check the form.' });
		const { gender, ...profile } = parsed.data;
		const updated = updateProfile(participant.id, profile, gender);
		if (hub.presence.changeMode(meeting.id, participant.id, updated.mode)) hub.presenceChanged(meeting.id);
		return { saved: true };
	}
};
