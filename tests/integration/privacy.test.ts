import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollInfo, PollResultsUpdate, QuestionInfo } from '../../src/lib/realtime/protocol';
import type { SessionRecord } from '../../src/lib/domain/record/schema';
import type { RunningServer } from './support/server';
import {
	connect,
	connectedAttendee,
	eventWhere,
	joinMeeting,
	publicSnapshot,
	type TestSocket
} from './support/clients';
import { commandIds, endSession, staffSocket, startSession } from './support/session';

/**
 * Anonymous means anonymous, and small groups stay hidden over time: what every audience is sent
 * (snapshots, broadcasts) and every export, for an anonymous question and for a poll's results.
 */

let server: RunningServer;
let moderator: TestSocket;
let adminCookie: string;
const open: TestSocket[] = [];
const id = commandIds('privacy');

beforeAll(async () => ({ server, moderator, adminCookie } = await startSession(open)));
afterAll(() => endSession(server, open));

async function exported(format: 'json' | 'md' | 'csv' | 'docx'): Promise<string> {
	const response = await fetch(`${server.url}/api/meetings/BPF2017/record.${format}`, {
		headers: { cookie: adminCookie }
	});
	expect(response.status).toBe(200);
	if (format !== 'docx') return response.text();
	const zip = await JSZip.loadAsync(await response.arrayBuffer());
	return (await zip.file('word/document.xml')?.async('string')) ?? '';
}

const record = async () => JSON.parse(await exported('json')) as SessionRecord;

describe('an anonymous question', () => {
	const text = 'Who audits the auditors of shared critical services?';
	const isIt = (question: QuestionInfo) => question.text === text;

	it('carries neither the asker’s group nor their mode, to anyone, anywhere', async () => {
		const asker = await connectedAttendee(server.url, open, {
			displayName: 'Noor',
			stakeholderGroup: 'intergovernmental',
			mode: 'remote'
		});
		const otherPhone = await connectedAttendee(server.url, open);
		const { socket: projector } = await connect(server.url, { as: 'projector' });
		open.push(projector);
		const remoteModerator = await staffSocket(server, open, 'relay', ['remote_moderator']);
		const broadcasts = [otherPhone, projector, moderator, remoteModerator].map((socket) =>
			eventWhere(socket, 'questions:changed', (qa) => qa.questions.some(isIt))
		);

		const ack = await asker.emitWithAck('question:ask', { clientId: id(), text, anonymous: true });
		if (!('data' in ack)) throw new Error(ack.error.message);
		const seen: QuestionInfo[] = [ack.data.question];
		for (const qa of await Promise.all(broadcasts)) seen.push(qa.questions.find(isIt)!);

		// Snapshots of every audience, freshly connected, and the public API's.
		const phoneCookie = await joinMeeting(server.url, 'BPF2017');
		for (const as of ['attendee', 'projector'] as const) {
			const { socket, snapshot } = await connect(server.url, { as, cookie: phoneCookie });
			open.push(socket);
			seen.push(snapshot.qa.questions.find(isIt)!);
		}
		const { socket: again, snapshot: mine } = await connect(server.url, {
			as: 'moderator',
			cookie: adminCookie
		});
		open.push(again);
		seen.push(mine.qa.questions.find(isIt)!);
		const relayed = await remoteModerator.emitWithAck('meeting:sync');
		if (!('data' in relayed)) throw new Error(relayed.error.message);
		seen.push(relayed.data.qa.questions.find(isIt)!);
		seen.push((await publicSnapshot(server.url)).qa.questions.find(isIt)!);

		expect(seen.length).toBeGreaterThanOrEqual(9);
		for (const question of seen) expect(question).toMatchObject({ author: null, group: null, mode: null });

		const recorded = (await record()).questions.find((q) => q.text === text);
		expect(recorded).toMatchObject({ author: null, stakeholderGroup: null, mode: null });
		for (const format of ['md', 'docx'] as const) {
			const report = await exported(format);
			const line = report.split(/\n|<\/w:p>/).find((l) => l.includes(text.slice(0, 30)));
			expect(line).toBeDefined();
			expect(line).not.toMatch(/remote|intergovernmental|Noor/i);
		}
	});
});

