import { requireAdminMeeting } from '$lib/server/admin/guard';
import { csvCell } from '$lib/server/export/csv';
import { invitationLinks } from '$lib/server/join/invitationSheet';

/** The organiser's list again, with each person's personal link, to send by mail merge. */
export async function GET(event) {
	const meeting = await requireAdminMeeting(event);
	const rows = (await invitationLinks(meeting, event.url.origin)).map((row) =>
		[row.name, row.reference, row.group, row.link].map(csvCell).join(',')
	);
	return new Response(['name,reference,group,link', ...rows].join('\r\n') + '\r\n', {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${meeting.code}-invitations.csv"`,
			'cache-control': 'no-store'
		}
	});
}
