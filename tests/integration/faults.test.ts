import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { MeetingSnapshot } from '../../src/lib/realtime/protocol';
import { ADMIN, freePort, startServer, temporaryDatabase, type RunningServer } from './support/server';
import { connect, joinMeeting, publicSnapshot, signIn, type TestSocket } from './support/clients';
import { ballotCount } from './support/state';
import { ensureDatabase, isPostgres, sql } from './support/database';
import { waitUntil } from './support/wait';

const run = promisify(execFile);
const servers: RunningServer[] = [];
const open: TestSocket[] = [];
let n = 0;
const id = () => `fault-command-${++n}`;

afterAll(async () => {
	for (const socket of open) socket.disconnect();
	for (const server of servers) await server.stop().catch(() => undefined);
});

/**
 * A phone that keeps its latest snapshot and follows the agenda's moves after it, as the browser
 * client does (a move made while its snapshot was read reaches it after the snapshot).
 */
interface Phone {
	socket: TestSocket;
	latest: MeetingSnapshot;
	clientId: string;
}

async function phones(url: string, count: number): Promise<Phone[]> {
	const joined: Phone[] = [];
	for (let i = 0; i < count; i++) {
		const cookie = await joinMeeting(url, 'BPF2017');
		const { socket, snapshot } = await connect(url, { as: 'attendee', cookie });
		const phone: Phone = { socket, latest: snapshot, clientId: id() };
		socket.on('meeting:snapshot', (fresh) => (phone.latest = fresh));
		socket.on('agenda:moved', ({ version, position }) => {
			if (version === phone.latest.version + 1) phone.latest = { ...phone.latest, version, position };
		});
		open.push(socket);
		joined.push(phone);
	}
	return joined;
}

/** The moderator signs in and opens the seeded multiple-choice poll. */
async function openPoll(url: string) {
	const cookie = await signIn(url, ADMIN.username, ADMIN.password);
	const moderator = await connect(url, { as: 'moderator', cookie });
	open.push(moderator.socket);
	const poll = moderator.snapshot.polls.find((p) => p.kind === 'multiple');
	if (!poll) throw new Error('no multiple-choice poll');
	expect(
		await moderator.socket.emitWithAck('poll:control', { clientId: id(), pollId: poll.id, action: 'open' })
	).toHaveProperty('data');
	return { moderator, poll };
}

const vote = (phone: Phone, pollId: string, optionId: string) =>
	phone.socket.timeout(10_000).emitWithAck('poll:vote', {
		clientId: phone.clientId,
		pollId,
		revision: 1,
		choice: { kind: 'multiple', optionIds: [optionId] }
	});

describe('a server killed in the middle of a ballot burst', () => {
	it('counts every acknowledged ballot after a restart, and phones converge without voting twice', async () => {
		const database = temporaryDatabase();
		const port = String(await freePort());
		let server = await startServer({ database, env: { PORT: port } });
		servers.push(server);
		const { poll } = await openPoll(server.url);
		const hall = await phones(server.url, 120);

		const acknowledged = new Set<Phone>();
		for (const [i, phone] of hall.entries()) {
			phone.socket.emit(
				'poll:vote',
				{
					clientId: phone.clientId,
					pollId: poll.id,
					revision: 1,
					choice: { kind: 'multiple', optionIds: [poll.options[i % 3].id] }
				},
				(result) => {
					if ('data' in result) acknowledged.add(phone);
				}
			);
		}
		await waitUntil(() => acknowledged.size >= 40, '40 acknowledgements');
		const before = new Map(hall.map((phone) => [phone, phone.latest]));
		await server.kill();
		const ackedBeforeKill = new Set(acknowledged);
		expect(ackedBeforeKill.size).toBeGreaterThanOrEqual(40);

		server = await startServer({ database, env: { PORT: port } });
		servers.push(server);
		// Every acknowledged ballot was committed before its acknowledgement.
		expect(await ballotCount(database, poll.id)).toBeGreaterThanOrEqual(ackedBeforeKill.size);

		// The phones reconnect on their own and get the current state, their own ballot included.
		const version = (await publicSnapshot(server.url)).version;
		await waitUntil(() => hall.every((phone) => phone.latest !== before.get(phone)), 'every phone to resync');
		expect(hall.every((phone) => phone.latest.version === version)).toBe(true);
		for (const phone of ackedBeforeKill) expect(phone.latest.myBallots[poll.id]).toBeDefined();

		// A phone retries what it never saw acknowledged, with the same client id: nothing counts twice.
		const retries = await Promise.all(
			hall.map((phone, i) =>
				phone.latest.myBallots[poll.id] ? null : vote(phone, poll.id, poll.options[i % 3].id)
			)
		);
		expect(retries.every((result) => result === null || 'data' in result)).toBe(true);
		expect(await ballotCount(database, poll.id)).toBe(120);
		const resent = await Promise.all(
			hall.slice(0, 20).map((phone, i) => vote(phone, poll.id, poll.options[i % 3].id))
		);
		expect(resent.every((result) => 'data' in result)).toBe(true);
		expect(await ballotCount(database, poll.id)).toBe(120);
	});
});

