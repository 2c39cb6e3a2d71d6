import { afterEach, describe, expect, it } from 'vitest';
import type { Ack } from './protocol';
import { Outbox, type OutboxAnswers } from './outbox.svelte';
import type { PendingCommand } from './pending';

type Answer = Ack<OutboxAnswers[PendingCommand['kind']]>;

const AT = Date.UTC(2017, 11, 20, 10, 0);
const ballot = (clientId: string, pollId = 'p1', revision = 1) =>
	({ kind: 'ballot', clientId, queuedAt: AT, pollId, revision, choice: { optionId: 'a' } }) as const;
const question = (clientId: string) =>
	({ kind: 'question', clientId, queuedAt: AT, text: 'Why?', anonymous: false }) as const;
const floor = (clientId: string) => ({ kind: 'floor', clientId, queuedAt: AT }) as const;

const accepted: Answer = { data: { requestId: 'r1' } };
const closed: Answer = { error: { code: 'conflict', message: 'This poll is closed.' } };

/** An outbox over a fake connection that records what was sent and answers as told. */
function harness(answer: (command: PendingCommand) => Answer | null = () => accepted) {
	const sent: string[] = [];
	const link = { connected: false };
	const outbox = new Outbox(
		(command) => {
			sent.push(command.clientId);
			return Promise.resolve(answer(command));
		},
		() => link.connected
	);
	return { outbox, sent, link };
}

let stops: (() => void)[] = [];
afterEach(() => {
	for (const stop of stops) stop();
	stops = [];
});

describe('Outbox', () => {
	it('keeps what is made offline and sends it in order, with the same client ids, once back', async () => {
		const { outbox, sent, link } = harness();
		expect(await outbox.submit(question('question-1'))).toEqual({ pending: true });
		await outbox.submit(ballot('ballot-1aa'));
		await outbox.submit(floor('floor-111'));
		await outbox.submit(question('question-2'));
		expect(outbox.pending.map((command) => command.clientId)).toEqual([
			'question-1',
			'ballot-1aa',
			'floor-111',
			'question-2'
		]);
		expect(sent).toEqual([]);

		link.connected = true;
		await outbox.flush();
		expect(sent).toEqual(['question-1', 'ballot-1aa', 'floor-111', 'question-2']);
		expect(outbox.pending).toEqual([]);
		await outbox.flush();
		expect(sent).toHaveLength(4);
	});

	it('sends only the latest ballot of a poll made offline', async () => {
		const { outbox, sent, link } = harness();
		await outbox.submit(ballot('ballot-old', 'p1', 1));
		await outbox.submit(ballot('ballot-new', 'p1', 2));
		link.connected = true;
		await outbox.flush();
		expect(sent).toEqual(['ballot-new']);
	});

	it('answers a command made online with the server answer, and never shows it as pending', async () => {
		const { outbox, link } = harness();
		link.connected = true;
		const answer = outbox.submit(floor('floor-111'));
		expect(outbox.pending).toEqual([]);
		expect(await answer).toEqual(accepted);
		expect(outbox.pending).toEqual([]);
	});

	it('keeps a command that got no answer and sends it again with the same client id', async () => {
		let lost = true;
		const { outbox, sent, link } = harness(() => (lost ? null : accepted));
		stops.push(() => outbox.stop());
		link.connected = true;
		expect(await outbox.submit(question('question-1'))).toEqual({ pending: true });
		expect(outbox.pending.map((command) => command.clientId)).toEqual(['question-1']);
		lost = false;
		await outbox.flush();
		expect(sent).toEqual(['question-1', 'question-1']);
		expect(outbox.pending).toEqual([]);
	});

	it('drops a refused command and says why', async () => {
		const { outbox, link } = harness((command) => (command.kind === 'ballot' ? closed : accepted));
		await outbox.submit(ballot('ballot-1aa'));
		await outbox.submit(question('question-1'));
		link.connected = true;
		await outbox.flush();
		expect(outbox.pending).toEqual([]);
		expect(outbox.refused).toEqual([{ command: ballot('ballot-1aa'), error: closed.error }]);

		// A new ballot in the same poll replaces the old reason.
		link.connected = false;
		await outbox.submit(ballot('ballot-2aa', 'p1', 2));
		expect(outbox.refused).toEqual([]);
	});

	it('gives a refusal to the caller still waiting, not to the list', async () => {
		const { outbox, link } = harness(() => closed);
		link.connected = true;
		expect(await outbox.submit(ballot('ballot-1aa'))).toEqual(closed);
		expect(outbox.refused).toEqual([]);
	});

	it('cancels a command not sent yet', async () => {
		const { outbox, sent, link } = harness();
		await outbox.submit(floor('floor-111'));
		outbox.cancel('floor-111');
		link.connected = true;
		await outbox.flush();
		expect(sent).toEqual([]);
	});
});
