import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommentsState } from '../../src/lib/realtime/protocol';
import type { RunningServer } from './support/server';
import {
	connect,
	connectedAttendee,
	eventWhere,
	joinMeeting,
	publicSnapshot,
	signIn,
	type TestSocket
} from './support/clients';
import { commandIds, endSession, startSession, staffSocket } from './support/session';
import { addUser } from './support/users';
import { importSecondMeeting } from './support/meetings';

let server: RunningServer;
let moderator: TestSocket;
let adminCookie: string;
const open: TestSocket[] = [];
const id = commandIds('comment-command');

const phone = (name: string, mode: 'in_room' | 'remote' = 'in_room') =>
	connectedAttendee(server.url, open, { displayName: name, stakeholderGroup: 'government', mode });

const staff = (username: string, roles: string[]) => staffSocket(server, open, username, roles);

const commentsWhere = (socket: TestSocket, check: (state: CommentsState) => boolean) =>
	eventWhere(socket, 'comments:changed', check);

beforeAll(async () => ({ server, moderator, adminCookie } = await startSession(open)));
afterAll(() => endSession(server, open));

describe('comments on walkthrough cards', () => {
	it('are open on a fresh install, whose Geneva meeting is a rehearsal that keeps its 2017 deadline', async () => {
		const snapshot = await publicSnapshot(server.url);
		expect(snapshot.meeting).toMatchObject({ rehearsal: true, commentDeadline: '2017-12-21T12:00:00.000Z' });
		expect(snapshot.comments.deadline).toBeNull();
		expect(snapshot.agenda.find((item) => item.id === 'policy-options')?.commentDeadline).toBeNull();
		const ana = await phone('Ana');
		expect(
			await ana.emitWithAck('card:comment', {
				clientId: id(),
				cardId: 'mobile-devices',
				text: 'A rehearsal note.'
			})
		).toMatchObject({ data: { comment: { cardId: 'mobile-devices', author: 'Ana' } } });
		const file = await fetch(`${server.url}/api/meetings/BPF2017/definition.json`, {
			headers: { cookie: adminCookie }
		});
		expect((await file.json()) as unknown).toMatchObject({
			meeting: { rehearsal: true, commentDeadline: '2017-12-21T12:00:00.000Z' }
		});
	});

	it('are closed after the deadline of a meeting that is not a rehearsal, and open once a moderator lifts it', async () => {
		await importSecondMeeting(server.database, 'REAL17', 'real-');
		const snapshot = await publicSnapshot(server.url, 'REAL17');
		expect(snapshot.meeting.rehearsal).toBe(false);
		const walkthrough = snapshot.agenda.find((item) => item.id === 'real-policy-options')!;
		expect(walkthrough.commentDeadline).toBe('2017-12-21T12:00:00.000Z');
		const cookie = await joinMeeting(server.url, 'REAL17');
		const { socket: ana } = await connect(server.url, { as: 'attendee', cookie, meeting: 'REAL17' });
		const { socket: chair } = await connect(server.url, {
			as: 'moderator',
			cookie: adminCookie,
			meeting: 'REAL17'
		});
		open.push(ana, chair);
		const late = await ana.emitWithAck('card:comment', {
			clientId: id(),
			cardId: 'real-mobile-devices',
			text: 'Too late?'
		});
		expect(late).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/closed/) } });

		const future = new Date(Date.now() + 3600_000).toISOString();
		const phoneHears = eventWhere(ana, 'meeting:changed', (update) =>
			update.agenda.some((item) => item.commentDeadline === future)
		);
		expect(await chair.emitWithAck('comments:deadline', { clientId: id(), deadline: future })).toEqual({
			data: { deadline: future }
		});
		// A new version, or clients that follow versions would leave the update aside.
		expect((await phoneHears).version).toBeGreaterThan(snapshot.version);
		const ok = await ana.emitWithAck('card:comment', {
			clientId: id(),
			cardId: 'real-mobile-devices',
			text: 'Payments need secure SIMs.'
		});
		expect(ok).toMatchObject({ data: { comment: { cardId: 'real-mobile-devices', hidden: false } } });
		const after = await publicSnapshot(server.url, 'REAL17');
		expect(after.meeting.commentDeadline).toBe(future);
		expect(after.agenda.find((item) => item.id === 'real-policy-options')?.commentDeadline).toBe(future);
	});

	it('take one priority mark per participant per card, withdrawable, counted for staff only', async () => {
		const ben = await phone('Ben');
		const chen = await phone('Chen', 'remote');
		const counted = commentsWhere(moderator, (state) => state.marks['mobile-devices'] === 2);
		for (const socket of [ben, ben, chen]) {
			expect(
				await socket.emitWithAck('card:priority', { clientId: id(), cardId: 'mobile-devices', marked: true })
			).toHaveProperty('data');
		}
		await counted;
		const withdrawn = commentsWhere(moderator, (state) => state.marks['mobile-devices'] === 1);
		await ben.emitWithAck('card:priority', { clientId: id(), cardId: 'mobile-devices', marked: false });
		await withdrawn;
		expect((await publicSnapshot(server.url)).comments.marks).toEqual({});
	});

	it('can be hidden, put on the projector and tagged for the record', async () => {
		const [comment] = (await publicSnapshot(server.url)).comments.comments;
		expect(
			await moderator.emitWithAck('comment:moderate', {
				clientId: id(),
				commentId: comment.id,
				action: 'project'
			})
		).toEqual({
			data: { done: true }
		});
		expect((await publicSnapshot(server.url)).comments.onScreenCommentId).toBe(comment.id);
		const tagged = commentsWhere(moderator, (state) => state.tags.length === 2);
		await moderator.emitWithAck('record:tag', {
			clientId: id(),
			target: 'comment',
			targetId: comment.id,
			tag: 'key_issue',
			on: true
		});
		await moderator.emitWithAck('record:tag', {
			clientId: id(),
			target: 'card',
			targetId: 'mobile-devices',
			tag: 'takeaway',
			on: true
		});
		expect((await tagged).tags).toEqual(
			expect.arrayContaining([
				{ target: 'comment', targetId: comment.id, tag: 'key_issue' },
				{ target: 'card', targetId: 'mobile-devices', tag: 'takeaway' }
			])
		);
		await moderator.emitWithAck('comment:moderate', {
			clientId: id(),
			commentId: comment.id,
			action: 'hide'
		});
		const after = await publicSnapshot(server.url);
		expect(after.comments.comments.map((c) => c.id)).not.toContain(comment.id);
		expect(after.comments.onScreenCommentId).toBeNull();
	});

	it('refuse bad input and unauthorised actions, changing nothing', async () => {
		const eve = await phone('Eve');
		const before = await publicSnapshot(server.url);
		for (const payload of [
			{ clientId: id(), cardId: 'no-such-card', text: 'Hello there' },
			{ clientId: id(), cardId: 'mobile-devices', text: 'x'.repeat(1001) },
			{ clientId: id(), cardId: 'mobile-devices', text: '' },
			{ clientId: id(), cardId: 42, text: 'Hello' }
		]) {
			expect(await eve.emitWithAck('card:comment', payload as never)).toHaveProperty('error');
		}
		const target = {
			clientId: id(),
			target: 'card',
			targetId: 'mobile-devices',
			tag: 'key_issue',
			on: true
		} as const;
		expect(await eve.emitWithAck('record:tag', target)).toMatchObject({ error: { code: 'unauthorised' } });
		expect(await eve.emitWithAck('comments:deadline', { clientId: id(), deadline: null })).toMatchObject({
			error: { code: 'unauthorised' }
		});
		expect(await moderator.emitWithAck('record:tag', { ...target, targetId: 'ghost-card' })).toMatchObject({
			error: { code: 'not_found' }
		});
		expect(
			await moderator.emitWithAck('comments:deadline', { clientId: id(), deadline: 'tomorrow' })
		).toMatchObject({
			error: { code: 'invalid' }
		});
		const after = await publicSnapshot(server.url);
		expect(after.comments).toEqual(before.comments);
	});
});

