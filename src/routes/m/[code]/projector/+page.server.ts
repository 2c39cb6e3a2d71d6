import { joinUrlOf, qrCodeImage, requireMeeting } from '$lib/server/meetings/access';
import { buildSnapshot } from '$lib/server/meetings/snapshot';
import { staffRoomCode } from '$lib/server/join/roomCode';

export async function load({ params, url, locals }) {
	// A mistyped address says so in the room's language.
	const meeting = await requireMeeting(params.code, locals.locale);
	const joinUrl = joinUrlOf(meeting, url.origin);
	return {
		snapshot: await buildSnapshot(meeting, {
			role: 'projector',
			participantId: null
		}),
		joinUrl,
		qrImage: await qrCodeImage(joinUrl),
		// Shown only on a projector opened by the meeting's staff (signed in on that screen).
		roomCode: await staffRoomCode(meeting, locals.user)
	};
}
