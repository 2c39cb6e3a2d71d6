import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startServer, type RunningServer } from './support/server';
import { connect, joinMeeting, signIn, type TestSocket } from './support/clients';
import { RawSocket } from './support/raw';

/** Small limits, so that each bound is reached in a few hundred messages. */
const COMMAND_LIMIT = 30;
/** Every event together in 10 s: a third of COMMAND_RATE_LIMIT, at least 60. */
const EVENTS_PER_WINDOW = 60;
const REFUSALS_ANSWERED = 20;
const CONNECT_LIMIT = 40;

let server: RunningServer;
const open: TestSocket[] = [];

beforeAll(async () => {
	server = await startServer({
		env: { COMMAND_RATE_LIMIT: String(COMMAND_LIMIT), CONNECT_RATE_LIMIT: String(CONNECT_LIMIT) }
	});
});

afterAll(async () => {
	for (const socket of open) socket.disconnect();
	await server?.stop();
});

async function connected(...args: Parameters<typeof connect>): Promise<TestSocket> {
	const { socket } = await connect(...args);
	open.push(socket);
	return socket;
}

const answer = (socket: TestSocket, event: string, ...args: unknown[]) =>
	(
		socket.timeout(event === 'no:such-event' ? 1_000 : 5_000).emitWithAck as (
			event: string,
			...args: unknown[]
		) => Promise<unknown>
	)(event, ...args).catch(() => 'no answer');

describe('every event a client sends is counted', () => {
	it('refuses events past the limit, whatever their name, then drops the connection and refuses the next', async () => {
		const cookie = await joinMeeting(server.url, 'BPF2017');
		const phone = await connected(server.url, { as: 'attendee', cookie });
		const answers = await Promise.all(
			Array.from({ length: EVENTS_PER_WINDOW + 5 }, () => answer(phone, 'no:such-event', {}))
		);
		// Unknown events are never answered; the ones past the limit are refused.
		expect(answers.filter((a) => a === 'no answer')).toHaveLength(EVENTS_PER_WINDOW);
		expect(
			answers.filter((a) => (a as { error?: { code: string } }).error?.code === 'rate_limited')
		).toHaveLength(5);
		const closed = new Promise((resolve) => phone.once('disconnect', resolve));
		for (let i = 0; i < REFUSALS_ANSWERED; i++) phone.emit('meeting:sync', () => {});
		await closed;
		// The same participant's new connection is refused until its count is over (10 s).
		await expect(connect(server.url, { as: 'attendee', cookie })).rejects.toThrow(/rate_limited/);
		// Another phone behind the same address is not affected.
		const neighbour = await connected(server.url, {
			as: 'attendee',
			cookie: await joinMeeting(server.url, 'BPF2017')
		});
		expect(await answer(neighbour, 'meeting:sync')).toHaveProperty('data');
	});

	it('counts a phone across its connections, a staff member across theirs, a screen per connection', async () => {
		const cookie = await signIn(server.url, ADMIN.username, ADMIN.password);
		const first = await connected(server.url, { as: 'moderator', cookie });
		const second = await connected(server.url, { as: 'moderator', cookie });
		await Promise.all(Array.from({ length: EVENTS_PER_WINDOW / 2 }, () => answer(first, 'no:such-event')));
		await Promise.all(Array.from({ length: EVENTS_PER_WINDOW / 2 }, () => answer(second, 'no:such-event')));
		expect(await answer(first, 'meeting:sync')).toHaveProperty('error.code', 'rate_limited');
		const screen = await connected(server.url, { as: 'projector' });
		expect(await answer(screen, 'meeting:sync')).toHaveProperty('data');
	});

	it('limits snapshots and more questions per sender, and checks what is asked', async () => {
		const screen = await connected(server.url, { as: 'projector' });
		expect(await answer(screen, 'questions:more', { count: 0 })).toHaveProperty('error.code', 'invalid');
		expect(await answer(screen, 'questions:more', { count: 'all' })).toHaveProperty('error.code', 'invalid');
		expect(await answer(screen, 'questions:more', { count: 100 })).toMatchObject({
			data: { questions: [], more: 0 }
		});
		const syncs = await Promise.all(Array.from({ length: 11 }, () => answer(screen, 'meeting:sync')));
		expect(syncs.filter((sync) => 'data' in (sync as object))).toHaveLength(10);
	});
});

describe('connections', () => {
	it('are counted per address before any other work', async () => {
		const refusals: string[] = [];
		for (let i = 0; i < CONNECT_LIMIT + 5; i++) {
			await RawSocket.open(server.url).then(
				(raw) => raw.close(),
				(error: Error) => refusals.push(error.message)
			);
		}
		expect(refusals.length).toBeGreaterThan(0);
		expect(refusals[0]).toMatch(/Unexpected server response/);
		// Long-polling is counted the same way, and told why.
		const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
		expect(polling.status).toBe(403);
		expect(await polling.text()).toMatch(/Too many connections from your network: try again in \d+ s\./);
	});
});

describe('the public snapshot over HTTP', () => {
	it('is read so many times a minute from one address, then refused with a wait', async () => {
		const statuses: number[] = [];
		for (let i = 0; i < 310; i++) {
			const response = await fetch(`${server.url}/api/meetings/BPF2017`);
			statuses.push(response.status);
			if (response.status === 429) {
				expect(await response.text()).toMatch(/Too many reads of this meeting: try again in \d+ s\./);
				break;
			}
			await response.body?.cancel();
		}
		expect(statuses.filter((status) => status === 200)).toHaveLength(300);
		expect(statuses.at(-1)).toBe(429);
	});
});
