import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollInfo, PollResultsUpdate } from '../../src/lib/realtime/protocol';
import { ADMIN, startServer, type RunningServer } from './support/server';
import { sql } from './support/database';
import {
	connect,
	connectedAttendee,
	eventWhere,
	nextEvent,
	publicSnapshot,
	signIn,
	type TestSocket
} from './support/clients';
import { ballotCount } from './support/state';

let server: RunningServer;
let moderator: TestSocket;
const open: TestSocket[] = [];
let commands = 0;
const id = (label: string) => `${label}-${++commands}-${Date.now()}`;

const attendee = (profile?: { stakeholderGroup: string; mode: string }) =>
	connectedAttendee(server.url, open, profile);

async function pollByQuestion(start: string): Promise<PollInfo> {
	const poll = (await publicSnapshot(server.url)).polls.find((p) => p.question.startsWith(start));
	if (!poll) throw new Error(`no poll "${start}"`);
	return poll;
}

async function control(pollId: string, action: string) {
	const ack = await moderator.emitWithAck('poll:control', {
		clientId: id('control'),
		pollId,
		action
	} as never);
	expect(ack).toHaveProperty('data');
}

const storedBallots = (pollId: string) => ballotCount(server.database, pollId);

/** A single-choice poll made on the fly for the first item, as a moderator does in the session. */
const createYesNoPoll = (question: string) =>
	moderator.emitWithAck('poll:create', {
		clientId: id('create'),
		itemId: 'goals',
		kind: 'single',
		question,
		options: ['Yes', 'No'],
		maxPicks: null,
		wordLimit: null
	});

/** Waits for the moderators' live results of a poll to reach a ballot count. */
const resultsWith = (socket: TestSocket, pollId: string, ballots: number): Promise<PollResultsUpdate> =>
	eventWhere(socket, 'poll:results', (update) => update.pollId === pollId && update.ballots === ballots);

beforeAll(async () => {
	server = await startServer();
	const cookie = await signIn(server.url, ADMIN.username, ADMIN.password);
	moderator = (await connect(server.url, { as: 'moderator', cookie })).socket;
	open.push(moderator);
});

afterAll(async () => {
	for (const socket of open) socket.disconnect();
	await server?.stop();
});

describe('the seeded polls', () => {
	it('are listed in the public snapshot with kind, question, options and status', async () => {
		const { polls } = await publicSnapshot(server.url);
		expect(polls.map((poll) => poll.kind).sort()).toEqual(
			['consensus', 'consensus', 'multiple', 'open_text', 'ranking', 'word_cloud'].sort()
		);
		const highlight = polls.find((poll) => poll.kind === 'multiple')!;
		expect(highlight).toMatchObject({ status: 'draft', maxPicks: 2, resultsVisible: false });
		expect(highlight.options.length).toBe(10);
	});
});

describe('200 phones voting at once', () => {
	it('counts every ballot exactly once, live for the moderator and in the database', async () => {
		const poll = await pollByQuestion('Which two policy areas');
		await control(poll.id, 'open');
		await control(poll.id, 'show-results');
		const phones = await Promise.all(Array.from({ length: 200 }, () => attendee()));
		const [a, b, c] = poll.options.map((option) => option.id);
		const live = resultsWith(moderator, poll.id, 200);
		// Updates to phones go out a shard of them at a time: every phone, in every shard, hears the last.
		const heardByPhones = Promise.all(phones.map((phone) => resultsWith(phone, poll.id, 200)));
		const acks = await Promise.all(
			phones.map((phone, index) =>
				phone.emitWithAck('poll:vote', {
					clientId: `burst-${index}-abcdef`,
					pollId: poll.id,
					revision: 1,
					choice: { optionIds: index % 2 === 0 ? [a, b] : [c] }
				})
			)
		);
		expect(acks.every((ack) => 'data' in ack)).toBe(true);
		const update = await live;
		expect(update.results?.overall).toMatchObject({ kind: 'multiple' });
		const counts = Object.fromEntries(
			(update.results!.overall as { counts: { optionId: string; count: number }[] }).counts.map((c) => [
				c.optionId,
				c.count
			])
		);
		expect(counts[a]).toBe(100);
		expect(counts[b]).toBe(100);
		expect(counts[c]).toBe(100);
		expect(await storedBallots(poll.id)).toBe(200);
		for (const heard of await heardByPhones) {
			expect(heard.results?.overall).toEqual(update.results?.overall);
			expect(heard.results?.byGroup).toEqual([]);
		}

		// Every phone retries its ballot (same client id): nothing changes.
		const retries = await Promise.all(
			phones.map((phone, index) =>
				phone.emitWithAck('poll:vote', {
					clientId: `burst-${index}-abcdef`,
					pollId: poll.id,
					revision: 1,
					choice: { optionIds: index % 2 === 0 ? [a, b] : [c] }
				})
			)
		);
		expect(retries.every((ack) => 'data' in ack)).toBe(true);
		expect(await storedBallots(poll.id)).toBe(200);
		for (const phone of phones) phone.disconnect();
		await control(poll.id, 'hide-results');
		await control(poll.id, 'close');
	});
});

