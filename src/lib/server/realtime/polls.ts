import { z } from 'zod';
import { checkChoice } from '$lib/domain/polls/choice';
import { POLL_KINDS, type PollSpec } from '$lib/domain/polls/types';
import type { Choice } from '$lib/domain/polls/types';
import { findMeetingById } from '../meetings/store';
import { forgetPolls, pollInfos, pollsOf, resultsUpdate, type Audience } from '../meetings/snapshot';
import { liveTallies } from '../polls/live';
import { castBallot, controlPoll, insertPoll, storeModeration } from '../polls/store';
import { applyCommand } from '../commands';
import { ackOf, describeIssues, fail, guarded, withinLimit } from './ack';
import { limits } from '../limits';
import { hub, type LiveAudience, type PlenarySocket } from './hub';
import { attendeeOf, moderatorOf } from './access';
import { profileOf } from '../participants';
import { announceQuestions } from './questions';

const clientId = z.string().min(8).max(64);
const pollId = z.string().min(1).max(64);

const castSchema = z.object({
	clientId,
	pollId,
	revision: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
	choice: z.unknown()
});

const createSchema = z.object({
	clientId,
	itemId: z.string().max(64).nullable(),
	kind: z.enum(POLL_KINDS),
	question: z.string().trim().min(1).max(300),
	options: z.array(z.string().trim().min(1).max(200)).max(30),
	maxPicks: z.number().int().min(1).max(30).nullable(),
	wordLimit: z.number().int().min(1).max(500).nullable()
});

const controlSchema = z.object({
	clientId,
	pollId,
	action: z.enum([
		'open',
		'close',
		'show-results',
		'hide-results',
		'view-overall',
		'view-breakdown',
		'project',
		'unproject'
	])
});

const moderateSchema = z.object({
	clientId,
	pollId,
	key: z.string().min(1).max(2000),
	status: z.enum(['approved', 'hidden'])
});

/** Poll changes are followed by version: clients that miss one ask for a new snapshot. */
const versioned = { bumpVersion: true };

/** Sends the live results of the polls that changed: the room sees what is shown, moderators everything. */
export function publishResults(meetingId: string, pollIds: Set<string>, audience: LiveAudience): void {
	for (const record of pollsOf(meetingId)) {
		if (!pollIds.has(record.poll.id)) continue;
		const others: Audience['role'] = audience === 'phones' ? 'attendee' : 'public';
		hub.emitTo(meetingId, audience, 'poll:results', (staff) => [
			resultsUpdate(record, { role: staff ? 'moderator' : others, participantId: null })
		]);
	}
}

function announcePolls(meetingId: string, version: number): void {
	forgetPolls(meetingId);
	const meeting = findMeetingById(meetingId);
	hub.toMeeting(meetingId)?.emit('polls:changed', {
		version,
		polls: pollInfos(meetingId),
		onScreenPollId: meeting?.onScreenPollId ?? null
	});
}

