import { fail, redirect } from '@sveltejs/kit';
import { timingSafeEqual } from 'node:crypto';
import { translate } from '$lib/server/i18n';
import { requireMeeting } from '$lib/server/meetings/access';
import { admitParticipant, findParticipant, participantCookieName } from '$lib/server/participants';
import { readForm } from '$lib/server/forms';
import { sessionSealed } from '$lib/domain/record/clock';
import { limits, waitValues } from '$lib/server/limits';

/** The way in for a meeting with a passcode, and the word that an archived meeting takes no one new. */
export function load({ params, cookies, locals }) {
	const meeting = requireMeeting(params.code, locals.locale);
	const joined = findParticipant(meeting.id, cookies.get(participantCookieName(meeting.code)));
	const ended = meeting.archivedAt !== null || sessionSealed(meeting);
	if (joined || (!meeting.passcode && !ended)) redirect(303, `/m/${meeting.code}`);
	return { code: meeting.code, title: meeting.title, archived: ended };
}

function samePasscode(typed: string, passcode: string): boolean {
	const a = Buffer.from(typed.trim().toUpperCase());
	const b = Buffer.from(passcode.toUpperCase());
	return a.length === b.length && timingSafeEqual(a, b);
}

export const actions = {
	default: async ({ params, cookies, request, url, getClientAddress, locals }) => {
		const { locale } = locals;
		const meeting = requireMeeting(params.code, locale);
		if (meeting.archivedAt || sessionSealed(meeting))
			return fail(410, { message: translate(locale, 'join.refused.ended') });
		if (!meeting.passcode) redirect(303, `/m/${meeting.code}`);
		const wait = await limits.passcodePerAddress.take(getClientAddress());
		if (wait !== null)
			return fail(429, { message: translate(locale, 'join.refused.passcode-limit', waitValues(wait)) });
		const form = await readForm(request);
		const typed = String(form?.get('passcode') ?? '').slice(0, 64);
		if (!samePasscode(typed, meeting.passcode)) {
			return fail(400, { message: translate(locale, 'join.refused.passcode') });
		}
		admitParticipant(meeting, cookies, url.protocol === 'https:');
		redirect(303, `/m/${meeting.code}`);
	}
};
