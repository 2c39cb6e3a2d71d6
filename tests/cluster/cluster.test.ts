/**
 * Plenary as several processes on one PostgreSQL database and one Redis: any process serves any
 * phone, projector or console, one that dies loses nothing acknowledged, and Redis coming back
 * after an outage needs no restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MeetingSnapshot, PollInfo } from '../../src/lib/realtime/protocol';
import { connect, eventWhere, joinMeeting, signIn, type TestSocket } from '../integration/support/clients';
import { sql } from '../integration/support/database';
import { ADMIN } from '../integration/support/server';
import { waitUntil } from '../integration/support/wait';
import { startCluster, type TestCluster } from './support';

let cluster: TestCluster | null = null;
const open: TestSocket[] = [];

afterEach(async () => {
	for (const socket of open.splice(0)) socket.disconnect();
	await cluster?.stop();
	cluster = null;
});

let sequence = 0;
const id = () => `cluster-${process.pid}-${++sequence}-abcdef`;

/** A phone following the meeting as the browser does: its snapshot, then each move after it. */
interface Phone {
	socket: TestSocket;
	version: number;
}

async function phoneAt(url: string): Promise<Phone> {
	const cookie = await joinMeeting(url, 'BPF2017');
	const { socket, snapshot } = await connect(url, { as: 'attendee', cookie });
	open.push(socket);
	const phone: Phone = { socket, version: snapshot.version };
	socket.on('meeting:snapshot', (fresh: MeetingSnapshot) => (phone.version = fresh.version));
	socket.on('agenda:moved', ({ version }) => {
		if (version === phone.version + 1) phone.version = version;
	});
	return phone;
}

async function moderatorAt(url: string) {
	const cookie = await signIn(url, ADMIN.username, ADMIN.password);
	const moderator = await connect(url, { as: 'moderator', cookie });
	open.push(moderator.socket);
	const poll = moderator.snapshot.polls.find((candidate) => candidate.kind === 'multiple') as PollInfo;
	for (const action of ['open', 'show-results'] as const)
		expect(
			await moderator.socket.emitWithAck('poll:control', { clientId: id(), pollId: poll.id, action })
		).toHaveProperty('data');
	return { socket: moderator.socket, poll };
}

async function projectorAt(url: string): Promise<TestSocket> {
	const { socket } = await connect(url, { as: 'projector' });
	open.push(socket);
	return socket;
}

