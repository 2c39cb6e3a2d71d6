/**
 * One person, one voice: opening a meeting's page joins no one, and a new participant exists only
 * after a POST with a proof of work the server issued for that meeting, used once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Challenge } from 'altcha-lib';
import { ADMIN, startServer, type RunningServer } from './support/server';
import { sql } from './support/database';
import {
	actionAnswer,
	connect,
	cookiesFrom,
	joinChallenge,
	postJoin,
	publicSnapshot,
	signIn,
	solveProof,
	type TestSocket
} from './support/clients';
import { importSecondMeeting } from './support/meetings';

const SECRET = 'a join test secret that is long enough to sign with';
process.env.SERVER_SECRET = SECRET;
// The server's own issuer, with the server's secret, makes the one challenge no phone can get: an old one.
const { issueChallenge } = await import('../../src/lib/server/join/proof');
const { currentRoomCode, ROOM_CODE_PERIOD_MS } = await import('../../src/lib/server/join/roomCode');

let server: RunningServer;
const open: TestSocket[] = [];

async function participantCount(code?: string): Promise<number> {
	const [row] = code
		? await sql<{ n: number }>(
				server.database,
				'select count(*) as n from participants join meetings on meetings.id = meeting_id where code = ?',
				code
			)
		: await sql<{ n: number }>(server.database, 'select count(*) as n from participants');
	return row.n;
}

/** Sets a meeting's rule beside the running server, which reads the meeting's row on every request. */
async function meetingWithRule(code: string, participation: string): Promise<string> {
	await sql(server.database, 'update meetings set participation = ? where code = ?', participation, code);
	const [row] = await sql<{ id: string }>(server.database, 'select id from meetings where code = ?', code);
	return row.id;
}

/** Posts a join; the body says whether it joined (`success`) or why not. */
async function tryJoin(fields: Record<string, string>, code = 'BPF2017') {
	const response = await postJoin(server.url, code, fields);
	const answer = actionAnswer(await response.text());
	return {
		joined: answer.type === 'success',
		status: answer.status,
		message: String(answer.data?.message ?? ''),
		challenge: answer.data?.challenge,
		cookie: cookiesFrom(response)
	};
}

beforeAll(async () => {
	// The real default cost: this file pays the proof of work a phone pays.
	server = await startServer({ env: { JOIN_PROOF_COST: '', SERVER_SECRET: SECRET } });
	await importSecondMeeting(server.database, 'OTHER02');
	await importSecondMeeting(server.database, 'ROOM03', 'r-');
});

afterAll(async () => {
	for (const socket of open) socket.disconnect();
	await server?.stop();
});

describe('opening the attendee page', () => {
	it('joins no one: the page, its data (as a link preload fetches it) and its challenge create no participant', async () => {
		const before = await participantCount();
		for (const path of ['/m/BPF2017', '/m/BPF2017/__data.json', '/m/BPF2017/join/challenge']) {
			const response = await fetch(`${server.url}${path}`, { redirect: 'manual' });
			expect(response.status, path).toBe(200);
			expect(response.headers.getSetCookie().join(), path).not.toMatch(/plenary-attendee/);
		}
		expect(await participantCount()).toBe(before);
	});

	it('lets a phone that has not joined watch read-only: its socket gets the snapshot, its commands are refused', async () => {
		const { socket, snapshot } = await connect(server.url, { as: 'attendee' });
		open.push(socket);
		expect(snapshot.meeting.code).toBe('BPF2017');
		const answer = await socket.emitWithAck('floor:request', { clientId: 'viewer-1' });
		expect(answer).toEqual({
			error: { code: 'unauthorised', message: 'Join the meeting from its page first.' }
		});
	});
});

