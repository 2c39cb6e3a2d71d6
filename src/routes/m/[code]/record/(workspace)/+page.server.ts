import { requireMeeting } from '$lib/server/meetings/access';
import { recordOf } from '$lib/server/record/facts';
import { recordTextsOf } from '$lib/server/record/texts';

export async function load({ params, parent, depends }) {
	// The layout has checked who is asking.
	await parent();
	// The page asks for this again whenever the session changes (see the record page).
	depends('plenary:record');
	const meeting = await requireMeeting(params.code);
	const texts = await recordTextsOf(meeting.id);
	return { record: await recordOf(meeting, texts), texts };
}