describe('poll results over time', () => {
	async function newPoll(kind: 'single' | 'word_cloud', question: string): Promise<PollInfo> {
		const ack = await moderator.emitWithAck('poll:create', {
			clientId: id(),
			itemId: null,
			kind,
			question,
			options: kind === 'single' ? ['Yes', 'No'] : [],
			maxPicks: null,
			wordLimit: null
		});
		if (!('data' in ack)) throw new Error(ack.error.message);
		const poll = (await publicSnapshot(server.url)).polls.find((p) => p.id === ack.data.pollId)!;
		for (const action of ['open', 'show-results', 'view-breakdown']) await control(poll.id, action);
		return poll;
	}

	async function control(pollId: string, action: string) {
		const ack = await moderator.emitWithAck('poll:control', { clientId: id(), pollId, action } as never);
		expect(ack).toHaveProperty('data');
	}

	const voters = () =>
		Promise.all([
			...[1, 2, 3].map(() =>
				connectedAttendee(server.url, open, { stakeholderGroup: 'government', mode: 'in_room' })
			),
			...[1, 2, 3].map(() =>
				connectedAttendee(server.url, open, { stakeholderGroup: 'civil_society', mode: 'in_room' })
			),
			// The lone remote voter: beside a table by mode, the table by group would name their ballot.
			connectedAttendee(server.url, open, { stakeholderGroup: 'academia', mode: 'remote' })
		]);

	it('shows the room the overall tally only while open, then the group breakdown alone, and so do the exports', async () => {
		const poll = await newPoll('single', 'Should the forum hold a second session in 2018?');
		const [yes, no] = poll.options.map((option) => option.id);
		const phones = await voters();
		const { socket: projector } = await connect(server.url, { as: 'projector' });
		open.push(projector);
		const liveUpdates: PollResultsUpdate[] = [];
		projector.on('poll:results', (update) => {
			if (update.pollId === poll.id) liveUpdates.push(update);
		});

		const choices = [yes, yes, no, no, no, yes, yes];
		for (const [i, phone] of phones.entries()) {
			const seen = eventWhere(projector, 'poll:results', (u) => u.pollId === poll.id && u.ballots === i + 1);
			const ack = await phone.emitWithAck('poll:vote', {
				clientId: id(),
				pollId: poll.id,
				revision: 1,
				choice: { optionId: choices[i] }
			});
			expect(ack).toHaveProperty('data');
			await seen;
		}
		const staffView = (await connect(server.url, { as: 'moderator', cookie: adminCookie })).snapshot;
		expect(staffView.results[poll.id].results?.byMode.length).toBeGreaterThan(0);

		// Live: no update the room saw, nor its snapshot, nor the record, says which group voted.
		expect(liveUpdates.length).toBeGreaterThanOrEqual(phones.length);
		for (const update of liveUpdates) {
			expect(update.results).toMatchObject({ byGroup: [], byMode: [], consensus: null });
		}
		const whileOpen = (await publicSnapshot(server.url)).results[poll.id].results;
		expect(whileOpen).toMatchObject({ ballots: 7, byGroup: [], byMode: [] });
		const recordedOpen = (await record()).polls.find((p) => p.id === poll.id)?.results;
		expect(recordedOpen).toMatchObject({ ballots: 7, byGroup: [], byMode: [] });

		// Closed: the group breakdown (small groups withheld), never the one by mode beside it.
		const closed = eventWhere(
			projector,
			'poll:results',
			(u) => u.pollId === poll.id && (u.results?.byGroup.length ?? 0) > 0
		);
		await control(poll.id, 'close');
		const final = (await closed).results!;
		// Academia's lone ballot is withheld, and civil society with it, or it would be overall minus government.
		expect(final.byGroup.map((g) => [g.group, g.ballots, g.suppressed])).toEqual([
			['government', 3, false],
			['civil_society', 3, true],
			['academia', 1, true]
		]);
		expect(final.byMode).toEqual([]);
		const recordedFinal = (await record()).polls.find((p) => p.id === poll.id)?.results;
		expect(recordedFinal?.byMode).toEqual([]);
		expect(recordedFinal?.byGroup.some((g) => !g.suppressed)).toBe(true);
		const csv = (await exported('csv')).split('\r\n').filter((row) => row.startsWith(poll.id));
		expect(csv.some((row) => row.includes(',stakeholder_group,'))).toBe(true);
		expect(csv.some((row) => row.includes(',mode,'))).toBe(false);

		// Opened again: the room is back to the overall tally, and stays there after the next close.
		await control(poll.id, 'open');
		await control(poll.id, 'close');
		expect((await publicSnapshot(server.url)).results[poll.id].results).toMatchObject({
			byGroup: [],
			byMode: []
		});
		expect((await record()).polls.find((p) => p.id === poll.id)?.results).toMatchObject({ byGroup: [] });
	});

	it('never breaks free text down, nor counts pending phrases by group, in any export', async () => {
		const poll = await newPoll('word_cloud', 'One word for the 2018 theme?');
		const phones = await voters();
		for (const [i, phone] of phones.entries()) {
			const ack = await phone.emitWithAck('poll:vote', {
				clientId: id(),
				pollId: poll.id,
				revision: 1,
				choice: { phrases: [i % 2 ? 'trust' : `rare phrase ${i}`] }
			});
			expect(ack).toHaveProperty('data');
		}
		await control(poll.id, 'close');
		const staffView = (await connect(server.url, { as: 'moderator', cookie: adminCookie })).snapshot;
		expect(staffView.results[poll.id].results).toMatchObject({ byGroup: [], byMode: [] });
		const recorded = (await record()).polls.find((p) => p.id === poll.id)?.results;
		expect(recorded).toMatchObject({ ballots: 7, byGroup: [], byMode: [] });
		const csv = (await exported('csv')).split('\r\n').filter((row) => row.startsWith(poll.id));
		expect(csv.every((row) => row.includes(',overall,all,'))).toBe(true);
	});
});
