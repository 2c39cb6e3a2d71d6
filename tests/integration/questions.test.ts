import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionsState } from '../../src/lib/realtime/protocol';
import type { RunningServer } from './support/server';
import {
	connect,
	connectedAttendee,
	joinMeeting,
	eventWhere,
	publicSnapshot,
	type TestSocket
} from './support/clients';
import { commandIds, endSession, startSession } from './support/session';

let server: RunningServer;
let moderator: TestSocket;
const open: TestSocket[] = [];
const id = commandIds('question-command');

const phone = (name: string, mode: 'in_room' | 'remote' = 'in_room') =>
	connectedAttendee(server.url, open, { displayName: name, stakeholderGroup: 'academia', mode });

async function ask(socket: TestSocket, text: string, anonymous = false) {
	const ack = await socket.emitWithAck('question:ask', { clientId: id(), text, anonymous });
	if (!('data' in ack)) throw new Error(ack.error.message);
	return ack.data.question;
}

const publicQuestions = async () => (await publicSnapshot(server.url)).qa.questions;

const qaWhere = (socket: TestSocket, check: (qa: QuestionsState) => boolean) =>
	eventWhere(socket, 'questions:changed', check);

beforeAll(async () => ({ server, moderator } = await startSession(open)));
afterAll(() => endSession(server, open));

