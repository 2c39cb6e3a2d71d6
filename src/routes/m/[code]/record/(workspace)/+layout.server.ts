import { error, redirect } from '@sveltejs/kit';
import { canKeepRecord, rolesIn } from '$lib/server/auth/roles';
import { requireMeeting } from '$lib/server/meetings/access';
import { buildSnapshot } from '$lib/server/meetings/snapshot';
import { nameOf } from '$lib/server/auth/names';

/**
 * Who keeps the record, and the live session the page follows from then on. Loaded once: the
 * page's own load (the record itself) is what every update of the session asks for again.
 */
export async function load({ params, url, locals }) {
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	const meeting = await requireMeeting(params.code);
	if (!(await canKeepRecord(locals.user, meeting.id))) {
		error(403, 'Only the moderators and rapporteurs of this meeting keep its record.');
	}
	return {
		snapshot: await buildSnapshot(meeting, {
			role: 'moderator',
			participantId: null
		}),
		isModerator: (await rolesIn(locals.user, meeting.id)).has('moderator'),
		name: nameOf(locals.user)
	};
}
