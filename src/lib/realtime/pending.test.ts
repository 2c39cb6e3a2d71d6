import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	MAX_AGE_MS,
	keepPending,
	pendingStorageKey,
	readPending,
	withoutPending,
	writePending,
	type PendingCommand
} from './pending';

const NOW = Date.UTC(2017, 11, 20, 10, 0);
const AT = NOW - 60_000;

const ballot = (clientId: string, pollId: string, revision: number, choice: unknown = { optionId: 'a' }) =>
	({ kind: 'ballot', clientId, queuedAt: AT, pollId, revision, choice }) as const;
const question = (clientId: string, text: string) =>
	({ kind: 'question', clientId, queuedAt: AT, text, anonymous: false }) as const;
const floor = (clientId: string) => ({ kind: 'floor', clientId, queuedAt: AT }) as const;

const build = (...commands: PendingCommand[]) => commands.reduce(keepPending, [] as PendingCommand[]);

describe('keepPending', () => {
	it('replaces an older pending ballot of the same poll with the latest one', () => {
		const queue = build(
			ballot('ballot-1aa', 'p1', 1),
			ballot('ballot-2aa', 'p2', 2),
			ballot('ballot-3aa', 'p1', 3)
		);
		expect(queue.map((entry) => entry.clientId)).toEqual(['ballot-2aa', 'ballot-3aa']);
	});

	it('never lets an older revision replace a newer pending ballot', () => {
		const queue = build(ballot('ballot-new', 'p1', 9), ballot('ballot-old', 'p1', 4));
		expect(queue.map((entry) => entry.clientId)).toEqual(['ballot-new']);
	});

	it('keeps questions in the order asked, the same text twice included', () => {
		const queue = build(question('question-1', 'Why?'), floor('floor-111'), question('question-2', 'Why?'));
		expect(queue.map((entry) => entry.clientId)).toEqual(['question-1', 'floor-111', 'question-2']);
	});

	it('keeps one floor request, with the client id it was first made with', () => {
		const queue = build(floor('floor-first'), floor('floor-again'));
		expect(queue).toEqual([floor('floor-first')]);
	});

	it('ignores a command whose client id is already waiting', () => {
		expect(build(question('question-1', 'A?'), question('question-1', 'B?'))).toEqual([
			question('question-1', 'A?')
		]);
	});

	it('removes an answered command by its client id', () => {
		const queue = build(question('question-1', 'A?'), floor('floor-111'));
		expect(withoutPending(queue, 'question-1')).toEqual([floor('floor-111')]);
	});
});

describe('stored outbox', () => {
	it('has one key per meeting', () => {
		expect(pendingStorageKey('BPF2017')).not.toBe(pendingStorageKey('OTHER'));
	});

	it('reads back what it wrote, client ids and order included', () => {
		const queue = build(
			ballot('ballot-1aa', 'p1', 5, { optionIds: ['x', 'y'] }),
			question('question-1', 'How?'),
			floor('floor-111')
		);
		expect(readPending(writePending(queue), NOW)).toEqual(queue);
	});

	it('writes nothing for an empty queue', () => {
		expect(writePending([])).toBeNull();
		expect(readPending(null, NOW)).toEqual([]);
	});

	it('drops what it cannot read, entry by entry', () => {
		const stored = JSON.stringify({
			format: 1,
			commands: [
				question('question-1', 'Kept?'),
				{ ...question('question-2', 'x'), anonymous: 'yes' },
				{ ...ballot('ballot-1aa', 'p1', 1), revision: -1 },
				{ ...ballot('ballot-2aa', 'p1', 1), choice: undefined },
				{ ...floor('short'), clientId: 'short' },
				{ ...floor('floor-111'), queuedAt: 'yesterday' },
				{ ...floor('floor-112'), queuedAt: 1.5 },
				{ kind: 'upvote', clientId: 'upvote-111', queuedAt: AT },
				null,
				'floor',
				floor('floor-222'),
				floor('floor-333')
			]
		});
		expect(readPending(stored, NOW)).toEqual([question('question-1', 'Kept?'), floor('floor-222')]);
	});

	it('drops commands older than the limit', () => {
		const old = NOW - MAX_AGE_MS - 1000;
		const stored = writePending([{ ...floor('floor-111'), queuedAt: old }, question('question-1', 'Now?')]);
		expect(readPending(stored, NOW)).toEqual([question('question-1', 'Now?')]);
	});

	it('keeps only the fields of a command', () => {
		const stored = JSON.stringify({ format: 1, commands: [{ ...floor('floor-111'), extra: '<b>' }] });
		expect(readPending(stored, NOW)).toEqual([floor('floor-111')]);
	});

	it('reads another format or broken text as an empty queue', () => {
		for (const raw of ['', '{', '[]', 'null', '42', '{"format":2,"commands":[]}', '{"format":1}']) {
			expect(readPending(raw, NOW)).toEqual([]);
		}
	});

	it('never throws, whatever is stored', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.json()), (raw) => {
				expect(Array.isArray(readPending(raw, NOW))).toBe(true);
			})
		);
		fc.assert(
			fc.property(fc.array(fc.jsonValue()), (commands) => {
				const queue = readPending(JSON.stringify({ format: 1, commands }), NOW);
				expect(queue.filter((entry) => entry.kind === 'floor').length).toBeLessThanOrEqual(1);
			})
		);
	});
});
