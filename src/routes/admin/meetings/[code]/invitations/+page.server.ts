import { requireAdminMeeting } from '$lib/server/admin/guard';
import { invitationLinks } from '$lib/server/join/invitationSheet';
import { qrCodeImage } from '$lib/server/meetings/access';

/** A printable sheet: one card per invitation, with its QR code and its link. */
export async function load(event) {
	const meeting = await requireAdminMeeting(event);
	const links = await invitationLinks(meeting, event.url.origin);
	return {
		code: meeting.code,
		title: meeting.title,
		cards: await Promise.all(links.map(async (row) => ({ ...row, qr: await qrCodeImage(row.link) })))
	};
}