describe('a poll closed during a burst', () => {
	it('closes with every ballot committed before the close, acknowledged or not yet', async () => {
		const created = await createYesNoPoll('Closed in the middle of the burst?');
		expect(created).toHaveProperty('data.pollId');
		const { id: pollId, options } = await pollByQuestion('Closed in the middle');
		await control(pollId, 'open');
		const [yes] = options.map((option) => option.id);
		const phones = await Promise.all(Array.from({ length: 120 }, () => attendee()));
		const acks = phones.map((phone, index) =>
			phone.emitWithAck('poll:vote', {
				clientId: id(`mid-burst-${index}`),
				pollId,
				revision: 1,
				choice: { optionId: yes }
			})
		);
		// Sent while the ballots are still arriving: some are committed before it, the rest refused.
		await control(pollId, 'close');
		const accepted = (await Promise.all(acks)).filter((ack) => 'data' in ack).length;
		const [row] = await sql<{ final_results: string }>(
			server.database,
			'select cast(final_results as text) as final_results from polls where id = ?',
			pollId
		);
		expect(await storedBallots(pollId)).toBe(accepted);
		expect(JSON.parse(row.final_results)).toMatchObject({ ballots: accepted });
		for (const phone of phones) phone.disconnect();
	});
});

describe('one ballot per participant', () => {
	it('changes a ballot in place, ignores a late older revision, and keeps others untouched', async () => {
		const poll = await pollByQuestion('Rank the areas');
		await control(poll.id, 'open');
		const [first, second] = poll.options.map((option) => option.id);
		const me = await attendee();
		const other = await attendee();
		// The moderator's live results settle on both ballots as last changed (earlier updates may show
		// the first version of mine: they go out as ballots arrive).
		const pointsOf = (update: PollResultsUpdate) =>
			(update.results?.overall as { points?: { optionId: string; points: number }[] } | undefined)?.points;
		const live = eventWhere(
			moderator,
			'poll:results',
			(update) =>
				update.pollId === poll.id &&
				update.ballots === 2 &&
				pointsOf(update)?.find((entry) => entry.optionId === first)?.points === 1
		);
		await other.emitWithAck('poll:vote', {
			clientId: id('other'),
			pollId: poll.id,
			revision: 5,
			choice: { ranking: [first] }
		});
		const cast = await me.emitWithAck('poll:vote', {
			clientId: id('mine'),
			pollId: poll.id,
			revision: 10,
			choice: { ranking: [first, second] }
		});
		expect(cast).toMatchObject({ data: { choice: { kind: 'ranking', ranking: [first, second] } } });
		const changed = await me.emitWithAck('poll:vote', {
			clientId: id('mine'),
			pollId: poll.id,
			revision: 11,
			choice: { ranking: [second, first] }
		});
		expect(changed).toMatchObject({ data: { choice: { ranking: [second, first] } } });
		const late = await me.emitWithAck('poll:vote', {
			clientId: id('mine'),
			pollId: poll.id,
			revision: 10,
			choice: { ranking: [first] }
		});
		expect(late).toMatchObject({ data: { choice: { ranking: [second, first] } } });
		expect(await storedBallots(poll.id)).toBe(2);
		const update = await live;
		expect(update.results?.overall).toMatchObject({
			kind: 'ranking',
			method: 'borda',
			// first: 1 (other, first place) + 0 (me, second place); second: 1 (me, first place)
			points: [
				{ optionId: first, points: 1 },
				{ optionId: second, points: 1 }
			]
		});
		await control(poll.id, 'close');
	});
});

