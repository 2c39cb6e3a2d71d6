import { joinUrlOf, qrCodeImage, requireMeeting } from '$lib/server/meetings/access';
import { buildSnapshot } from '$lib/server/meetings/snapshot';

export async function load({ params, url, locals }) {
	// A mistyped address says so in the room's language.
	const meeting = requireMeeting(params.code, locals.locale);
	const joinUrl = joinUrlOf(meeting, url.origin);
	return {
		snapshot: buildSnapshot(meeting, {
			role: 'projector',
			participantId: null
		}),
		joinUrl,
		qrImage: await qrCodeImage(joinUrl)
	};
}
