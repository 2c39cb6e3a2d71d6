import { redirect } from '@sveltejs/kit';
import { requireMeeting } from '$lib/server/meetings/access';
import { findParticipant, participantCookieName } from '$lib/server/participants';
import { findInvitation, invitationState } from '$lib/server/join/invitations';
import { issueChallenge } from '$lib/server/join/proof';
import { joinFromForm } from '$lib/server/join/action';
import { takesNoNewcomers } from '$lib/server/join/admission';

/** A personal invitation: opening it shows whom it is for; joining is the form's POST, with a proof of work. */
export async function load({ params, cookies, locals }) {
	const meeting = await requireMeeting(params.code, locals.locale);
	if (await findParticipant(meeting.id, cookies.get(participantCookieName(meeting.code))))
		redirect(303, `/m/${meeting.code}`);
	const invitation = await findInvitation(meeting.id, params.token);
	const state = takesNoNewcomers(meeting) ? 'ended' : invitationState(invitation);
	return {
		code: meeting.code,
		title: meeting.title,
		state,
		name: state === 'open' ? (invitation?.name ?? '') : '',
		challenge: state === 'open' ? await issueChallenge(meeting.id) : null
	};
}

export const actions = {
	default: async (event) => {
		const meeting = await requireMeeting(event.params.code, event.locals.locale);
		const refused = await joinFromForm(meeting, event, event.params.token);
		if (refused) return refused;
		redirect(303, `/m/${meeting.code}`);
	}
};
