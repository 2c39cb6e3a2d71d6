import { error, json } from '@sveltejs/kit';
import { requireMeeting } from '$lib/server/meetings/access';
import { staffRoomCode } from '$lib/server/join/roomCode';

/**
 * The room code now, for staff screens only (the projector opened by a signed-in moderator, the
 * remote moderator's page): `{ roomCode: null }` when the meeting does not ask for one.
 */
export async function GET({ params, locals }) {
	const meeting = await requireMeeting(params.code);
	const shown = await staffRoomCode(meeting, locals.user);
	if (shown === 'staff only') error(403, 'Only the meeting’s staff see its room code.');
	return json({ roomCode: shown }, { headers: { 'cache-control': 'no-store' } });
}