/** A ballot sent until it is acknowledged, with the same client id each time, as the phone's outbox does. */
async function voteUntilAcknowledged(phone: Phone, pollId: string, optionId: string): Promise<void> {
	const clientId = id();
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		try {
			const ack = await phone.socket
				.timeout(3_000)
				.emitWithAck('poll:vote', { clientId, pollId, revision: 1, choice: { optionIds: [optionId] } });
			if ('data' in ack) return;
			throw new Error(`ballot refused: ${JSON.stringify(ack)}`);
		} catch (error) {
			if (String(error).includes('ballot refused')) throw error;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
	throw new Error('a ballot was never acknowledged');
}

/** Stored ballots per option of a poll, as the database counts them. */
async function storedCounts(database: string, pollId: string): Promise<Record<string, number>> {
	const rows = await sql<{ choice: string }>(
		database,
		'select cast(choice as text) as choice from ballots where poll_id = ?',
		pollId
	);
	const counts: Record<string, number> = {};
	for (const { choice } of rows)
		for (const optionId of (JSON.parse(choice) as { optionIds: string[] }).optionIds)
			counts[optionId] = (counts[optionId] ?? 0) + 1;
	return counts;
}

/** What a projector's latest results say, per option. */
function projectedCounts(update: { results: unknown }): Record<string, number> {
	const overall = (update.results as { overall: { counts: { optionId: string; count: number }[] } }).overall;
	return Object.fromEntries(overall.counts.filter((c) => c.count > 0).map((c) => [c.optionId, c.count]));
}

/** Waits until every phone follows `version`. */
async function allAt(phones: Phone[], version: number, what: string): Promise<void> {
	await waitUntil(() => phones.every((phone) => phone.version === version && phone.socket.connected), what, {
		timeoutMs: 30_000
	});
}

describe('three processes on one machine', () => {
	it('serve phones spread over them, the projector on a second and the moderator on a third', async () => {
		cluster = await startCluster(3);
		const [a, b, c] = cluster.servers;
		const moderator = await moderatorAt(c.url);
		const projector = await projectorAt(b.url);
		const phones = await Promise.all(
			Array.from({ length: 30 }, (_, index) => phoneAt(cluster!.servers[index % 3].url))
		);
		const { poll } = moderator;
		const projected = eventWhere(projector, 'poll:results', (u) => u.pollId === poll.id && u.ballots === 30);
		const acks = await Promise.all(
			phones.map((phone, index) =>
				phone.socket.emitWithAck('poll:vote', {
					clientId: id(),
					pollId: poll.id,
					revision: 1,
					choice: { optionIds: [poll.options[index % 3].id] }
				})
			)
		);
		expect(acks.every((ack) => 'data' in ack)).toBe(true);
		// Every ballot counted once, and the projector (on another process than most phones) says so.
		const stored = await storedCounts(a.database, poll.id);
		expect(Object.values(stored).reduce((sum, n) => sum + n, 0)).toBe(30);
		expect(projectedCounts(await projected)).toEqual(stored);

		// The moderator's advance, made on the third process, reaches every phone on every process.
		const moved = await moderator.socket.emitWithAck('agenda:move', { clientId: id(), to: 'next' });
		expect(moved).toHaveProperty('data');
		const { version } = (moved as { data: { version: number } }).data;
		await allAt(phones, version, 'every phone on the moved agenda');
	});
});

describe('a process killed with SIGKILL in the middle of a ballot burst', () => {
	it('loses no acknowledged ballot and counts none twice; its phones converge through the others', async () => {
		cluster = await startCluster(3);
		const [doomed, survivor, other] = cluster.servers;
		const moderator = await moderatorAt(other.url);
		const projector = await projectorAt(survivor.url);
		// Through the balancer: a third of the phones on each process.
		const phones = await Promise.all(Array.from({ length: 60 }, () => phoneAt(cluster!.url)));
		const { poll } = moderator;

		const burst = phones.map((phone, index) =>
			voteUntilAcknowledged(phone, poll.id, poll.options[index % 4].id)
		);
		await new Promise((resolve) => setTimeout(resolve, 30));
		await doomed.kill();
		await Promise.all(burst);

		// The phones it served reconnected to the others; an advance reaches all of them.
		const moved = (await moderator.socket.emitWithAck('agenda:move', { clientId: id(), to: 'next' })) as {
			data: { version: number };
		};
		await allAt(phones, moved.data.version, 'every phone on the moved agenda after the kill');

		const stored = await storedCounts(survivor.database, poll.id);
		expect(Object.values(stored).reduce((sum, n) => sum + n, 0)).toBe(60);
		const [{ n }] = await sql<{ n: number }>(
			survivor.database,
			'select count(*) as n from ballots where poll_id = ?',
			poll.id
		);
		expect(n).toBe(60);
		// The projector's live tally matches the database.
		const sync = (await projector.emitWithAck('meeting:sync')) as { data: MeetingSnapshot };
		expect(projectedCounts(sync.data.results[poll.id])).toEqual(stored);
	});
});

describe('Redis restarted during a session', () => {
	it('is followed by every process without a restart of its own', async () => {
		cluster = await startCluster(2);
		const [a, b] = cluster.servers;
		const moderator = await moderatorAt(a.url);
		const projector = await projectorAt(b.url);
		const onA = await Promise.all(Array.from({ length: 10 }, () => phoneAt(a.url)));
		const onB = await Promise.all(Array.from({ length: 10 }, () => phoneAt(b.url)));
		const { poll } = moderator;
		await Promise.all(
			onA.slice(0, 5).map((phone) => voteUntilAcknowledged(phone, poll.id, poll.options[0].id))
		);

		// Redis goes away: ballots are still committed and acknowledged by the process that has them.
		await cluster.redis.stop();
		await Promise.all(onA.slice(5).map((phone) => voteUntilAcknowledged(phone, poll.id, poll.options[1].id)));
		await cluster.redis.start();

		// Back: the projector on the other process shows every ballot, and moves reach every phone.
		const stored = await storedCounts(a.database, poll.id);
		await waitUntil(
			async () => {
				const sync = (await projector.emitWithAck('meeting:sync')) as { data: MeetingSnapshot };
				return JSON.stringify(projectedCounts(sync.data.results[poll.id])) === JSON.stringify(stored);
			},
			'the projector on the tally of the database',
			{ timeoutMs: 30_000, everyMs: 200 }
		);
		await waitUntil(
			async () => {
				const moved = (await moderator.socket.emitWithAck('agenda:move', { clientId: id(), to: 'next' })) as {
					data: { version: number };
				};
				await new Promise((resolve) => setTimeout(resolve, 500));
				return [...onA, ...onB].every((phone) => phone.version === moved.data.version);
			},
			'a move reaching the phones of both processes',
			{ timeoutMs: 30_000, everyMs: 200 }
		);
		await Promise.all(onB.map((phone) => voteUntilAcknowledged(phone, poll.id, poll.options[2].id)));
		const after = await storedCounts(a.database, poll.id);
		expect(Object.values(after).reduce((sum, n) => sum + n, 0)).toBe(20);
	});
});
