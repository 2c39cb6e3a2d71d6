import { joinUrlOf, qrCodeSvg, requireMeeting } from '$lib/server/meetings/access';
import { buildSnapshot } from '$lib/server/meetings/snapshot';
import { hub } from '$lib/server/realtime/hub';

export async function load({ params, url }) {
	const meeting = requireMeeting(params.code);
	const joinUrl = joinUrlOf(meeting, url.origin);
	return {
		snapshot: buildSnapshot(meeting, hub.presence.counts(meeting.id), {
			role: 'projector',
			participantId: null
		}),
		joinUrl,
		qrSvg: await qrCodeSvg(joinUrl)
	};
}
