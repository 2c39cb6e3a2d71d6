import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FloorState } from '../../src/lib/realtime/protocol';
import type { RunningServer } from './support/server';
import { connect, connectedAttendee, publicSnapshot, type TestSocket } from './support/clients';
import { commandIds, endSession, startSession } from './support/session';

let server: RunningServer;
let moderator: TestSocket;
const open: TestSocket[] = [];
const id = commandIds('floor-command');

const phone = (name: string, mode: 'in_room' | 'remote') =>
	connectedAttendee(server.url, open, { displayName: name, stakeholderGroup: 'civil_society', mode });

const floor = async (): Promise<FloorState> => (await publicSnapshot(server.url)).floor;
const names = (state: FloorState) => state.queue.map((entry) => entry.name);

beforeAll(async () => ({ server, moderator } = await startSession(open)));
afterAll(() => endSession(server, open));

describe('the floor', () => {
	it('queues phones and named speakers, alternating in the room and remote', async () => {
		const ana = await phone('Ana', 'in_room');
		const ben = await phone('Ben', 'in_room');
		const chen = await phone('Chen', 'remote');
		for (const socket of [ana, ben, chen]) {
			expect(await socket.emitWithAck('floor:request', { clientId: id() })).toHaveProperty('data.requestId');
		}
		// Asking twice keeps one place in the queue.
		await ana.emitWithAck('floor:request', { clientId: id() });
		const added = await moderator.emitWithAck('floor:add', {
			clientId: id(),
			name: 'Dara',
			group: 'government',
			mode: 'in_room'
		});
		expect(added).toHaveProperty('data.requestId');
		const state = await floor();
		expect(names(state)).toEqual(['Ana', 'Chen', 'Ben', 'Dara']);
		expect(state.balance).toEqual({ inRoom: 3, remote: 1, byGroup: { civil_society: 3, government: 1 } });

		const off = await moderator.emitWithAck('floor:settings', {
			clientId: id(),
			alternate: false,
			speakingSeconds: 120
		});
		expect(off).toEqual({ data: { alternate: false, speakingSeconds: 120 } });
		expect(names(await floor())).toEqual(['Ana', 'Ben', 'Chen', 'Dara']);
		await moderator.emitWithAck('floor:settings', { clientId: id(), alternate: true, speakingSeconds: 180 });
	});

	it('gives the floor in order, once per command even when retried, and keeps the turns', async () => {
		const call = { clientId: id() };
		const first = await moderator.emitWithAck('floor:next', call);
		const retried = await moderator.emitWithAck('floor:next', call);
		expect(first).toEqual(retried);
		let state = await floor();
		expect(state.speaking).toMatchObject({ name: 'Ana', mode: 'in_room', startedAt: expect.any(String) });
		expect(state.speakingSeconds).toBe(180);
		expect(names(state)).toEqual(['Chen', 'Ben', 'Dara']);

		await moderator.emitWithAck('floor:next', { clientId: id() });
		state = await floor();
		expect(state.speaking).toMatchObject({ name: 'Chen', mode: 'remote' });
		expect(names(state)).toEqual(['Ben', 'Dara']);

		expect(await moderator.emitWithAck('floor:end', { clientId: id() })).toEqual({ data: { ended: true } });
		expect((await floor()).speaking).toBeNull();
	});

	it('lets an attendee withdraw and the moderator remove a request', async () => {
		const eve = await phone('Eve', 'remote');
		await eve.emitWithAck('floor:request', { clientId: id() });
		expect(names(await floor())).toContain('Eve');
		expect(await eve.emitWithAck('floor:withdraw', { clientId: id() })).toEqual({
			data: { withdrawn: true }
		});
		expect(names(await floor())).not.toContain('Eve');
		const dara = (await floor()).queue.find((entry) => entry.name === 'Dara')!;
		expect(await moderator.emitWithAck('floor:remove', { clientId: id(), requestId: dara.id })).toEqual({
			data: { removed: true }
		});
		expect(names(await floor())).toEqual(['Ben']);
	});

	it('leaves the queue controls to moderators and refuses bad input', async () => {
		const mallory = await phone('Mallory', 'in_room');
		const before = await floor();
		for (const [event, payload] of [
			['floor:next', { clientId: id() }],
			['floor:end', { clientId: id() }],
			['floor:add', { clientId: id(), name: 'Fake', group: null, mode: 'remote' }],
			['floor:settings', { clientId: id(), alternate: false, speakingSeconds: 60 }],
			['floor:remove', { clientId: id(), requestId: before.queue[0].id }]
		] as const) {
			expect(await mallory.emitWithAck(event, payload as never)).toMatchObject({
				error: { code: 'unauthorised' }
			});
		}
		for (const payload of [
			{ clientId: id(), name: '', group: null, mode: 'in_room' },
			{ clientId: id(), name: 'x'.repeat(81), group: null, mode: 'in_room' },
			{ clientId: id(), name: 'Zed', group: 'martians', mode: 'in_room' },
			{ clientId: id(), name: 'Zed', group: null, mode: 'moon' }
		]) {
			expect(await moderator.emitWithAck('floor:add', payload as never)).toMatchObject({
				error: { code: 'invalid' }
			});
		}
		expect(
			await moderator.emitWithAck('floor:settings', { clientId: id(), alternate: true, speakingSeconds: 5 })
		).toMatchObject({
			error: { code: 'invalid' }
		});
		const projector = (await connect(server.url, { as: 'projector' })).socket;
		open.push(projector);
		expect(await projector.emitWithAck('floor:request', { clientId: id() })).toMatchObject({
			error: { code: 'unauthorised' }
		});
		expect(await floor()).toMatchObject({
			queue: before.queue,
			speaking: before.speaking,
			speakingSeconds: 180
		});
	});

	it('gives a panelist the floor at once, marked by its id, ahead of a queue that waits', async () => {
		const waiting = names(await floor());
		const given = await moderator.emitWithAck('floor:panelist', {
			clientId: id(),
			panelistId: 'panel-government'
		});
		expect(given).toHaveProperty('data.speaking');
		let state = await floor();
		expect(state.speaking).toMatchObject({
			name: 'Government panelist',
			group: 'government',
			mode: 'in_room',
			panelistId: 'panel-government'
		});
		expect(names(state)).toEqual(waiting);

		// Another panelist takes over; then the queue's next speaker is no panelist.
		await moderator.emitWithAck('floor:panelist', { clientId: id(), panelistId: 'panel-civil' });
		expect((await floor()).speaking).toMatchObject({ panelistId: 'panel-civil' });
		await moderator.emitWithAck('floor:next', { clientId: id() });
		state = await floor();
		expect(state.speaking).toMatchObject({ name: waiting[0], panelistId: null });

		expect(
			await moderator.emitWithAck('floor:panelist', { clientId: id(), panelistId: 'no-such-panelist' })
		).toMatchObject({ error: { code: 'not_found' } });
		const attendee = await phone('Faye', 'in_room');
		expect(
			await attendee.emitWithAck('floor:panelist', { clientId: id(), panelistId: 'panel-government' })
		).toMatchObject({ error: { code: 'unauthorised' } });
		expect((await floor()).speaking).toMatchObject({ name: waiting[0] });
	});
});
