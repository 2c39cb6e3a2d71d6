/**
 * One command runner for every socket event (src/lib/server/realtime/command.ts): a retried
 * command gets its first acknowledgement again, verbatim, and changes nothing more; reads are
 * limited too; what the projector shows is one thing at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startServer, type RunningServer } from './support/server';
import { connect, connectedAttendee, publicSnapshot, signIn, type TestSocket } from './support/clients';
import { syncedSnapshot } from './support/state';

let server: RunningServer;
let moderator: TestSocket;
const open: TestSocket[] = [];
let n = 0;
const id = () => `runner-command-${++n}`;

beforeAll(async () => {
	server = await startServer({ env: { COMMAND_RATE_LIMIT: '120' } });
	const cookie = await signIn(server.url, ADMIN.username, ADMIN.password);
	moderator = (await connect(server.url, { as: 'moderator', cookie })).socket;
	open.push(moderator);
	await moderator.emitWithAck('comments:deadline', { clientId: id(), deadline: null });
});

afterAll(async () => {
	for (const socket of open) socket.disconnect();
	await server?.stop();
});

const phone = () =>
	connectedAttendee(server.url, open, {
		displayName: 'Ana',
		stakeholderGroup: 'civil_society',
		mode: 'remote'
	});

describe('a retried command', () => {
	it('gets the acknowledgement of the first, for every kind of creating command', async () => {
		const ana = await phone();
		const sends: [string, () => Promise<unknown>][] = [];
		const twice = (name: string, send: (clientId: string) => Promise<unknown>) => {
			const clientId = id();
			sends.push([name, () => send(clientId)]);
		};
		twice('floor:add', (clientId) =>
			moderator.emitWithAck('floor:add', { clientId, name: 'Dara', group: 'government', mode: 'in_room' })
		);
		twice('poll:create', (clientId) =>
			moderator.emitWithAck('poll:create', {
				clientId,
				itemId: null,
				kind: 'single',
				question: 'Retried?',
				options: ['Yes', 'No'],
				maxPicks: null,
				wordLimit: null
			})
		);
		twice('question:ask', (clientId) =>
			ana.emitWithAck('question:ask', { clientId, text: 'Is this asked once?', anonymous: false })
		);
		twice('card:comment', (clientId) =>
			ana.emitWithAck('card:comment', { clientId, cardId: 'online-abuse', text: 'Once, please.' })
		);
		twice('floor:request', (clientId) => ana.emitWithAck('floor:request', { clientId }));
		twice('topic:declare', (clientId) =>
			moderator.emitWithAck('topic:declare', { clientId, wording: 'Retries', itemId: null, pollId: null })
		);
		for (const [name, send] of sends) {
			const first = await send();
			expect(first, name).toHaveProperty('data');
			expect(await send(), name).toEqual(first);
		}
		const state = await syncedSnapshot(moderator);
		expect(state.floor.queue.filter((entry) => entry.name === 'Dara')).toHaveLength(1);
		expect(state.polls.filter((poll) => poll.question === 'Retried?')).toHaveLength(1);
		expect(state.qa.questions.filter((question) => question.text === 'Is this asked once?')).toHaveLength(1);
		expect(state.comments.comments.filter((comment) => comment.text === 'Once, please.')).toHaveLength(1);
		expect(state.topics.filter((topic) => topic.wording === 'Retries')).toHaveLength(1);
	});

	it('keeps its receipt after the poll closed, and another person’s same id is their own', async () => {
		const [ana, ben] = [await phone(), await phone()];
		const created = await moderator.emitWithAck('poll:create', {
			clientId: id(),
			itemId: null,
			kind: 'single',
			question: 'Closed before the retry?',
			options: ['Yes', 'No'],
			maxPicks: null,
			wordLimit: null
		});
		if (!('data' in created)) throw new Error('no poll');
		const { pollId } = created.data;
		await moderator.emitWithAck('poll:control', { clientId: id(), pollId, action: 'open' });
		const shared = id();
		const vote = (socket: TestSocket, optionId: string) =>
			socket.emitWithAck('poll:vote', {
				clientId: shared,
				pollId,
				revision: 1,
				choice: { kind: 'single', optionId }
			});
		const receipt = await vote(ana, 'o1');
		expect(receipt).toEqual({ data: { pollId, choice: { kind: 'single', optionId: 'o1' } } });
		expect(await vote(ben, 'o2')).toEqual({ data: { pollId, choice: { kind: 'single', optionId: 'o2' } } });
		await moderator.emitWithAck('poll:control', { clientId: id(), pollId, action: 'close' });
		expect(await vote(ana, 'o1')).toEqual(receipt);
		const late = await ana.emitWithAck('poll:vote', {
			clientId: id(),
			pollId,
			revision: 2,
			choice: { kind: 'single', optionId: 'o2' }
		});
		expect(late).toHaveProperty('error.code', 'conflict');
		expect((await syncedSnapshot(moderator)).results[pollId]?.ballots).toBe(2);
	});

	it('is refused as a whole when its payload does not fit, and nothing is kept for a retry', async () => {
		const clientId = id();
		const bad = await moderator.emitWithAck('floor:add', {
			clientId,
			name: '',
			group: 'government',
			mode: 'in_room'
		});
		expect(bad).toHaveProperty('error.code', 'invalid');
		const good = await moderator.emitWithAck('floor:add', {
			clientId,
			name: 'Eli',
			group: 'government',
			mode: 'in_room'
		});
		expect(good).toHaveProperty('data.requestId');
	});
});

describe('reads', () => {
	it('limits full snapshots per connection', async () => {
		const { socket } = await connect(server.url, { as: 'projector' });
		open.push(socket);
		const answers = await Promise.all(Array.from({ length: 20 }, () => socket.emitWithAck('meeting:sync')));
		const refused = answers.filter((answer) => 'error' in answer);
		// A snapshot costs more than a command: at least 10 a minute, a sixtieth of COMMAND_RATE_LIMIT above that.
		expect(answers.filter((answer) => 'data' in answer)).toHaveLength(10);
		expect(refused[0]).toHaveProperty('error.code', 'rate_limited');
	});
});

describe('the projector', () => {
	it('shows one thing at a time: a poll put on screen takes a comment off it', async () => {
		const ana = await phone();
		const comment = await ana.emitWithAck('card:comment', {
			clientId: id(),
			cardId: 'online-abuse',
			text: 'On screen for a while.'
		});
		if (!('data' in comment)) throw new Error('no comment');
		await moderator.emitWithAck('comment:moderate', {
			clientId: id(),
			commentId: comment.data.comment.id,
			action: 'project'
		});
		expect((await publicSnapshot(server.url)).comments.onScreenCommentId).toBe(comment.data.comment.id);
		const poll = (await publicSnapshot(server.url)).polls[0];
		await moderator.emitWithAck('poll:control', { clientId: id(), pollId: poll.id, action: 'project' });
		const after = await publicSnapshot(server.url);
		expect(after.onScreenPollId).toBe(poll.id);
		expect(after.comments.onScreenCommentId).toBeNull();
		expect(after.qa.onScreenQuestionId).toBeNull();
	});

	it('puts a question over the poll and shows the poll again when it comes off', async () => {
		const ana = await phone();
		const asked = await ana.emitWithAck('question:ask', {
			clientId: id(),
			text: 'Over the poll?',
			anonymous: true
		});
		if (!('data' in asked)) throw new Error('no question');
		const questionId = asked.data.question.id;
		const pollId = (await publicSnapshot(server.url)).onScreenPollId;
		expect(pollId).not.toBeNull();
		await moderator.emitWithAck('question:moderate', { clientId: id(), questionId, action: 'project' });
		const covered = await publicSnapshot(server.url);
		expect([covered.onScreenPollId, covered.qa.onScreenQuestionId]).toEqual([pollId, questionId]);
		await moderator.emitWithAck('question:moderate', { clientId: id(), questionId, action: 'unproject' });
		const uncovered = await publicSnapshot(server.url);
		expect([uncovered.onScreenPollId, uncovered.qa.onScreenQuestionId]).toEqual([pollId, null]);
	});
});
