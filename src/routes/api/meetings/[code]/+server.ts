import { error, json } from '@sveltejs/kit';
import { requireMeeting } from '$lib/server/meetings/access';
import { buildSnapshot } from '$lib/server/meetings/snapshot';
import { limits, waitHint } from '$lib/server/limits';

/** The public snapshot: what the projector shows, as JSON, for anyone, so many times a minute. */
export async function GET({ params, getClientAddress }) {
	const wait = await limits.publicSnapshotPerAddress.take(getClientAddress());
	if (wait !== null) error(429, `Too many reads of this meeting: try again in ${waitHint(wait)}.`);
	const meeting = await requireMeeting(params.code);
	return json(await buildSnapshot(meeting, { role: 'public', participantId: null }), {
		headers: { 'cache-control': 'no-store' }
	});
}
