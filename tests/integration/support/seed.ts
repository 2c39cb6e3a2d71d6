import type { MeetingSnapshot, PollInfo } from '../../../src/lib/realtime/protocol';
import type { TestSocket } from './clients';
import { syncedSnapshot } from './state';

/** The ids of one meeting that commands can aim at, after `seedSession` gave it something of each kind. */
export interface SeededMeeting {
	code: string;
	/** A multiple-choice poll and a word cloud, both open; the word cloud has one ballot. */
	choicePoll: PollInfo;
	wordCloud: PollInfo;
	pollIds: string[];
	itemIds: string[];
	cardIds: string[];
	questionId: string;
	commentId: string;
	requestId: string;
	topicId: string;
	snapshot: MeetingSnapshot;
}

let n = 0;
const clientId = (prefix: string) => `seed-${prefix}-${++n}-${Date.now()}`;

async function ok<T>(what: string, answer: Promise<{ data: T } | { error: unknown }>): Promise<T> {
	const result = await answer;
	if (!('data' in result)) throw new Error(`${what} failed while seeding: ${JSON.stringify(result)}`);
	return result.data;
}

/**
 * Gives a meeting one of everything through the real commands: open polls and a ballot, a question,
 * a comment and a priority mark, a floor request, an agreed topic, a note and a record tag.
 */
export async function seedSession(
	code: string,
	moderator: TestSocket,
	phone: TestSocket
): Promise<SeededMeeting> {
	const id = () => clientId(code);
	const before = await syncedSnapshot(moderator);
	const choicePoll = before.polls.find((poll) => poll.kind === 'multiple')!;
	const wordCloud = before.polls.find((poll) => poll.kind === 'word_cloud')!;
	const walkthrough = before.agenda.find((item) => item.kind === 'walkthrough')!;
	const card = walkthrough.cards[0];

	await ok(
		'lifting the comment deadline',
		moderator.emitWithAck('comments:deadline', { clientId: id(), deadline: null })
	);
	for (const poll of [choicePoll, wordCloud]) {
		await ok(
			'opening a poll',
			moderator.emitWithAck('poll:control', { clientId: id(), pollId: poll.id, action: 'open' })
		);
	}
	await ok(
		'a word-cloud ballot',
		phone.emitWithAck('poll:vote', {
			clientId: id(),
			pollId: wordCloud.id,
			revision: 1,
			choice: { kind: 'word_cloud', phrases: ['Trust'] }
		})
	);
	const { question } = await ok(
		'a question',
		phone.emitWithAck('question:ask', {
			clientId: id(),
			text: 'Who pays for secure development?',
			anonymous: false
		})
	);
	const { comment } = await ok(
		'a comment',
		phone.emitWithAck('card:comment', { clientId: id(), cardId: card.id, text: 'This matters most.' })
	);
	await ok(
		'a priority mark',
		phone.emitWithAck('card:priority', { clientId: id(), cardId: card.id, marked: true })
	);
	const { requestId } = await ok('a floor request', phone.emitWithAck('floor:request', { clientId: id() }));
	const { topicId } = await ok(
		'an agreed topic',
		moderator.emitWithAck('topic:declare', {
			clientId: id(),
			wording: 'Cybersecurity culture and norms',
			itemId: null,
			pollId: null
		})
	);
	await ok(
		'a note',
		moderator.emitWithAck('record:write', {
			clientId: id(),
			target: { kind: 'note', itemId: before.agenda[0].id },
			text: 'Opened on time.',
			baseRevision: 0
		})
	);
	await ok(
		'a record tag',
		moderator.emitWithAck('record:tag', {
			clientId: id(),
			target: 'card',
			targetId: card.id,
			tag: 'key_issue',
			on: true
		})
	);
	const snapshot = await syncedSnapshot(moderator);
	return {
		code,
		choicePoll: snapshot.polls.find((poll) => poll.id === choicePoll.id)!,
		wordCloud: snapshot.polls.find((poll) => poll.id === wordCloud.id)!,
		pollIds: snapshot.polls.map((poll) => poll.id),
		itemIds: snapshot.agenda.map((item) => item.id),
		cardIds: snapshot.agenda.flatMap((item) =>
			[...item.cards, ...(item.focus?.cards ?? [])].map((c) => c.id)
		),
		questionId: question.id,
		commentId: comment.id,
		requestId,
		topicId,
		snapshot
	};
}

/** Every id of a seeded meeting, to keep generated "unknown" ids from hitting a real one. */
export function idsOf(meeting: SeededMeeting): string[] {
	return [
		...meeting.pollIds,
		...meeting.itemIds,
		...meeting.cardIds,
		meeting.questionId,
		meeting.commentId,
		meeting.requestId,
		meeting.topicId
	];
}
