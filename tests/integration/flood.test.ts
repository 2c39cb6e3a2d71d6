import fs from 'node:fs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingSnapshot, QuestionsState } from '../../src/lib/realtime/protocol';
import { QUESTIONS_SHOWN } from '../../src/lib/domain/questions';
import { ADMIN, startServer, type RunningServer } from './support/server';
import { sql } from './support/database';
import { connect, joinMeeting, signIn, type TestSocket } from './support/clients';
import { ballotCount } from './support/state';

/**
 * One hostile attendee with a laptop, for most of a minute, while 200 honest phones vote: screens
 * that ask for the whole session a hundred times a second and never read the answers, a storm of
 * raised and lowered hands, a flood of long questions, and phones asking for snapshots again and
 * again. The room must not notice: every ballot counted, the server's memory bounded, the attacker
 * refused and dropped.
 */
const ATTACK_MS = 60_000;
const HONEST_PHONES = 200;
const VOTES_PER_PHONE = 3;
const HOSTILE_PHONES = 50;
const QUESTIONS_EACH = 10;
const DEAF_SCREENS = 6;
const SYNCS_PER_SECOND = 100;
const HAND_RAISERS = 10;
/** Far above what the server needs (about 150 MB), far below what an unbounded backlog reaches. */
const MEMORY_BOUND = 400 * 1024 * 1024;

let server: RunningServer;
let moderator: TestSocket;
const open: TestSocket[] = [];
const deafSockets: WebSocket[] = [];

beforeAll(async () => {
	server = await startServer();
	const cookie = await signIn(server.url, ADMIN.username, ADMIN.password);
	moderator = (await connect(server.url, { as: 'moderator', cookie })).socket;
	open.push(moderator);
});

afterAll(async () => {
	for (const socket of open) socket.disconnect();
	for (const ws of deafSockets) ws.terminate();
	await server?.stop();
});

/** How many stored ballots of a single-choice poll pick each option. */
async function storedChoices(database: string, pollId: string): Promise<Record<string, number>> {
	const rows = await sql<{ choice: string }>(
		database,
		'select cast(choice as text) as choice from ballots where poll_id = ?',
		pollId
	);
	const counts: Record<string, number> = {};
	for (const { choice } of rows) {
		const { optionId } = JSON.parse(choice) as { optionId: string };
		counts[optionId] = (counts[optionId] ?? 0) + 1;
	}
	return counts;
}

/** The server process's resident memory, in bytes. */
function residentMemory(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kilobytes = /VmRSS:\s+(\d+) kB/.exec(status);
	return kilobytes ? Number(kilobytes[1]) * 1024 : 0;
}

/**
 * A projector spoken over a bare WebSocket that stops reading once connected: everything the
 * server sends it stays on the server's side. It answers the server's heartbeat blindly, so only
 * the server's own bounds can end it.
 */
async function deafScreen(url: string): Promise<WebSocket> {
	const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
	deafSockets.push(ws);
	ws.on('error', () => {});
	await new Promise<void>((resolve, reject) => {
		ws.once('error', reject);
		ws.on('message', (data) => {
			const frame = data.toString();
			if (frame.startsWith('0{')) ws.send(`40${JSON.stringify({ meeting: 'BPF2017', as: 'projector' })}`);
			if (frame.startsWith('40')) resolve();
		});
	});
	(ws as unknown as { _socket: { pause: () => void } })._socket.pause();
	return ws;
}

