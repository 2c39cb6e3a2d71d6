import { json } from '@sveltejs/kit';
import { requireMeeting } from '$lib/server/meetings/access';
import { issueChallenge } from '$lib/server/join/proof';

/** A fresh join challenge, for clients other than the attendee page (which gets one with its data). */
export async function GET({ params, locals }) {
	const meeting = await requireMeeting(params.code, locals.locale);
	return json({ challenge: await issueChallenge(meeting.id) }, { headers: { 'cache-control': 'no-store' } });
}