describe('staff roles', () => {
	it('lets a rapporteur tag but not moderate, and a remote moderator relay only remote voices', async () => {
		const rapporteur = await staff('rapporteur1', ['rapporteur']);
		expect(
			await rapporteur.emitWithAck('record:tag', {
				clientId: id(),
				target: 'card',
				targetId: 'health-data',
				tag: 'key_issue',
				on: true
			})
		).toEqual({ data: { on: true } });
		expect(await rapporteur.emitWithAck('agenda:move', { clientId: id(), to: 'next' })).toMatchObject({
			error: { code: 'forbidden' }
		});
		expect(await rapporteur.emitWithAck('floor:next', { clientId: id() })).toMatchObject({
			error: { code: 'forbidden' }
		});

		const remote = await staff('remote1', ['remote_moderator']);
		expect(
			await remote.emitWithAck('floor:add', {
				clientId: id(),
				name: 'Caller from Lagos',
				group: null,
				mode: 'remote'
			})
		).toHaveProperty('data.requestId');
		expect(
			await remote.emitWithAck('floor:add', {
				clientId: id(),
				name: 'Someone here',
				group: null,
				mode: 'in_room'
			})
		).toMatchObject({
			error: { code: 'forbidden' }
		});
		expect((await publicSnapshot(server.url)).floor.queue.map((entry) => entry.name)).toEqual([
			'Caller from Lagos'
		]);

		await moderator.emitWithAck('question:settings', { clientId: id(), premoderation: true });
		const far = await phone('Far away', 'remote');
		const near = await phone('Near', 'in_room');
		const remoteQuestion = await far.emitWithAck('question:ask', {
			clientId: id(),
			text: 'A remote question?',
			anonymous: false
		});
		const roomQuestion = await near.emitWithAck('question:ask', {
			clientId: id(),
			text: 'A room question?',
			anonymous: false
		});
		if (!('data' in remoteQuestion) || !('data' in roomQuestion)) throw new Error('questions not asked');
		expect(
			await remote.emitWithAck('question:moderate', {
				clientId: id(),
				questionId: remoteQuestion.data.question.id,
				action: 'approve'
			})
		).toEqual({ data: { status: 'approved' } });
		expect(
			await remote.emitWithAck('question:moderate', {
				clientId: id(),
				questionId: roomQuestion.data.question.id,
				action: 'approve'
			})
		).toMatchObject({ error: { code: 'forbidden' } });
		expect(await remote.emitWithAck('agenda:move', { clientId: id(), to: 'next' })).toMatchObject({
			error: { code: 'forbidden' }
		});
	});

	it('refuses a signed-in user with no role in the meeting', async () => {
		await addUser(server.database, 'outsider', 'outsider-password', []);
		const cookie = await signIn(server.url, 'outsider', 'outsider-password');
		await expect(connect(server.url, { as: 'moderator', cookie })).rejects.toThrow(/forbidden/);
		const page = await fetch(`${server.url}/m/BPF2017/moderate`, { headers: { cookie }, redirect: 'manual' });
		expect(page.status).toBe(403);
	});
});
