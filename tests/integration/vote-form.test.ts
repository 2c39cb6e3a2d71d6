import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollInfo } from '../../src/lib/realtime/protocol';
import { ADMIN, startServer, type RunningServer } from './support/server';
import { connect, eventWhere, joinMeeting, publicSnapshot, signIn, type TestSocket } from './support/clients';
import { ballotCount } from './support/state';

/**
 * A ballot tapped before the attendee page's scripts run is posted by the browser itself, as a
 * form, to the page's `vote` action: it must be counted once, through the same command as a
 * socket's `poll:vote`, and refused for the same reasons.
 */
let server: RunningServer;
let moderator: TestSocket;
let adminCookie: string;
const open: TestSocket[] = [];

async function pollByQuestion(start: string): Promise<PollInfo> {
	const poll = (await publicSnapshot(server.url)).polls.find((p) => p.question.startsWith(start));
	if (!poll) throw new Error(`no poll "${start}"`);
	return poll;
}

/** Posts the ballot form as a browser without scripts does: a plain form POST that wants HTML back. */
function postBallot(fields: [string, string][], cookie?: string) {
	return fetch(`${server.url}/m/BPF2017?/vote`, {
		method: 'POST',
		headers: {
			origin: server.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(fields)
	});
}

const stored = (pollId: string) => ballotCount(server.database, pollId);

let highlight: PollInfo;
let picks: [string, string];

beforeAll(async () => {
	server = await startServer();
	adminCookie = await signIn(server.url, ADMIN.username, ADMIN.password);
	moderator = (await connect(server.url, { as: 'moderator', cookie: adminCookie })).socket;
	open.push(moderator);
	highlight = await pollByQuestion('Which two policy areas');
	const [first, second] = highlight.options.map((option) => option.id);
	picks = [first!, second!];
	const ack = await moderator.emitWithAck('poll:control', {
		clientId: `open-${Date.now()}`,
		pollId: highlight.id,
		action: 'open'
	} as never);
	expect(ack).toHaveProperty('data');
});

afterAll(async () => {
	for (const socket of open) socket.disconnect();
	await server?.stop();
});

describe('the ballot form without scripts', () => {
	it('counts a ballot once, however often the form and then the socket send it', async () => {
		const cookie = await joinMeeting(server.url, 'BPF2017');
		const fields: [string, string][] = [
			['pollId', highlight.id],
			['clientId', 'form-ballot-0001'],
			['optionIds', picks[0]],
			['optionIds', picks[1]]
		];
		const live = eventWhere(moderator, 'poll:results', (u) => u.pollId === highlight.id && u.ballots === 1);
		const response = await postBallot(fields, cookie);
		expect(response.status).toBe(200);
		// The page comes back with the receipt, read from what the server stored.
		expect(await response.text()).toContain('Your vote is recorded');
		expect(await stored(highlight.id)).toBe(1);
		await live;

		// The browser sends the form again (a reload), then the scripts send the same ballot by socket.
		expect((await postBallot(fields, cookie)).status).toBe(200);
		const { socket } = await connect(server.url, { as: 'attendee', cookie });
		open.push(socket);
		const ack = await socket.emitWithAck('poll:vote', {
			clientId: 'form-ballot-0001',
			pollId: highlight.id,
			revision: 1,
			choice: { optionIds: picks }
		});
		expect(ack).toEqual({ data: { pollId: highlight.id, choice: { kind: 'multiple', optionIds: picks } } });
		expect(await stored(highlight.id)).toBe(1);
		const { myBallots } = await new Promise<{ myBallots: Record<string, unknown> }>((resolve) =>
			socket.emit('meeting:sync', (answer) => 'data' in answer && resolve(answer.data))
		);
		expect(myBallots[highlight.id]).toEqual({ kind: 'multiple', optionIds: picks });
	});

	it('holds the ballot of a phone that has not joined yet, and says what it waits for', async () => {
		const before = await stored(highlight.id);
		const response = await postBallot([
			['pollId', highlight.id],
			['clientId', 'form-ballot-0002'],
			['optionIds', picks[0]]
		]);
		expect(response.status).toBe(401);
		const page = await response.text();
		expect(page).toContain('Your vote is kept on this phone while it joins the meeting');
		// The held ballot goes back with the page, for its scripts to send once joined.
		expect(page).toContain('form-ballot-0002');
		expect(await stored(highlight.id)).toBe(before);
		// Only what the socket would take is held: a malformed ballot is refused, not echoed.
		const malformed = await postBallot([
			['pollId', highlight.id],
			['clientId', 'x'],
			...Array.from({ length: 60 }, (_, i): [string, string] => ['optionIds', `option-${i}`])
		]);
		expect(malformed.status).toBe(400);
		const refused = await malformed.text();
		expect(refused).toContain('This could not be accepted');
		expect(refused).not.toContain('option-59');
	});

	it('refuses what the socket refuses: a poll not open, a choice that does not fit, a poll of no meeting', async () => {
		const cookie = await joinMeeting(server.url, 'BPF2017');
		const before = await stored(highlight.id);
		const ranking = await pollByQuestion(
			(await publicSnapshot(server.url)).polls.find((p) => p.kind === 'ranking')!.question
		);
		const cases: [string, [string, string][], number, string][] = [
			[
				'a poll not open',
				[
					['pollId', ranking.id],
					['clientId', 'form-ballot-0003'],
					['optionId', ranking.options[0]!.id]
				],
				400,
				'This is no longer possible'
			],
			[
				'three picks of two',
				[
					['pollId', highlight.id],
					['clientId', 'form-ballot-0004'],
					...highlight.options.slice(0, 3).map((o): [string, string] => ['optionIds', o.id])
				],
				400,
				'This could not be accepted'
			],
			[
				'an option of no poll',
				[
					['pollId', highlight.id],
					['clientId', 'form-ballot-0005'],
					['optionIds', 'not-an-option']
				],
				400,
				'This could not be accepted'
			],
			[
				'no such poll',
				[
					['pollId', 'no-such-poll'],
					['clientId', 'form-ballot-0006'],
					['optionId', 'x']
				],
				400,
				'This is no longer in the meeting'
			],
			[
				'no choice at all',
				[
					['pollId', highlight.id],
					['clientId', 'form-ballot-0007']
				],
				400,
				'This ballot needs the page to finish loading'
			],
			[
				'a client id too short',
				[
					['pollId', highlight.id],
					['clientId', 'x'],
					['optionIds', picks[0]]
				],
				400,
				'This could not be accepted'
			]
		];
		for (const [what, fields, status, message] of cases) {
			const response = await postBallot(fields, cookie);
			expect(response.status, what).toBe(status);
			expect(await response.text(), what).toContain(message);
		}
		expect(await stored(highlight.id)).toBe(before);
		expect(await stored(ranking.id)).toBe(0);
	});

	// Last: it archives the meeting.
	it('takes nothing from a phone once its meeting is archived, as the socket takes nothing', async () => {
		const cookie = await joinMeeting(server.url, 'BPF2017');
		const before = await stored(highlight.id);
		const archived = await fetch(`${server.url}/admin/meetings/BPF2017?/archive`, {
			method: 'POST',
			headers: {
				origin: server.url,
				cookie: adminCookie,
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body: ''
		});
		expect(await archived.text()).toContain('"success"');
		const response = await postBallot(
			[
				['pollId', highlight.id],
				['clientId', 'form-ballot-0008'],
				['optionIds', picks[0]]
			],
			cookie
		);
		expect(response.status).toBe(409);
		expect(await response.text()).toContain('This is no longer possible');
		expect(await stored(highlight.id)).toBe(before);
	});
});