describe('questions', () => {
	it('are asked named or anonymous, marked remote, and upvoted once each', async () => {
		const ana = await phone('Ana');
		const raj = await phone('Raj', 'remote');
		const named = await ask(ana, 'How do we secure shared DNS services?');
		const anonymous = await ask(raj, 'Who pays for secure development?', true);
		expect(named).toMatchObject({ author: 'Ana', mode: 'in_room', status: 'approved' });
		// Anonymous means no one can tell who: neither the group nor the mode goes with it.
		expect(anonymous).toMatchObject({ author: null, mode: null, group: null });

		for (let i = 0; i < 3; i++)
			await raj.emitWithAck('question:upvote', { clientId: id(), questionId: named.id, up: true });
		await ana.emitWithAck('question:upvote', { clientId: id(), questionId: named.id, up: true });
		let listed = await publicQuestions();
		expect(listed.find((q) => q.id === named.id)?.upvotes).toBe(2);
		await raj.emitWithAck('question:upvote', { clientId: id(), questionId: named.id, up: false });
		listed = await publicQuestions();
		expect(listed.find((q) => q.id === named.id)?.upvotes).toBe(1);
		expect(listed.find((q) => q.id === anonymous.id)).toMatchObject({
			author: null,
			mode: null,
			group: null
		});
	});

	it('wait for a moderator when pre-moderation is on', async () => {
		expect(await moderator.emitWithAck('question:settings', { clientId: id(), premoderation: true })).toEqual(
			{
				data: { premoderation: true }
			}
		);
		const eve = await phone('Eve');
		const question = await ask(eve, 'Is this visible before approval?');
		expect(question.status).toBe('pending');
		expect((await publicQuestions()).map((q) => q.id)).not.toContain(question.id);
		expect(
			await eve.emitWithAck('question:upvote', { clientId: id(), questionId: question.id, up: true })
		).toMatchObject({
			error: { code: 'not_found' }
		});
		const seen = qaWhere(moderator, (qa) =>
			qa.questions.some((q) => q.id === question.id && q.status === 'approved')
		);
		expect(
			await moderator.emitWithAck('question:moderate', {
				clientId: id(),
				questionId: question.id,
				action: 'approve'
			})
		).toEqual({
			data: { status: 'approved' }
		});
		await seen;
		expect((await publicQuestions()).map((q) => q.id)).toContain(question.id);
		await moderator.emitWithAck('question:settings', { clientId: id(), premoderation: false });
	});

	it('go on the projector, get answered, or are hidden from the room', async () => {
		const [first] = await publicQuestions();
		const projector = (await connect(server.url, { as: 'projector' })).socket;
		open.push(projector);
		const shown = qaWhere(projector, (qa) => qa.onScreenQuestionId === first.id);
		await moderator.emitWithAck('question:moderate', {
			clientId: id(),
			questionId: first.id,
			action: 'project'
		});
		expect((await shown).onScreenQuestionId).toBe(first.id);
		expect((await publicSnapshot(server.url)).qa.onScreenQuestionId).toBe(first.id);

		await moderator.emitWithAck('question:moderate', {
			clientId: id(),
			questionId: first.id,
			action: 'answer'
		});
		expect((await publicQuestions()).find((q) => q.id === first.id)?.status).toBe('answered');
		await moderator.emitWithAck('question:moderate', {
			clientId: id(),
			questionId: first.id,
			action: 'hide'
		});
		const after = await publicSnapshot(server.url);
		expect(after.qa.questions.map((q) => q.id)).not.toContain(first.id);
		expect(after.qa.onScreenQuestionId).toBeNull();
	});

	it('refuses bad or unauthorised events and changes nothing', async () => {
		const mallory = await phone('Mallory');
		const before = await publicQuestions();
		for (const payload of [
			null,
			{ clientId: id(), text: '', anonymous: false },
			{ clientId: id(), text: 'x'.repeat(501), anonymous: false },
			{ clientId: id(), text: 'Fine text', anonymous: 'yes' }
		]) {
			expect(await mallory.emitWithAck('question:ask', payload as never)).toMatchObject({
				error: { code: 'invalid' }
			});
		}
		const [target] = before;
		expect(
			await mallory.emitWithAck('question:moderate', {
				clientId: id(),
				questionId: target.id,
				action: 'hide'
			})
		).toMatchObject({
			error: { code: 'unauthorised' }
		});
		expect(
			await mallory.emitWithAck('question:settings', { clientId: id(), premoderation: true })
		).toMatchObject({
			error: { code: 'unauthorised' }
		});
		expect(
			await moderator.emitWithAck('question:ask', {
				clientId: id(),
				text: 'Staff question?',
				anonymous: false
			})
		).toMatchObject({
			error: { code: 'unauthorised' }
		});
		expect(
			await mallory.emitWithAck('question:upvote', { clientId: id(), questionId: 'nope', up: true })
		).toMatchObject({
			error: { code: 'not_found' }
		});
		expect(await publicQuestions()).toEqual(before);
	});

	it('limits how fast one participant can ask, with a clear message', async () => {
		const chatty = await phone('Chatty');
		const results = [];
		for (let i = 0; i < 7; i++) {
			results.push(
				await chatty.emitWithAck('question:ask', {
					clientId: id(),
					text: `Question number ${i}`,
					anonymous: false
				})
			);
		}
		expect(results.filter((r) => 'data' in r)).toHaveLength(5);
		expect(results.at(-1)).toMatchObject({
			error: { code: 'rate_limited', message: expect.stringMatching(/in a row: try again in \d+ s\./) }
		});
		// Another participant on the same address is not affected.
		const other = await phone('Other');
		expect(
			await other.emitWithAck('question:ask', { clientId: id(), text: 'Still allowed?', anonymous: false })
		).toHaveProperty('data');
	});

	it('as a new phone sees them: each ask, upvote and moderation at once, not an earlier list', async () => {
		const asker = await phone('Lee');
		const question = await ask(asker, 'Does the list a new phone gets follow every change?');
		const listedTo = async () => {
			const newcomer = await connect(server.url, {
				as: 'attendee',
				cookie: await joinMeeting(server.url, 'BPF2017')
			});
			open.push(newcomer.socket);
			return newcomer.snapshot.qa.questions.find((q) => q.id === question.id);
		};
		expect(await listedTo()).toMatchObject({ upvotes: 0, status: 'approved' });
		await asker.emitWithAck('question:upvote', { clientId: id(), questionId: question.id, up: true });
		expect(await listedTo()).toMatchObject({ upvotes: 1 });
		const hidden = await moderator.emitWithAck('question:moderate', {
			clientId: id(),
			questionId: question.id,
			action: 'hide'
		});
		expect(hidden).toMatchObject({ data: { status: 'hidden' } });
		expect(await listedTo()).toBeUndefined();
	});

	it('reach a phone that reconnects with its own pending question and upvotes', async () => {
		const cookie = await joinMeeting(server.url, 'BPF2017');
		const first = await connect(server.url, { as: 'attendee', cookie });
		const question = await ask(first.socket, 'Mine, still there after a reconnect?');
		await first.socket.emitWithAck('question:upvote', { clientId: id(), questionId: question.id, up: true });
		first.socket.disconnect();
		const again = await connect(server.url, { as: 'attendee', cookie });
		open.push(again.socket);
		expect(again.snapshot.myQuestions.map((q) => q.id)).toContain(question.id);
		expect(again.snapshot.myUpvotes).toContain(question.id);
	});
});