/** Keeps `count` deaf screens flooding `meeting:sync` until `until`; returns how many it had to open. */
async function floodFromDeafScreens(url: string, count: number, until: number): Promise<number> {
	let opened = 0;
	const screens = await Promise.all(Array.from({ length: count }, () => deafScreen(url)));
	opened += screens.length;
	let ack = 0;
	while (Date.now() < until) {
		for (const [index, ws] of screens.entries()) {
			if (ws.readyState !== WebSocket.OPEN) {
				screens[index] = await deafScreen(url).catch(() => ws);
				if (screens[index] !== ws) opened++;
				continue;
			}
			for (let i = 0; i < SYNCS_PER_SECOND / 10; i++) ws.send(`42${++ack}["meeting:sync"]`);
			if (ack % 300 < SYNCS_PER_SECOND / 10) ws.send('3');
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return opened;
}

async function attendee(): Promise<TestSocket> {
	const cookie = await joinMeeting(server.url, 'BPF2017');
	const { socket } = await connect(server.url, { as: 'attendee', cookie });
	open.push(socket);
	return socket;
}

/** Sends a ballot until it is acknowledged, with the same client id (as a phone's outbox does). */
async function castBallot(phone: TestSocket, command: Record<string, unknown>): Promise<unknown> {
	for (let attempt = 0; attempt < 6; attempt++) {
		try {
			return await phone.timeout(20_000).emitWithAck('poll:vote', command as never);
		} catch {
			// No answer in time: the same ballot again, applied once.
		}
	}
	throw new Error('a ballot was never acknowledged');
}

describe('one hostile attendee for a minute, 200 honest phones voting', () => {
	it(
		'loses no ballot, keeps memory bounded, refuses and drops the attacker',
		{ timeout: 150_000 },
		async () => {
			const created = await moderator.emitWithAck('poll:create', {
				clientId: 'flood-poll',
				itemId: null,
				kind: 'single',
				question: 'Does the room hold?',
				options: ['Yes', 'No', 'Undecided'],
				maxPicks: null,
				wordLimit: null
			});
			if (!('data' in created)) throw new Error(JSON.stringify(created));
			const pollId = created.data.pollId;
			await moderator.emitWithAck('poll:control', {
				clientId: 'flood-open',
				pollId,
				action: 'open'
			} as never);
			const { polls } = ((await moderator.emitWithAck('meeting:sync')) as { data: MeetingSnapshot }).data;
			const options = polls.find((poll) => poll.id === pollId)!.options.map((option) => option.id);

			const honest: TestSocket[] = [];
			for (let i = 0; i < HONEST_PHONES; i += 20)
				honest.push(...(await Promise.all(Array.from({ length: 20 }, () => attendee()))));
			const hostile = await Promise.all(Array.from({ length: HOSTILE_PHONES }, () => attendee()));

			let floorUpdates = 0;
			honest[0].on('floor:changed', () => floorUpdates++);
			let peakMemory = residentMemory(server.pid);
			const sampler = setInterval(() => (peakMemory = Math.max(peakMemory, residentMemory(server.pid))), 250);
			const start = Date.now();
			const until = start + ATTACK_MS;

			// The attack.
			const deaf = floodFromDeafScreens(server.url, DEAF_SCREENS, until);
			const refusals = { questions: 0, hands: 0, syncs: 0 };
			const refused = (answer: unknown) =>
				(answer as { error?: { code: string } }).error?.code === 'rate_limited';
			const text = (i: number) => `${i} `.padEnd(500, 'Why is this question so long? ');
			const asked = hostile.flatMap((phone, p) =>
				Array.from({ length: QUESTIONS_EACH }, (_, q) =>
					phone
						.timeout(30_000)
						.emitWithAck('question:ask', { clientId: `flood-q-${p}-${q}`, text: text(q), anonymous: false })
						.then((answer) => (refusals.questions += refused(answer) ? 1 : 0))
						.catch(() => {})
				)
			);
			const storm = (async () => {
				let n = 0;
				while (Date.now() < until) {
					for (const phone of hostile.slice(0, HAND_RAISERS)) {
						for (const event of ['floor:request', 'floor:withdraw'] as const) {
							phone.emit(event, { clientId: `flood-hand-${++n}` }, (answer: unknown) => {
								if (refused(answer)) refusals.hands++;
							});
						}
					}
					await new Promise((resolve) => setTimeout(resolve, 20));
				}
			})();
			const resyncs = (async () => {
				while (Date.now() < until) {
					for (const phone of hostile.slice(HAND_RAISERS)) {
						phone.emit('meeting:sync', (answer: unknown) => {
							if (refused(answer)) refusals.syncs++;
						});
					}
					await new Promise((resolve) => setTimeout(resolve, 50));
				}
			})();

			// The room votes meanwhile, each phone a few times; the last acknowledged choice must count.
			const lastChoice = await Promise.all(
				honest.map(async (phone, p) => {
					let last: string | null = null;
					for (let vote = 1; vote <= VOTES_PER_PHONE; vote++) {
						const at = start + ((vote - 1 + Math.random()) * ATTACK_MS) / VOTES_PER_PHONE;
						await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
						const optionId = options[(p + vote) % options.length];
						const answer = await castBallot(phone, {
							clientId: `flood-vote-${p}-${vote}`,
							pollId,
							revision: vote,
							choice: { kind: 'single', optionId }
						});
						expect(answer, `phone ${p}, ballot ${vote}`).toHaveProperty('data');
						last = optionId;
					}
					return last!;
				})
			);
			const screensOpened = await deaf;
			await Promise.all([storm, resyncs, ...asked]);
			clearInterval(sampler);

			// No honest ballot lost: the stored ballots are exactly the phones' last acknowledged choices.
			expect(await ballotCount(server.database, pollId)).toBe(HONEST_PHONES);
			const stored = await storedChoices(server.database, pollId);
			for (const optionId of options)
				expect(stored[optionId] ?? 0, optionId).toBe(
					lastChoice.filter((choice) => choice === optionId).length
				);

			// Memory stayed bounded.
			expect(peakMemory).toBeLessThan(MEMORY_BOUND);

			// The attacker was refused, throttled and dropped.
			expect(screensOpened, 'deaf screens dropped and reopened').toBeGreaterThan(DEAF_SCREENS);
			expect(refusals.questions).toBeGreaterThan(0);
			expect(refusals.hands).toBeGreaterThan(0);
			// A storm of hands reaches a phone at the phones' pace, not once per hand.
			expect(floorUpdates).toBeLessThan((2 * ATTACK_MS) / 1000 + 10);

			// The snapshot carries the first questions; the rest come on request.
			const phone = (await connect(server.url, { as: 'projector' })).socket;
			open.push(phone);
			const { qa } = ((await phone.emitWithAck('meeting:sync')) as { data: MeetingSnapshot }).data;
			expect(qa.more).toBeGreaterThan(0);
			expect(qa.questions.length).toBeLessThanOrEqual(2 * QUESTIONS_SHOWN + 1);
			const more = (await phone.emitWithAck('questions:more', { count: 200 })) as { data: QuestionsState };
			expect(more.data.questions.length).toBeGreaterThan(qa.questions.length);
			expect(more.data.questions.length + more.data.more).toBe(qa.questions.length + qa.more);
		}
	);
});

describe("a snapshot's lists that the room can grow", () => {
	it(
		'carry the first of the queue and the newest comments of a card, with counts of the rest',
		{ timeout: 60_000 },
		async () => {
			const phones: TestSocket[] = [];
			for (let i = 0; i < 60; i += 20)
				phones.push(...(await Promise.all(Array.from({ length: 20 }, () => attendee()))));
			// The seeded meeting's comments closed in 2017: open them again.
			const deadline = new Date(Date.now() + 3600_000).toISOString();
			await moderator.emitWithAck('comments:deadline', { clientId: 'bound-deadline', deadline });
			for (const [i, phone] of phones.entries()) {
				expect(await phone.emitWithAck('floor:request', { clientId: `bound-hand-${i}` })).toHaveProperty(
					'data'
				);
				const comment = await phone.emitWithAck('card:comment', {
					clientId: `bound-comment-${i}`,
					cardId: 'online-abuse',
					text: `Comment number ${i}`
				});
				expect(comment).toHaveProperty('data');
			}
			const sync = async (socket: TestSocket) =>
				((await socket.emitWithAck('meeting:sync')) as { data: MeetingSnapshot }).data;
			const seen = await sync(phones[0]);
			expect(seen.floor.queue).toHaveLength(50);
			expect(seen.floor.waiting).toBeGreaterThanOrEqual(60);
			const onCard = seen.comments.comments.filter((comment) => comment.cardId === 'online-abuse');
			expect(onCard).toHaveLength(50);
			expect(onCard.map((comment) => comment.text)).toContain('Comment number 59');
			expect(seen.comments.earlier['online-abuse']).toBeGreaterThanOrEqual(10);
			// The last in the queue is still told it waits; staff see the queue whole.
			expect((await sync(phones[59])).floor.mine).toEqual(expect.any(String));
			const staff = await sync(moderator);
			expect(staff.floor.queue.length).toBe(staff.floor.waiting);
		}
	);
});