describe('bad ballots', () => {
	it('are refused with a clear error and change nothing', async () => {
		const poll = await pollByQuestion('Which two policy areas');
		await control(poll.id, 'open');
		const phone = await attendee();
		const before = await storedBallots(poll.id);
		const [a, b, c] = poll.options.map((option) => option.id);
		const bad: unknown[] = [
			null,
			'vote',
			{ clientId: id('bad'), pollId: poll.id, revision: 1 },
			{ clientId: id('bad'), pollId: poll.id, revision: 1, choice: { optionIds: [a, b, c] } },
			{ clientId: id('bad'), pollId: poll.id, revision: 1, choice: { optionIds: ['no-such-option'] } },
			{ clientId: id('bad'), pollId: poll.id, revision: 1, choice: { optionIds: [] } },
			{ clientId: id('bad'), pollId: poll.id, revision: 1, choice: { optionIds: ['x'.repeat(20_000)] } },
			{ clientId: id('bad'), pollId: poll.id, revision: -1, choice: { optionIds: [a] } },
			{ clientId: id('bad'), pollId: 'another-meetings-poll', revision: 1, choice: { optionIds: [a] } }
		];
		for (const payload of bad) {
			const ack = await phone.emitWithAck('poll:vote', payload as never);
			expect(ack).toHaveProperty('error');
			expect((ack as { error: { message: string } }).error.message.length).toBeGreaterThan(0);
		}
		expect(await storedBallots(poll.id)).toBe(before);

		// A message over the 64 KB limit ends that connection only; the server carries on.
		const flooder = await attendee();
		const dropped = nextEvent(flooder, 'disconnect' as never);
		flooder.emit(
			'poll:vote',
			{ clientId: id('huge'), pollId: poll.id, revision: 1, choice: { optionIds: ['x'.repeat(100_000)] } },
			() => {}
		);
		await dropped;
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		expect(await storedBallots(poll.id)).toBe(before);

		await control(poll.id, 'close');
		const closed = await phone.emitWithAck('poll:vote', {
			clientId: id('late'),
			pollId: poll.id,
			revision: 1,
			choice: { optionIds: [a] }
		});
		expect(closed).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/closed/) } });
		expect(await storedBallots(poll.id)).toBe(before);
	});

	it('are refused from the projector and from a moderator socket', async () => {
		const poll = await pollByQuestion('Proposal for 2018: culture');
		await control(poll.id, 'open');
		const projector = (await connect(server.url, { as: 'projector' })).socket;
		open.push(projector);
		for (const socket of [projector, moderator]) {
			const ack = await socket.emitWithAck('poll:vote', {
				clientId: id('wrong-role'),
				pollId: poll.id,
				revision: 1,
				choice: { stance: 'support' }
			});
			expect(ack).toMatchObject({ error: { code: 'unauthorised' } });
		}
		await control(poll.id, 'close');
	});

	it('leaves poll controls to moderators', async () => {
		const poll = await pollByQuestion('Proposal for 2018: the digital');
		const phone = await attendee();
		for (const [event, payload] of [
			['poll:control', { clientId: id('x'), pollId: poll.id, action: 'open' }],
			[
				'poll:create',
				{
					clientId: id('x'),
					itemId: null,
					kind: 'single',
					question: 'Hijack?',
					options: ['a', 'b'],
					maxPicks: null,
					wordLimit: null
				}
			],
			['poll:moderate', { clientId: id('x'), pollId: poll.id, key: 'x', status: 'approved' }]
		] as const) {
			const ack = await phone.emitWithAck(event, payload as never);
			expect(ack).toMatchObject({ error: { code: 'unauthorised' } });
		}
		expect((await pollByQuestion('Proposal for 2018: the digital')).status).toBe('draft');
	});
});

