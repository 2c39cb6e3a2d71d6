import { error } from '@sveltejs/kit';
import { requireMeeting } from '$lib/server/meetings/access';
import { exportMeeting } from '$lib/server/meetings/files';

/** The meeting file (docs/meeting-file.md): settings, agenda and prepared polls, for admins. */
export async function GET({ params, locals }) {
	if (!locals.user) error(401, 'Sign in as an admin to download the meeting file.');
	if (!locals.user.isAdmin) error(403, 'Only admins download meeting files.');
	const meeting = await requireMeeting(params.code);
	const definition = await exportMeeting(meeting.id);
	if (!definition) error(404, 'No meeting has this code.');
	return new Response(`${JSON.stringify(definition, null, '\t')}\n`, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${meeting.code}-meeting.json"`,
			'cache-control': 'no-store'
		}
	});
}
