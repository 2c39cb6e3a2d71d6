import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startServer, type RunningServer } from './support/server';
import {
	connect,
	connectedAttendee,
	joinChallenge,
	joinMeeting,
	postJoin,
	solveProof,
	saveProfile,
	signIn,
	type TestSocket
} from './support/clients';

let server: RunningServer;
let moderator: TestSocket;
const open: TestSocket[] = [];
let n = 0;
const id = () => `limit-command-${++n}`;

const JOIN_LIMIT = 4;

beforeAll(async () => {
	server = await startServer({ env: { JOIN_RATE_LIMIT: String(JOIN_LIMIT) } });
	const cookie = await signIn(server.url, ADMIN.username, ADMIN.password);
	moderator = (await connect(server.url, { as: 'moderator', cookie })).socket;
	open.push(moderator);
});

afterAll(async () => {
	for (const socket of open) socket.disconnect();
	await server?.stop();
});

describe('rate limits', () => {
	it('let a hall join up to the limit per address, then say when to reload; a returning phone is never refused', async () => {
		const joined: string[] = [];
		for (let i = 0; i < JOIN_LIMIT; i++) joined.push(await joinMeeting(server.url, 'BPF2017'));
		const refused = await postJoin(server.url, 'BPF2017', {
			proof: await solveProof(await joinChallenge(server.url, 'BPF2017'))
		});
		const body = await refused.text();
		expect(body).toMatch(/"failure"/);
		expect(body).toMatch(/"status":429/);
		expect(body).toMatch(/Very many phones joined from your network in the last minute: reload in \d+ s\./);
		const again = await fetch(`${server.url}/m/BPF2017`, { headers: { cookie: joined[0] } });
		expect(again.status).toBe(200);
	});
});

describe('ballot and profile limits', () => {
	let phones: TestSocket[];
	let cookies: string[];

	beforeAll(async () => {
		// A fresh server: the join budget of the first one is spent.
		await server.stop();
		server = await startServer();
		const cookie = await signIn(server.url, ADMIN.username, ADMIN.password);
		moderator = (await connect(server.url, { as: 'moderator', cookie })).socket;
		open.push(moderator);
		cookies = [await joinMeeting(server.url, 'BPF2017'), await joinMeeting(server.url, 'BPF2017')];
		phones = [];
		for (const phoneCookie of cookies) {
			const { socket } = await connect(server.url, { as: 'attendee', cookie: phoneCookie });
			open.push(socket);
			phones.push(socket);
		}
	});

	it('refuse the 31st ballot in a minute from one phone, and only from that phone', async () => {
		const { snapshot } = await connect(server.url, { as: 'projector' });
		const poll = snapshot.polls.find((p) => p.kind === 'multiple');
		if (!poll) throw new Error('no multiple-choice poll');
		await moderator.emitWithAck('poll:control', { clientId: id(), pollId: poll.id, action: 'open' });
		const results = [];
		for (let revision = 1; revision <= 31; revision++) {
			results.push(
				await phones[0].emitWithAck('poll:vote', {
					clientId: id(),
					pollId: poll.id,
					revision,
					choice: { kind: 'multiple', optionIds: [poll.options[revision % 2].id] }
				})
			);
		}
		expect(results.filter((r) => 'data' in r)).toHaveLength(30);
		expect(results.at(-1)).toMatchObject({
			error: { code: 'rate_limited', message: expect.stringMatching(/try again in \d+ s\./) }
		});
		expect(
			await phones[1].emitWithAck('poll:vote', {
				clientId: id(),
				pollId: poll.id,
				revision: 1,
				choice: { kind: 'multiple', optionIds: [poll.options[0].id] }
			})
		).toHaveProperty('data');
	});

	it('refuse the 21st profile save in a minute', async () => {
		// Form actions answer 200 with the action's outcome in the body: { type, status, data }.
		const outcomes: { type: string; status: number; data?: string }[] = [];
		for (let i = 0; i < 21; i++) {
			outcomes.push(await (await saveProfile(server.url, cookies[0], { displayName: `Name ${i}` })).json());
		}
		expect(outcomes.slice(0, 20).every((outcome) => outcome.type === 'success')).toBe(true);
		expect(outcomes[20]).toMatchObject({ type: 'failure', status: 429 });
		expect(outcomes[20].data).toMatch(/try again in \d+ s/);
	});

	it('count upvotes per participant', async () => {
		const asker = await connectedAttendee(server.url, open);
		const asked = await asker.emitWithAck('question:ask', {
			clientId: id(),
			text: 'Limits for upvotes?',
			anonymous: true
		});
		if (!('data' in asked)) throw new Error(asked.error.message);
		const questionId = asked.data.question.id;
		const results = [];
		for (let i = 0; i < 61; i++) {
			results.push(
				await phones[0].emitWithAck('question:upvote', { clientId: id(), questionId, up: i % 2 === 0 })
			);
		}
		expect(results.filter((r) => 'data' in r)).toHaveLength(60);
		expect(results.at(-1)).toHaveProperty('error.code', 'rate_limited');
	});
});
