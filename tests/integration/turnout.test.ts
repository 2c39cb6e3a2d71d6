import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollInfo, TurnoutWatch } from '../../src/lib/realtime/protocol';
import type { RunningServer } from './support/server';
import {
	connect,
	connectedAttendee,
	eventWhere,
	joinMeeting,
	publicSnapshot,
	type TestSocket
} from './support/clients';
import { commandIds, endSession, startSession } from './support/session';

/** The console shows what would reveal stuffing: ballots against phones, and new phones. */

let server: RunningServer;
let moderator: TestSocket;
let adminCookie: string;
const open: TestSocket[] = [];
const id = commandIds('turnout');

beforeAll(async () => ({ server, moderator, adminCookie } = await startSession(open)));
afterAll(() => endSession(server, open));

async function openPoll(question: string): Promise<PollInfo> {
	const ack = await moderator.emitWithAck('poll:create', {
		clientId: id(),
		itemId: null,
		kind: 'single',
		question,
		options: ['Yes', 'No'],
		maxPicks: null,
		wordLimit: null
	});
	if (!('data' in ack)) throw new Error(ack.error.message);
	const poll = (await publicSnapshot(server.url)).polls.find((p) => p.id === ack.data.pollId)!;
	const opened = await moderator.emitWithAck('poll:control', {
		clientId: id(),
		pollId: poll.id,
		action: 'open'
	});
	expect(opened).toHaveProperty('data');
	return poll;
}

async function vote(phone: TestSocket, poll: PollInfo) {
	const ack = await phone.emitWithAck('poll:vote', {
		clientId: id(),
		pollId: poll.id,
		revision: 1,
		choice: { optionId: poll.options[0].id }
	});
	expect(ack).toHaveProperty('data');
}

const consoleSnapshot = async () => {
	const { socket, snapshot } = await connect(server.url, { as: 'moderator', cookie: adminCookie });
	open.push(socket);
	return snapshot;
};

const pollIn = (watch: TurnoutWatch | undefined, pollId: string) =>
	watch?.polls.find((p) => p.pollId === pollId);

describe('ballots against phones on the console', () => {
	it('shows a normal poll’s ballots beside its phones, with no warning', async () => {
		const poll = await openPoll('Is the room ready to start?');
		const phones = await Promise.all([1, 2, 3].map(() => connectedAttendee(server.url, open)));
		const counted = eventWhere(moderator, 'turnout:changed', (w) => pollIn(w, poll.id)?.ballots === 3);
		for (const phone of phones) await vote(phone, poll);
		const live = pollIn(await counted, poll.id);
		expect(live).toMatchObject({
			ballots: 3,
			connectedWhileOpen: 3,
			moreThanConnectedNow: false,
			moreThanConnectedWhileOpen: false
		});
		const snapshot = await consoleSnapshot();
		expect(snapshot.turnout?.newLastMinute).toBeGreaterThanOrEqual(3);
		expect(pollIn(snapshot.turnout, poll.id)).toMatchObject({ ballots: 3, moreThanConnectedNow: false });
		const closed = await moderator.emitWithAck('poll:control', {
			clientId: id(),
			pollId: poll.id,
			action: 'close'
		});
		expect(closed).toHaveProperty('data');
		for (const phone of phones) phone.disconnect();
	});

	it('warns when throwaway phones vote and leave: more ballots than phones connected', async () => {
		const poll = await openPoll('Should the forum meet monthly?');
		const honest = await connectedAttendee(server.url, open);
		await vote(honest, poll);
		// A script: a new participant per ballot, connected only long enough to vote.
		for (let i = 0; i < 4; i++) {
			const throwaway = await connectedAttendee(server.url, []);
			await vote(throwaway, poll);
			throwaway.disconnect();
		}
		const warned = await eventWhere(
			moderator,
			'turnout:changed',
			(w) => pollIn(w, poll.id)?.ballots === 5 && w.connected === 1
		);
		expect(pollIn(warned, poll.id)).toMatchObject({ ballots: 5, moreThanConnectedNow: true });
		expect(warned.newLastMinute).toBeGreaterThanOrEqual(5);
		expect(pollIn((await consoleSnapshot()).turnout, poll.id)?.moreThanConnectedNow).toBe(true);
	});

	it('is for staff only: never in the room’s snapshots or broadcasts', async () => {
		const cookie = await joinMeeting(server.url, 'BPF2017');
		const phone = await connect(server.url, { as: 'attendee', cookie });
		const projector = await connect(server.url, { as: 'projector' });
		open.push(phone.socket, projector.socket);
		let heard = 0;
		for (const socket of [phone.socket, projector.socket]) socket.on('turnout:changed', () => heard++);
		expect(phone.snapshot.turnout).toBeUndefined();
		expect(projector.snapshot.turnout).toBeUndefined();
		expect((await publicSnapshot(server.url)).turnout).toBeUndefined();
		// A change the console hears: by then the room's sockets would have heard it too.
		const poll = await openPoll('Is the turnout for staff only?');
		await eventWhere(moderator, 'turnout:changed', (w) => pollIn(w, poll.id) !== undefined);
		const staffHeard = eventWhere(moderator, 'turnout:changed', (w) => pollIn(w, poll.id)?.ballots === 1);
		const roomHeard = eventWhere(
			projector.socket,
			'poll:results',
			(u) => u.pollId === poll.id && u.ballots === 1
		);
		await vote(phone.socket, poll);
		await Promise.all([staffHeard, roomHeard]);
		expect(heard).toBe(0);
	});
});
