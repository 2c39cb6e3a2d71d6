import { error, redirect } from '@sveltejs/kit';
import { canKeepRecord, rolesIn } from '$lib/server/auth/roles';
import { requireMeeting } from '$lib/server/meetings/access';
import { buildSnapshot } from '$lib/server/meetings/snapshot';
import { hub } from '$lib/server/realtime/hub';
import { prefilledReport } from '$lib/domain/record/report';
import { recordFactsOf, recordTextsOf } from '$lib/server/record/store';
import { buildRecord } from '$lib/domain/record/build';

export function load({ params, url, locals, depends }) {
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	const meeting = requireMeeting(params.code);
	if (!canKeepRecord(locals.user, meeting.id)) {
		error(403, 'Only the moderators and rapporteurs of this meeting keep its record.');
	}
	// The page asks for this again whenever the session changes (see the record page).
	depends('plenary:record');
	const facts = recordFactsOf(meeting);
	const record = buildRecord(facts);
	return {
		record,
		texts: recordTextsOf(meeting.id),
		prefilled: prefilledReport(record, facts.people),
		snapshot: buildSnapshot(meeting, hub.presence.counts(meeting.id), {
			role: 'moderator',
			participantId: null
		}),
		isModerator: rolesIn(locals.user, meeting.id).has('moderator'),
		username: locals.user.username
	};
}