describe('the proof of work at the default cost', () => {
	it('admits a phone with a solved challenge, once: the same proof again creates no one', async () => {
		const before = await participantCount();
		const proof = await solveProof(await joinChallenge(server.url, 'BPF2017'));
		const first = await tryJoin({ proof });
		expect(first.joined).toBe(true);
		expect(first.cookie).toMatch(/plenary-attendee-BPF2017=/);
		expect(await participantCount()).toBe(before + 1);

		const replayed = await tryJoin({ proof });
		expect(replayed.joined).toBe(false);
		expect(replayed.status).toBe(403);
		expect(replayed.cookie).toBe('');
		expect(await participantCount()).toBe(before + 1);

		const { socket, snapshot } = await connect(server.url, { as: 'attendee', cookie: first.cookie });
		open.push(socket);
		expect(snapshot.presence.connected).toBeGreaterThanOrEqual(1);
		const answer = await socket.emitWithAck('floor:request', { clientId: 'joined-1' });
		expect(answer).toMatchObject({ data: { requestId: expect.any(String) } });
	});

	it('refuses a missing, malformed, wrong, tampered, expired or other meeting’s proof, and creates no one', async () => {
		const before = await participantCount();
		const challenge = await joinChallenge(server.url, 'BPF2017');
		const solved = JSON.parse(await solveProof(challenge)) as {
			challenge: Challenge;
			solution: { counter: number; derivedKey: string };
		};
		const meetingId = String(challenge.parameters.data?.meeting);
		const expired = await issueChallenge(meetingId, Date.now() - 10 * 60_000);
		const elsewhere = await solveProof(await joinChallenge(server.url, 'OTHER02'));
		const refusals: Record<string, Record<string, string>> = {
			missing: {},
			'not JSON': { proof: 'not json' },
			'wrong counter': {
				proof: JSON.stringify({
					...solved,
					solution: { ...solved.solution, counter: solved.solution.counter + 1 }
				})
			},
			'wrong key': {
				proof: JSON.stringify({ ...solved, solution: { ...solved.solution, derivedKey: '00'.repeat(32) } })
			},
			'cheaper challenge': {
				proof: JSON.stringify({
					...solved,
					challenge: { ...solved.challenge, parameters: { ...solved.challenge.parameters, cost: 1 } }
				})
			},
			expired: { proof: await solveProof(expired) },
			'another meeting': { proof: elsewhere }
		};
		for (const [what, fields] of Object.entries(refusals)) {
			const attempt = await tryJoin(fields);
			expect(attempt.joined, what).toBe(false);
			expect(attempt.status, what).toBe(403);
			expect(attempt.message, what).toMatch(/could not prove/);
			expect(attempt.cookie, what).toBe('');
		}
		expect(await participantCount()).toBe(before);
		// The right proof still works afterwards: nothing above spent it.
		expect((await tryJoin({ proof: JSON.stringify(solved) })).joined).toBe(true);
	});

	it('hands back a fresh challenge with a refusal, so the phone can try again', async () => {
		const refused = await tryJoin({ proof: 'nothing' });
		const fresh = refused.challenge as Challenge;
		expect(fresh.parameters.expiresAt).toBeGreaterThan(Date.now() / 1000);
		expect((await tryJoin({ proof: await solveProof(fresh) })).joined).toBe(true);
	});
});

describe('a meeting that asks for the room code', () => {
	let meetingId: string;
	const joinWith = async (roomCode: string) =>
		tryJoin({ roomCode, proof: await solveProof(await joinChallenge(server.url, 'ROOM03')) }, 'ROOM03');

	beforeAll(async () => {
		meetingId = await meetingWithRule('ROOM03', 'room_code');
	});

	it('sends newcomers to the join page, lets no socket watch without joining, and shows its code to staff only', async () => {
		const page = await fetch(`${server.url}/m/ROOM03`, { redirect: 'manual' });
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe('/m/ROOM03/join');
		await expect(connect(server.url, { as: 'attendee', meeting: 'ROOM03' })).rejects.toThrow(
			/^unauthorised: /
		);

		expect((await fetch(`${server.url}/m/ROOM03/room-code`)).status).toBe(403);
		const admin = await signIn(server.url, ADMIN.username, ADMIN.password);
		const shown = (await (
			await fetch(`${server.url}/m/ROOM03/room-code`, { headers: { cookie: admin } })
		).json()) as { roomCode: { code: string; changesAt: number } };
		const now = currentRoomCode(meetingId);
		// At a window's edge the server may already be on the next code.
		const next = currentRoomCode(meetingId, now.changesAt);
		expect([now.code, next.code]).toContain(shown.roomCode.code);
		expect(shown.roomCode.code).toMatch(/^\d{6}$/);

		const snapshot = await publicSnapshot(server.url, 'ROOM03');
		expect(JSON.stringify(snapshot)).not.toContain(shown.roomCode.code);
	});

	it('refuses a wrong code and one from two windows ago; admits the current one and the one just before it', async () => {
		const before = await participantCount('ROOM03');
		const now = Date.now();
		const code = (windowsAgo: number) =>
			currentRoomCode(meetingId, now - windowsAgo * ROOM_CODE_PERIOD_MS).code;
		const wrong = String((Number(code(0)) + 1) % 1_000_000).padStart(6, '0');
		for (const [what, typed] of [
			['wrong', wrong],
			['old', code(2)],
			['missing', '']
		]) {
			const attempt = await joinWith(typed);
			expect(attempt.joined, what).toBe(false);
			expect(attempt.status, what).toBe(400);
			expect(attempt.message, what).toMatch(/room code is not right/);
			expect(attempt.cookie, what).toBe('');
		}
		expect(await participantCount('ROOM03')).toBe(before);

		const current = await joinWith(` ${code(0).slice(0, 3)} ${code(0).slice(3)} `);
		expect(current.joined).toBe(true);
		const previous = await joinWith(code(1));
		expect(previous.joined).toBe(true);
		expect(await participantCount('ROOM03')).toBe(before + 2);
		// A phone that has joined and sends the join page's form again stays one participant.
		const again = await fetch(`${server.url}/m/ROOM03/join`, {
			method: 'POST',
			headers: {
				origin: server.url,
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				cookie: current.cookie
			},
			body: new URLSearchParams({
				roomCode: code(0),
				proof: await solveProof(await joinChallenge(server.url, 'ROOM03'))
			})
		});
		expect(actionAnswer(await again.text()).type).toBe('redirect');
		expect(await participantCount('ROOM03')).toBe(before + 2);
		const { snapshot } = await connect(server.url, {
			as: 'attendee',
			meeting: 'ROOM03',
			cookie: current.cookie
		});
		expect(snapshot.meeting.code).toBe('ROOM03');
	});
});
