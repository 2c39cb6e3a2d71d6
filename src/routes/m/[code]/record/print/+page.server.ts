import { error, redirect } from '@sveltejs/kit';
import { canKeepRecord } from '$lib/server/auth/roles';
import { requireMeeting } from '$lib/server/meetings/access';
import { reportOf } from '$lib/server/record/facts';

export async function load({ params, url, locals }) {
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	const meeting = await requireMeeting(params.code);
	if (!(await canKeepRecord(locals.user, meeting.id))) {
		error(403, 'Only the moderators and rapporteurs of this meeting keep its record.');
	}
	return { code: meeting.code, document: await reportOf(meeting) };
}