describe('500 connections dropped at once', () => {
	it('all come back to the current version within seconds, with no duplicate ballot', async () => {
		const server = await startServer();
		servers.push(server);
		const { moderator, poll } = await openPoll(server.url);
		const hall = await phones(server.url, 500);
		const votes = await Promise.all(hall.map((phone, i) => vote(phone, poll.id, poll.options[i % 4].id)));
		expect(votes.every((result) => 'data' in result)).toBe(true);

		// The venue's Wi-Fi drops every phone at once; the agenda moves on meanwhile.
		const before = new Map(hall.map((phone) => [phone, phone.latest]));
		const dropped = Date.now();
		for (const phone of hall) phone.socket.io.engine.close();
		await moderator.socket.emitWithAck('agenda:move', { clientId: id(), to: 'next' });
		await moderator.socket.emitWithAck('agenda:move', { clientId: id(), to: 'next' });
		const version = (await publicSnapshot(server.url)).version;

		await waitUntil(
			() => hall.every((phone) => phone.latest !== before.get(phone) && phone.latest.version === version),
			'every phone on the current version'
		);
		const seconds = (Date.now() - dropped) / 1000;
		console.log(`500 phones back on version ${version} ${seconds.toFixed(1)} s after the drop`);
		expect(hall.every((phone) => phone.latest.myBallots[poll.id] !== undefined)).toBe(true);

		// Their clients retry the last ballot after reconnecting: still 500 ballots, counts unchanged.
		const retried = await Promise.all(hall.map((phone, i) => vote(phone, poll.id, poll.options[i % 4].id)));
		expect(retried.every((result) => 'data' in result)).toBe(true);
		expect(await ballotCount(server.database, poll.id)).toBe(500);
		const { data } = (await moderator.socket.emitWithAck('meeting:sync')) as { data: MeetingSnapshot };
		expect(data.results[poll.id].results?.ballots).toBe(500);
	});
});

describe('a backup taken while the session runs', () => {
	it('is a consistent copy of the live database (SQLite online backup, or pg_dump)', async () => {
		const server = await startServer();
		servers.push(server);
		const { poll } = await openPoll(server.url);
		const hall = await phones(server.url, 60);
		const burst = Promise.all(hall.map((phone, i) => vote(phone, poll.id, poll.options[i % 2].id)));
		const postgres = isPostgres(server.database);
		const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-backup-')), 'backup');
		const { stdout } = await run(process.execPath, ['scripts/backup.js', target], {
			cwd: path.resolve(import.meta.dirname, '../..'),
			env: postgres
				? { ...process.env, DATABASE_URL: server.database }
				: { ...process.env, DATABASE_URL: '', DATABASE_PATH: server.database }
		});
		expect(stdout).toMatch(/integrity ok/);
		expect((await burst).every((result) => 'data' in result)).toBe(true);

		// The copy, restored where the server would read it: a file, or a new PostgreSQL database.
		let copy = target;
		if (postgres) {
			copy = temporaryDatabase();
			await ensureDatabase(copy);
			await run('pg_restore', ['--no-owner', `--dbname=${copy}`, target]);
		} else {
			const file = new Database(target, { readonly: true });
			expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
			file.close();
		}
		const meetings = await sql<{ code: string }>(copy, 'select code from meetings');
		expect(meetings.map((m) => m.code)).toEqual(['BPF2017']);
		const copied = await ballotCount(copy, poll.id);
		expect(copied).toBeGreaterThanOrEqual(0);
		expect(copied).toBeLessThanOrEqual(60);
		expect(await ballotCount(server.database, poll.id)).toBe(60);
	});
});
