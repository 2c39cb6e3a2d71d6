/**
 * After "End the session" the record is sealed: nothing a phone or a moderator does changes it
 * (only the rapporteur's write-up), no one new joins, and reopening is an explicit act the record
 * shows.
 */
import { sql } from './support/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../src/lib/domain/record/schema';
import { connect, eventWhere, joinMeeting, saveProfile, type TestSocket } from './support/clients';
import { commandIds, endSession, startSession, type Session } from './support/session';

let session: Session;
const open: TestSocket[] = [];
const id = commandIds('sealed');
let phone: TestSocket;
/** A phone that joined during the session but only connects after its end. */
let lateCookie: string;
let phoneCookie: string;
let pollId: string;
let questionId: string;

const SEALED = {
	error: { code: 'conflict', message: 'The session has ended: its record is sealed and no longer changes.' }
};

async function recordJson(): Promise<SessionRecord> {
	const response = await fetch(`${session.server.url}/api/meetings/BPF2017/record.json`, {
		headers: { cookie: session.adminCookie }
	});
	expect(response.status).toBe(200);
	return (await response.json()) as SessionRecord;
}

/** The record without the moment it was exported. */
const content = (record: SessionRecord) => ({ ...record, generatedAt: null });

async function participantCount(): Promise<number> {
	const [row] = await sql<{ n: number }>(session.server.database, 'select count(*) as n from participants');
	return row.n;
}

const clock = (action: 'start' | 'end' | 'reopen') =>
	session.moderator.emitWithAck('session:clock', { clientId: id(), action });

beforeAll(async () => {
	session = await startSession(open);
	const { moderator } = session;
	phoneCookie = await joinMeeting(session.server.url, 'BPF2017');
	await saveProfile(session.server.url, phoneCookie, { displayName: 'Ana', stakeholderGroup: 'government' });
	phone = (await connect(session.server.url, { as: 'attendee', cookie: phoneCookie })).socket;
	open.push(phone);
	lateCookie = await joinMeeting(session.server.url, 'BPF2017');
	expect(await clock('start')).toHaveProperty('data.startedAt');
	const deadline = new Date(Date.now() + 3600_000).toISOString();
	expect(await moderator.emitWithAck('comments:deadline', { clientId: id(), deadline })).toHaveProperty(
		'data'
	);
	const created = await moderator.emitWithAck('poll:create', {
		clientId: id(),
		itemId: 'policy-options',
		kind: 'single',
		question: 'Which first?',
		options: ['This', 'That'],
		maxPicks: null,
		wordLimit: null
	});
	if (!('data' in created)) throw new Error(created.error.message);
	pollId = created.data.pollId;
	expect(
		await moderator.emitWithAck('poll:control', { clientId: id(), pollId, action: 'open' })
	).toHaveProperty('data');
	const asked = await phone.emitWithAck('question:ask', {
		clientId: id(),
		text: 'Asked during the session?',
		anonymous: false
	});
	if (!('data' in asked)) throw new Error(asked.error.message);
	questionId = asked.data.question.id;
	expect(await clock('end')).toHaveProperty('data.endedAt');
});

afterAll(() => endSession(session?.server, open));

describe('an ended session', () => {
	let before: SessionRecord;

	it('refuses every change to its record, from phones and from staff, and takes no one new', async () => {
		before = await recordJson();
		expect(before.meeting.endedAt).not.toBeNull();
		const participants = await participantCount();

		const refusals = await Promise.all([
			phone.emitWithAck('question:ask', { clientId: id(), text: 'Asked after the end?', anonymous: false }),
			phone.emitWithAck('question:upvote', { clientId: id(), questionId, up: true }),
			phone.emitWithAck('card:comment', { clientId: id(), cardId: 'mobile-devices', text: 'After the end' }),
			phone.emitWithAck('card:priority', { clientId: id(), cardId: 'mobile-devices', marked: true }),
			phone.emitWithAck('poll:vote', {
				clientId: id(),
				pollId,
				revision: 1,
				choice: { kind: 'single', optionId: 'x' }
			}),
			phone.emitWithAck('floor:request', { clientId: id() }),
			session.moderator.emitWithAck('poll:control', { clientId: id(), pollId, action: 'close' }),
			session.moderator.emitWithAck('question:moderate', { clientId: id(), questionId, action: 'answer' }),
			session.moderator.emitWithAck('agenda:move', { clientId: id(), to: 'next' }),
			session.moderator.emitWithAck('topic:declare', {
				clientId: id(),
				wording: 'Decided after the end',
				itemId: null,
				pollId: null
			})
		]);
		for (const refusal of refusals) expect(refusal).toEqual(SEALED);
		// Starting again is not reopening: it changes nothing.
		expect(await clock('start')).toMatchObject({ data: { endedAt: before.meeting.endedAt } });

		// A new phone is sent to the join page, which takes no one; a profile no longer changes.
		const page = await fetch(`${session.server.url}/m/BPF2017`, { redirect: 'manual' });
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe('/m/BPF2017/join');
		const join = await fetch(`${session.server.url}/m/BPF2017/join`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: session.server.url,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ passcode: '' })
		});
		expect(join.status).toBe(410);
		const profile = await saveProfile(session.server.url, phoneCookie, {
			displayName: 'Ana',
			stakeholderGroup: 'civil_society'
		});
		expect(await profile.json()).toMatchObject({ type: 'failure', status: 409 });
		expect(await participantCount()).toBe(participants);

		// A phone that joined before the end and connects only now does not raise the attendance.
		const counted = eventWhere(session.moderator, 'presence:counts', (counts) => counts.connected === 2);
		const late = await connect(session.server.url, { as: 'attendee', cookie: lateCookie });
		open.push(late.socket);
		await counted;
		expect(
			await late.socket.emitWithAck('question:ask', { clientId: id(), text: 'Late?', anonymous: true })
		).toEqual(SEALED);

		expect(content(await recordJson())).toEqual(content(before));
	});

	it('still takes the rapporteur’s write-up', async () => {
		const written = await session.moderator.emitWithAck('record:write', {
			clientId: id(),
			target: { kind: 'report', field: 'way_forward' },
			text: 'Written up after the session.',
			baseRevision: 0
		});
		expect(written).toHaveProperty('data.saved', true);
	});

	it('is reopened only explicitly, and the record says when and by whom', async () => {
		const reopened = await clock('reopen');
		expect(reopened).toMatchObject({ data: { startedAt: before.meeting.startedAt, endedAt: null } });
		expect(
			await phone.emitWithAck('question:ask', {
				clientId: id(),
				text: 'Asked after reopening',
				anonymous: false
			})
		).toHaveProperty('data.question');
		const record = await recordJson();
		expect(record.meeting.reopenings).toEqual([
			{ endedAt: before.meeting.endedAt, reopenedAt: expect.any(String), by: 'admin' }
		]);
		expect(
			record.timeline.filter((event) => event.kind.startsWith('session_')).map((event) => event.text)
		).toEqual([
			'Session started: Best Practice Forum on Cybersecurity',
			'Session ended',
			'Session reopened by admin'
		]);
	});
});