describe('results the room can trust', () => {
	it('withholds groups under three ballots, shows whether support holds, and stores the final result on close', async () => {
		const poll = await pollByQuestion('Proposal for 2018: the digital');
		await control(poll.id, 'open');
		const voters = [
			...(await Promise.all(
				[1, 2, 3].map(() => attendee({ stakeholderGroup: 'government', mode: 'in_room' }))
			)),
			...(await Promise.all([1, 2].map(() => attendee({ stakeholderGroup: 'academia', mode: 'remote' })))),
			// A second small group: academia alone withheld would be overall minus government.
			await attendee({ stakeholderGroup: 'civil_society', mode: 'remote' })
		];
		const stances = ['support', 'support', 'live_with', 'object', 'support', 'object'];
		const live = resultsWith(moderator, poll.id, 6);
		for (const [index, phone] of voters.entries()) {
			const ack = await phone.emitWithAck('poll:vote', {
				clientId: id('stance'),
				pollId: poll.id,
				revision: 1,
				choice: { stance: stances[index], reason: 'Not yet' }
			});
			expect(ack).toHaveProperty('data');
		}
		const update = await live;
		const byGroup = Object.fromEntries(update.results!.byGroup.map((g) => [g.group, g]));
		expect(byGroup.government).toMatchObject({ ballots: 3, suppressed: false });
		expect(byGroup.academia).toMatchObject({ ballots: 2, suppressed: true, tally: null });
		expect(byGroup.civil_society).toMatchObject({ ballots: 1, suppressed: true, tally: null });
		expect(update.results!.consensus).toMatchObject({
			holdsEverywhere: true,
			groups: [{ group: 'government', holds: true }]
		});

		// Hidden from the room until shown; then in the public snapshot too.
		expect((await publicSnapshot(server.url)).results[poll.id]).toBeUndefined();
		await control(poll.id, 'show-results');
		const shown = (await publicSnapshot(server.url)).results[poll.id];
		expect(shown?.results?.overall).toEqual({
			kind: 'consensus',
			counts: { support: 3, live_with: 1, object: 2 }
		});
		expect(shown?.texts).toBeUndefined();

		await control(poll.id, 'close');
		const [row] = await sql<{ status: string; final_results: string }>(
			server.database,
			'select status, cast(final_results as text) as final_results from polls where id = ?',
			poll.id
		);
		expect(row.status).toBe('closed');
		expect(JSON.parse(row.final_results)).toMatchObject({
			ballots: 6,
			overall: { counts: { support: 3, live_with: 1, object: 2 } }
		});
	});

	it('moderates free text before anyone sees it', async () => {
		const poll = await pollByQuestion('In a few words');
		await control(poll.id, 'open');
		await control(poll.id, 'show-results');
		const phones = await Promise.all([1, 2].map(() => attendee()));
		const live = resultsWith(moderator, poll.id, 2);
		await phones[0].emitWithAck('poll:vote', {
			clientId: id('w'),
			pollId: poll.id,
			revision: 1,
			choice: { phrases: ['  Trust ', 'open   access'] }
		});
		await phones[1].emitWithAck('poll:vote', {
			clientId: id('w'),
			pollId: poll.id,
			revision: 1,
			choice: { phrases: ['trust'] }
		});
		const pending = await live;
		expect(pending.texts).toEqual(
			expect.arrayContaining([expect.objectContaining({ key: 'trust', count: 2, status: 'pending' })])
		);
		expect((await publicSnapshot(server.url)).results[poll.id]?.results?.overall).toMatchObject({
			entries: []
		});
		const ack = await moderator.emitWithAck('poll:moderate', {
			clientId: id('m'),
			pollId: poll.id,
			key: 'trust',
			status: 'approved'
		});
		expect(ack).toHaveProperty('data');
		const results = (await publicSnapshot(server.url)).results[poll.id]?.results?.overall;
		expect(results).toMatchObject({ entries: [{ key: 'trust', text: 'Trust', count: 2 }], pending: 1 });
		await control(poll.id, 'close');
	});

	it('creates a poll on the fly for the current item', async () => {
		const ack = await createYesNoPoll('Is the sound in the room good?');
		expect(ack).toHaveProperty('data.pollId');
		const created = await pollByQuestion('Is the sound');
		expect(created).toMatchObject({
			kind: 'single',
			status: 'draft',
			itemId: 'goals',
			options: [{ label: 'Yes' }, { label: 'No' }]
		});
		await control(created.id, 'open');
		const phones = await Promise.all([1, 2, 3].map(() => attendee()));
		const live = resultsWith(moderator, created.id, 3);
		const [yes, no] = created.options.map((option) => option.id);
		for (const [index, phone] of phones.entries()) {
			const ack = await phone.emitWithAck('poll:vote', {
				clientId: id('sound'),
				pollId: created.id,
				revision: 1,
				choice: { optionId: index < 2 ? yes : no }
			});
			expect(ack).toMatchObject({ data: { choice: { kind: 'single' } } });
		}
		expect((await live).results?.overall).toEqual({
			kind: 'single',
			counts: [
				{ optionId: yes, count: 2 },
				{ optionId: no, count: 1 }
			]
		});
	});

	it('holds open text to its word limit and shows it once approved', async () => {
		const poll = await pollByQuestion('Other: describe');
		expect(poll.wordLimit).toBe(100);
		await control(poll.id, 'open');
		await control(poll.id, 'show-results');
		const phone = await attendee();
		const long = await phone.emitWithAck('poll:vote', {
			clientId: id('long'),
			pollId: poll.id,
			revision: 1,
			choice: { text: 'word '.repeat(101) }
		});
		expect(long).toMatchObject({
			error: { code: 'invalid', message: 'Keep it to 100 words or less (you wrote 101).' }
		});
		const live = resultsWith(moderator, poll.id, 1);
		const ok = await phone.emitWithAck('poll:vote', {
			clientId: id('ok'),
			pollId: poll.id,
			revision: 2,
			choice: { text: 'Insecure  firmware in   medical devices' }
		});
		expect(ok).toMatchObject({
			data: { choice: { kind: 'open_text', text: 'Insecure firmware in medical devices' } }
		});
		const [entry] = (await live).texts ?? [];
		expect(entry).toMatchObject({ status: 'pending', count: 1 });
		await moderator.emitWithAck('poll:moderate', {
			clientId: id('m'),
			pollId: poll.id,
			key: entry.key,
			status: 'approved'
		});
		expect((await publicSnapshot(server.url)).results[poll.id]?.results?.overall).toMatchObject({
			kind: 'open_text',
			entries: [{ text: 'Insecure firmware in medical devices', count: 1 }],
			pending: 0
		});
		await control(poll.id, 'close');
	});
});
