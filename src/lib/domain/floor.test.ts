import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderQueue, queueBalance, secondsLeft, type FloorRequest } from './floor';

const request = (id: string, mode: FloorRequest['mode'], requestedAt: number): FloorRequest => ({
	id,
	name: id,
	group: null,
	mode,
	requestedAt
});

describe('the speaker queue', () => {
	const queue = [
		request('r1', 'in_room', 1),
		request('r2', 'in_room', 2),
		request('m1', 'remote', 3),
		request('r3', 'in_room', 4),
		request('m2', 'remote', 5)
	];

	it('is in order of request when alternation is off', () => {
		expect(orderQueue(queue, { alternate: false, lastSpeakerMode: null }).map((r) => r.id)).toEqual([
			'r1',
			'r2',
			'm1',
			'r3',
			'm2'
		]);
	});

	it('alternates in the room and remote, each side first come first served', () => {
		expect(orderQueue(queue, { alternate: true, lastSpeakerMode: null }).map((r) => r.id)).toEqual([
			'r1',
			'm1',
			'r2',
			'm2',
			'r3'
		]);
	});

	it('starts with the side that did not speak last', () => {
		expect(orderQueue(queue, { alternate: true, lastSpeakerMode: 'in_room' }).map((r) => r.id)).toEqual([
			'm1',
			'r1',
			'm2',
			'r2',
			'r3'
		]);
	});

	it('counts the balance by side and group', () => {
		expect(
			queueBalance([
				{ ...request('a', 'in_room', 1), group: 'government' },
				{ ...request('b', 'remote', 2), group: 'government' },
				request('c', 'remote', 3)
			])
		).toEqual({ inRoom: 1, remote: 2, byGroup: { government: 2, unspecified: 1 } });
	});

	it('counts the speaking time down and past zero', () => {
		expect(secondsLeft(0, 180, 0)).toBe(180);
		expect(secondsLeft(0, 180, 61_500)).toBe(119);
		expect(secondsLeft(0, 180, 190_000)).toBe(-10);
	});
});

describe('speaker queue properties', () => {
	const requests = fc
		.uniqueArray(
			fc.record({
				id: fc.string({ minLength: 1, maxLength: 6 }),
				mode: fc.constantFrom('in_room', 'remote'),
				requestedAt: fc.nat(1000)
			}),
			{ selector: (r) => r.id, maxLength: 30 }
		)
		.map((list) => list.map((r) => ({ ...r, name: r.id, group: null }) as FloorRequest));
	const rules = fc.record({
		alternate: fc.boolean(),
		lastSpeakerMode: fc.constantFrom<FloorRequest['mode'] | null>(null, 'in_room', 'remote')
	});

	it('loses and duplicates no request', () => {
		fc.assert(
			fc.property(requests, rules, (list, r) => {
				const ordered = orderQueue(list, r);
				expect(ordered.map((x) => x.id).sort()).toEqual(list.map((x) => x.id).sort());
			})
		);
	});

	it('keeps first come, first served within each side', () => {
		fc.assert(
			fc.property(requests, rules, (list, r) => {
				const ordered = orderQueue(list, r);
				for (const mode of ['in_room', 'remote'] as const) {
					const times = ordered.filter((x) => x.mode === mode).map((x) => x.requestedAt);
					expect(times).toEqual([...times].sort((a, b) => a - b));
				}
			})
		);
	});

	it('alternates whenever both sides are waiting', () => {
		fc.assert(
			fc.property(requests, (list) => {
				const ordered = orderQueue(list, { alternate: true, lastSpeakerMode: null });
				for (let i = 1; i < ordered.length; i++) {
					const rest = ordered.slice(i);
					const bothWait = rest.some((x) => x.mode === 'in_room') && rest.some((x) => x.mode === 'remote');
					if (bothWait) expect(ordered[i].mode).not.toBe(ordered[i - 1].mode);
				}
			})
		);
	});
});
