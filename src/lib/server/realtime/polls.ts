import { checkChoice } from '$lib/domain/polls/choice';
import { controlPoll, specOf } from '$lib/domain/polls/lifecycle';
import { insertPoll, storeBallot, storeModeration, storePollControls } from '../polls/store';
import { livePolls } from '../polls/live';
import { profileOf } from '../participants';
import { changeScreen, nextVersion, screenOf } from '../meetings/state';
import { agendaOf } from '../meetings/snapshot';
import { limits } from '../limits';
import { fail, onCommand, type CommandRules } from './command';

const NO_POLL = 'This poll does not exist in this meeting.';
const CLOSED = 'This poll is closed: ballots are no longer accepted.';

/** A phone's ballot, by socket or by the attendee page's form (`?/vote`): one decision for both. */
export const castBallot: CommandRules<'poll:vote', 'attendee'> = {
	who: 'attendee',
	limit: { limit: limits.ballot, what: 'You have changed your vote many times in a row' },
	burst: true,
	async decide(tx, { pollId, revision, choice }, { meetingId, caller: { participantId } }) {
		const record = await livePolls.find(meetingId, pollId);
		if (!record) return fail('not_found', NO_POLL);
		if (record.poll.status !== 'open') return fail('conflict', CLOSED);
		const checked = checkChoice(record.spec, choice);
		if (!checked.ok) return fail('invalid', checked.error);
		const { stakeholderGroup: group, mode } = await profileOf(participantId);
		const ballot = { meetingId, pollId, participantId, revision, group, mode, choice: checked.choice };
		const outcome = await storeBallot(tx, ballot);
		if (outcome.kind === 'not_found') return fail('not_found', NO_POLL);
		if (outcome.kind === 'closed') return fail('conflict', CLOSED);
		const data = { pollId, choice: outcome.choice };
		if (outcome.kind === 'superseded') return { data };
		const cast = { choice: outcome.choice, group, mode };
		return { data, events: [{ name: 'ballot.cast', meetingId, pollId, participantId, ballot: cast }] };
	}
};

export function registerPollCommands(): void {
	onCommand('poll:vote', castBallot);

	onCommand('poll:create', {
		who: ['moderator'],
		async decide(tx, { itemId, ...draft }, { meetingId }) {
			const checked = specOf(draft);
			if (!checked.ok) return fail('invalid', checked.error);
			// A poll tied to another meeting's item, or to none, would break this meeting's agenda and file.
			if (itemId !== null && !(await agendaOf(meetingId)).some((item) => item.id === itemId))
				return fail('not_found', 'There is no such agenda item in this meeting.');
			const pollId = await insertPoll(tx, meetingId, checked.spec, itemId);
			const version = await nextVersion(tx, meetingId);
			return { data: { pollId }, events: [{ name: 'polls.changed', meetingId, version }] };
		}
	});

	onCommand('poll:control', {
		who: ['moderator'],
		async decide(tx, { pollId, action }, { meetingId, meeting: read }) {
			const record = await livePolls.find(meetingId, pollId);
			if (!record) return fail('not_found', NO_POLL);
			const meeting = await read();
			const transition = controlPoll(pollId, record.poll, action, screenOf(meeting));
			if (!transition) return { data: { version: meeting.version } };
			const finalResults = () => livePolls.committedResults(record);
			const reopened = record.poll.reopened || record.poll.status === 'closed';
			await storePollControls(tx, pollId, transition.poll, { ...transition, reopened, finalResults });
			// A poll put on screen takes off a question or comment that was there.
			const screen = await changeScreen(tx, meeting, () => transition.screen);
			const version = await nextVersion(tx, meetingId);
			return {
				data: { version },
				events: [
					{ name: 'polls.changed', meetingId, version },
					{ name: 'results.changed', meetingId, pollId },
					...screen
				]
			};
		}
	});

	onCommand('poll:moderate', {
		who: ['moderator'],
		async decide(tx, { pollId, key, status }, { meetingId }) {
			const record = await livePolls.find(meetingId, pollId);
			if (!record) return fail('not_found', NO_POLL);
			if (record.poll.kind !== 'open_text' && record.poll.kind !== 'word_cloud') {
				return fail('invalid', 'Only open-text and word-cloud entries are moderated.');
			}
			await storeModeration(tx, pollId, key, status);
			const version = await nextVersion(tx, meetingId);
			return {
				data: { version },
				events: [
					{ name: 'text.moderated', meetingId, pollId, key, status },
					{ name: 'polls.changed', meetingId, version }
				]
			};
		}
	});
}
