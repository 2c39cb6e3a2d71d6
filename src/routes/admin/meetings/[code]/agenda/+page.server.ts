import { fail } from '@sveltejs/kit';
import { requireAdminMeeting } from '$lib/server/admin/guard';
import { tooDeeplyNested } from '$lib/server/http/json';
import { readForm } from '$lib/server/forms';
import { agendaEditSchema } from '$lib/server/meetings/definition';
import { agendaDraftOf, saveAgenda } from '$lib/server/meetings/edit';
import { issueMessage, type FileProblem } from '$lib/server/meetings/files';
import { publish } from '$lib/server/events';

export async function load(event) {
	const meeting = await requireAdminMeeting(event);
	return {
		code: meeting.code,
		title: meeting.title,
		live: meeting.startedAt !== null && meeting.endedAt === null,
		draft: await agendaDraftOf(meeting)
	};
}

type Problem = Pick<FileProblem, 'field' | 'message'>;

const PLACES: Record<string, string> = {
	agenda: 'item',
	cards: 'card',
	panelists: 'panelist',
	polls: 'poll',
	options: 'option'
};

/** A path of the draft in the editor's words: `agenda.2.cards.0.title` is "item 3 › card 1 › title". */
function placeOf(path: (string | number)[]): string {
	const parts: string[] = [];
	path.forEach((part, index) => {
		if (typeof part === 'number') return;
		const next = path[index + 1];
		parts.push(
			typeof next === 'number' && Object.hasOwn(PLACES, part) ? `${PLACES[part]} ${next + 1}` : part
		);
	});
	return parts.join(' › ');
}

/** Saving answers with the new revision, or with every problem and nothing saved. */
function refused(problems: Problem[], status = 400) {
	return fail(status, { problems, stale: status === 409 });
}

export const actions = {
	save: async (event) => {
		const meeting = await requireAdminMeeting(event);
		const form = await readForm(event.request);
		const draft = String(form?.get('draft') ?? '');
		if (tooDeeplyNested(draft)) return refused([{ field: '', message: 'The agenda is nested too deeply.' }]);
		let body: unknown;
		try {
			body = JSON.parse(draft);
		} catch {
			return refused([{ field: '', message: 'The agenda did not arrive whole: save again.' }]);
		}
		const parsed = agendaEditSchema.safeParse(body);
		if (!parsed.success) {
			return refused(
				parsed.error.issues.slice(0, 20).map((issue) => ({
					field: placeOf(issue.path.filter((part) => typeof part !== 'symbol')),
					message: issueMessage(issue)
				}))
			);
		}
		const { revision, agenda, polls } = parsed.data;
		const outcome = await saveAgenda(meeting.id, revision, { items: agenda, polls });
		if (outcome.kind === 'missing')
			return refused([{ field: '', message: 'This meeting no longer exists.' }], 404);
		if (outcome.kind === 'stale') {
			return refused(
				[
					{
						field: '',
						message:
							'The agenda or its polls changed since you opened it (another organiser saved, or a moderator created a poll). Load the current agenda, then make your change again.'
					}
				],
				409
			);
		}
		if (outcome.kind === 'refused') {
			return refused(outcome.problems.map((problem) => ({ field: problem.where, message: problem.message })));
		}
		publish({ name: 'meeting.changed', meetingId: meeting.id });
		return { revision: outcome.revision };
	}
};
