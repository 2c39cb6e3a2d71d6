import { error, redirect } from '@sveltejs/kit';
import { rolesIn } from '$lib/server/auth/roles';
import { requireMeeting } from '$lib/server/meetings/access';
import { buildSnapshot } from '$lib/server/meetings/snapshot';
import { staffRoomCode } from '$lib/server/join/roomCode';
import { nameOf } from '$lib/server/auth/names';

export async function load({ params, url, locals }) {
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	const meeting = await requireMeeting(params.code);
	const roles = await rolesIn(locals.user, meeting.id);
	if (!roles.has('remote_moderator') && !roles.has('moderator')) {
		error(403, 'You are not a remote moderator of this meeting.');
	}
	return {
		snapshot: await buildSnapshot(meeting, {
			role: 'moderator',
			participantId: null
		}),
		name: nameOf(locals.user),
		roomCode: await staffRoomCode(meeting, locals.user)
	};
}
