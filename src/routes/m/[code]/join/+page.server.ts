import { redirect } from '@sveltejs/kit';
import { requireMeeting } from '$lib/server/meetings/access';
import { findParticipant, participantCookieName } from '$lib/server/participants';
import { joinRequirements, needsJoinPage, takesNoNewcomers } from '$lib/server/join/admission';
import { issueChallenge } from '$lib/server/join/proof';
import { joinFromForm } from '$lib/server/join/action';

/** The way in for a meeting that asks for a passcode, and the word that an archived meeting takes no one new. */
export async function load({ params, cookies, locals }) {
	const meeting = await requireMeeting(params.code, locals.locale);
	const joined = await findParticipant(meeting.id, cookies.get(participantCookieName(meeting.code)));
	if (joined || !needsJoinPage(meeting)) redirect(303, `/m/${meeting.code}`);
	return {
		code: meeting.code,
		title: meeting.title,
		archived: takesNoNewcomers(meeting),
		asks: joinRequirements(meeting),
		challenge: takesNoNewcomers(meeting) ? null : await issueChallenge(meeting.id)
	};
}

export const actions = {
	default: async (event) => {
		const meeting = await requireMeeting(event.params.code, event.locals.locale);
		const refused = await joinFromForm(meeting, event);
		if (refused) return refused;
		redirect(303, `/m/${meeting.code}`);
	}
};
