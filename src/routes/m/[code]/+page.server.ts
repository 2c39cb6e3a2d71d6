import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { GENDERS, PARTICIPATION_MODES, STAKEHOLDER_GROUPS } from '$lib/domain/meeting';
import type { Profile } from '$lib/components/attendee/profile';
import type { Locale } from '$lib/i18n/locales';
import { translate } from '$lib/server/i18n';
import { requireMeeting } from '$lib/server/meetings/access';
import { buildSnapshot } from '$lib/server/meetings/snapshot';
import {
	admitParticipant,
	findParticipant,
	participantCookieName,
	updateProfile
} from '$lib/server/participants';
import { publish } from '$lib/server/events';
import { presence } from '$lib/server/presence';
import { readForm } from '$lib/server/forms';
import { limits, waitValues } from '$lib/server/limits';
import type { Cookies } from '@sveltejs/kit';
import type { Meeting } from '$lib/server/db/schema';
import { sessionSealed } from '$lib/domain/record/clock';

/**
 * Opening the page is joining: the first visit gets an anonymous token, later visits reuse it. A
 * meeting with a passcode, or an archived one, sends newcomers to its join page first.
 */
async function joinedParticipant(
	meeting: Meeting,
	cookies: Cookies,
	secure: boolean,
	address: string,
	locale: Locale
) {
	const existing = findParticipant(meeting.id, cookies.get(participantCookieName(meeting.code)));
	if (existing) return existing;
	if (meeting.passcode || meeting.archivedAt || sessionSealed(meeting))
		redirect(303, `/m/${meeting.code}/join`);
	const wait = await limits.joinPerAddress.take(address);
	if (wait !== null) {
		error(429, translate(locale, 'join.refused.join-limit', waitValues(wait)));
	}
	return admitParticipant(meeting, cookies, secure);
}

export async function load({ params, cookies, url, getClientAddress, locals }) {
	const meeting = requireMeeting(params.code, locals.locale);
	const participant = await joinedParticipant(
		meeting,
		cookies,
		url.protocol === 'https:',
		getClientAddress(),
		locals.locale
	);
	return {
		snapshot: buildSnapshot(meeting, {
			role: 'attendee',
			participantId: participant.id
		}),
		profile: {
			displayName: participant.displayName ?? '',
			stakeholderGroup: participant.stakeholderGroup ?? '',
			mode: participant.mode ?? '',
			gender: participant.gender ?? ''
		} satisfies Profile
	};
}

const emptyAsNull = (value: unknown) => (value === '' ? null : value);

const NAME_LENGTH = 60;
/** The schema's word for a name too long, put in the reader's language when the form comes back. */
const NAME_TOO_LONG = 'name-too-long';

const profileSchema = z.object({
	displayName: z
		.string()
		.trim()
		.max(NAME_LENGTH, NAME_TOO_LONG)
		.transform((name) => name || null),
	stakeholderGroup: z.preprocess(emptyAsNull, z.enum(STAKEHOLDER_GROUPS).nullable()),
	mode: z.preprocess(emptyAsNull, z.enum(PARTICIPATION_MODES).nullable()),
	gender: z.preprocess(emptyAsNull, z.enum(GENDERS).nullable())
});

export const actions = {
	profile: async ({ params, cookies, request, locals }) => {
		const { locale } = locals;
		const meeting = requireMeeting(params.code, locale);
		const participant = findParticipant(meeting.id, cookies.get(participantCookieName(meeting.code)));
		if (!participant) return fail(401, { message: translate(locale, 'join.profile.expired') });
		if (sessionSealed(meeting)) return fail(409, { message: translate(locale, 'join.profile.ended') });
		const wait = await limits.profile.take(participant.id);
		if (wait !== null) {
			return fail(429, { message: translate(locale, 'join.profile.limit', waitValues(wait)) });
		}
		const form = await readForm(request);
		if (!form) return fail(400, { message: translate(locale, 'join.profile.resend') });
		const parsed = profileSchema.safeParse({
			displayName: form.get('displayName') ?? '',
			stakeholderGroup: form.get('stakeholderGroup') ?? '',
			mode: form.get('mode') ?? '',
			gender: form.get('gender') ?? ''
		});
		if (!parsed.success) {
			const message =
				parsed.error.issues[0]?.message === NAME_TOO_LONG
					? translate(locale, 'join.profile.name-too-long', { max: NAME_LENGTH })
					: translate(locale, 'join.profile.check');
			return fail(400, { message });
		}
		const { gender, ...profile } = parsed.data;
		const updated = updateProfile(participant.id, profile, gender);
		if (presence.changeMode(meeting.id, participant.id, updated.mode))
			publish({ name: 'presence.changed', meetingId: meeting.id });
		return { saved: true };
	}
};
