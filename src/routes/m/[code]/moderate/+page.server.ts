import { error, redirect } from '@sveltejs/kit';
import { canModerate } from '$lib/server/auth/roles';
import { joinUrlOf, qrCodeImage, requireMeeting } from '$lib/server/meetings/access';
import { buildSnapshot } from '$lib/server/meetings/snapshot';
import { participationFor } from '$lib/server/join/admission';
import { nameOf } from '$lib/server/auth/names';

export async function load({ params, url, locals }) {
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	const meeting = await requireMeeting(params.code);
	if (!(await canModerate(locals.user, meeting.id))) error(403, 'You are not a moderator of this meeting.');
	const joinUrl = joinUrlOf(meeting, url.origin);
	return {
		snapshot: await buildSnapshot(meeting, {
			role: 'moderator',
			participantId: null
		}),
		joinUrl,
		qrImage: await qrCodeImage(joinUrl),
		name: nameOf(locals.user),
		participation: await participationFor(meeting, locals.user)
	};
}
