import { json } from '@sveltejs/kit';
import { requireMeeting } from '$lib/server/meetings/access';
import { buildSnapshot } from '$lib/server/meetings/snapshot';

/** The public snapshot: what the projector shows, as JSON, for anyone. */
export function GET({ params }) {
	const meeting = requireMeeting(params.code);
	return json(buildSnapshot(meeting, { role: 'public', participantId: null }), {
		headers: { 'cache-control': 'no-store' }
	});
}