export function registerPollHandlers(socket: PlenarySocket): void {
	const { meetingId } = socket.data;

	socket.on('poll:vote', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ pollId: string; choice: Choice }>(callback);
		void guarded(ack, async () => {
			const attendee = attendeeOf(socket.data, 'Join the meeting from its page to vote.');
			if ('error' in attendee) return attendee;
			const { participantId } = attendee;
			const parsed = castSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const record = pollsOf(meetingId).find((candidate) => candidate.poll.id === parsed.data.pollId);
			if (!record) return fail('not_found', 'This poll does not exist in this meeting.');
			if (record.poll.status !== 'open')
				return fail('conflict', 'This poll is closed: ballots are no longer accepted.');
			const checked = checkChoice(record.spec, parsed.data.choice);
			if (!checked.ok) return fail('invalid', checked.error);
			const limited = await withinLimit(
				limits.ballot,
				participantId,
				'You have changed your vote many times in a row'
			);
			if (limited) return limited;
			const { stakeholderGroup: group, mode } = profileOf(participantId);
			const profile = { group, mode };
			const outcome = await castBallot({
				meetingId,
				pollId: record.poll.id,
				participantId,
				clientId: parsed.data.clientId,
				revision: parsed.data.revision,
				...profile,
				check: () => checked.choice
			});
			switch (outcome.kind) {
				case 'not_found':
					return fail('not_found', 'This poll does not exist in this meeting.');
				case 'closed':
					return fail('conflict', 'This poll is closed: ballots are no longer accepted.');
				case 'invalid':
					return fail('invalid', 'This ballot does not fit the poll.');
				case 'recorded':
					liveTallies.record(record.poll.id, participantId, { choice: outcome.choice, ...profile });
					hub.resultsChanged(meetingId, record.poll.id);
					return { data: { pollId: record.poll.id, choice: outcome.choice } };
				default:
					return { data: { pollId: record.poll.id, choice: outcome.choice } };
			}
		});
	});

	socket.on('poll:create', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ pollId: string }>(callback);
		void guarded(ack, () => {
			const moderator = moderatorOf(socket.data);
			if ('error' in moderator) return moderator;
			const parsed = createSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const { kind, question, options, maxPicks, wordLimit, itemId } = parsed.data;
			const withOptions = kind === 'single' || kind === 'multiple' || kind === 'ranking';
			if (withOptions && options.length < 2)
				return fail('invalid', 'A choice poll needs at least two options.');
			if (!withOptions && options.length > 0) return fail('invalid', 'This kind of poll has no options.');
			if (new Set(options.map((o) => o.toLowerCase())).size !== options.length) {
				return fail('invalid', 'Two options have the same text.');
			}
			const spec: PollSpec = {
				kind,
				question,
				options: options.map((label, index) => ({ id: `o${index + 1}`, label })),
				maxPicks: kind === 'multiple' ? maxPicks : null,
				wordLimit: kind === 'open_text' ? (wordLimit ?? 100) : null
			};
			let created = '';
			const { version } = applyCommand(
				meetingId,
				moderator.user.id,
				parsed.data.clientId,
				(tx) => {
					created = insertPoll(tx, meetingId, spec, itemId);
					return true;
				},
				versioned
			);
			if (created) announcePolls(meetingId, version);
			const existing = created || pollsOf(meetingId).at(-1)?.poll.id || '';
			return { data: { pollId: existing } };
		});
	});

	socket.on('poll:control', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ version: number }>(callback);
		void guarded(ack, () => {
			const moderator = moderatorOf(socket.data);
			if ('error' in moderator) return moderator;
			const parsed = controlSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const record = pollsOf(meetingId).find((candidate) => candidate.poll.id === parsed.data.pollId);
			if (!record) return fail('not_found', 'This poll does not exist in this meeting.');
			// Opening or projecting a poll takes a question off the projector, if one is there.
			const questionOnScreen = !!findMeetingById(meetingId)?.onScreenQuestionId;
			const { version, changed } = applyCommand(
				meetingId,
				moderator.user.id,
				parsed.data.clientId,
				(tx) =>
					controlPoll(tx, meetingId, record.poll, parsed.data.action, () => liveTallies.results(record)),
				versioned
			);
			if (changed) {
				announcePolls(meetingId, version);
				hub.resultsChanged(meetingId, record.poll.id);
				const onScreen = parsed.data.action === 'open' || parsed.data.action === 'project';
				if (onScreen && questionOnScreen) announceQuestions(meetingId);
			}
			return { data: { version } };
		});
	});

	socket.on('poll:moderate', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ version: number }>(callback);
		void guarded(ack, () => {
			const moderator = moderatorOf(socket.data);
			if ('error' in moderator) return moderator;
			const parsed = moderateSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const record = pollsOf(meetingId).find((candidate) => candidate.poll.id === parsed.data.pollId);
			if (!record) return fail('not_found', 'This poll does not exist in this meeting.');
			if (record.poll.kind !== 'open_text' && record.poll.kind !== 'word_cloud') {
				return fail('invalid', 'Only open-text and word-cloud entries are moderated.');
			}
			const { key, status } = parsed.data;
			const { version, changed } = applyCommand(
				meetingId,
				moderator.user.id,
				parsed.data.clientId,
				(tx) => storeModeration(tx, record.poll.id, key, status),
				versioned
			);
			if (changed) {
				liveTallies.moderate(record.poll.id, key, status);
				announcePolls(meetingId, version);
				hub.resultsChanged(meetingId, record.poll.id);
			}
			return { data: { version } };
		});
	});
}
