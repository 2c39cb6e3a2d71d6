import { meetingsInOrder } from './meetings/store';

/** How many meetings the start banner spells out before it counts the rest. */
const SHOWN = 3;

export interface ListedMeeting {
	code: string;
	title: string;
}

/** The meetings that still take attendees (not archived), in the admin page's order. */
export async function openMeetings(): Promise<ListedMeeting[]> {
	return (await meetingsInOrder()).filter((meeting) => meeting.archivedAt === null);
}

/** What the server prints under "Plenary listening on …": where to go for each open meeting. */
export function startBanner(listed: ListedMeeting[], origin: string): string[] {
	const lines = [`  Sign in at ${origin}/login   Attendees can type a meeting's code at ${origin}/`, ''];
	if (listed.length === 0) return [...lines, `  No meetings yet: create one at ${origin}/admin`];
	for (const { code, title } of listed.slice(0, SHOWN)) {
		const meeting = `${origin}/m/${encodeURIComponent(code)}`;
		lines.push(
			`  ${code}  ${title}`,
			`    Moderator console   ${meeting}/moderate`,
			`    Projector           ${meeting}/projector`,
			`    Attendees join at   ${meeting}`
		);
	}
	const more = listed.length - SHOWN;
	if (more > 0) lines.push(`  and ${more} more at ${origin}/admin`);
	return lines;
}
