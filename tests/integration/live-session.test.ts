import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { io } from 'socket.io-client';
import type { Position } from '../../src/lib/domain/agenda';
import { ADMIN, startServer, type RunningServer } from './support/server';
import {
	connect,
	eventWhere,
	joinMeeting,
	nextEvent,
	publicSnapshot,
	signIn,
	type TestSocket
} from './support/clients';

let server: RunningServer;
let moderatorCookie: string;
const open: TestSocket[] = [];

async function connected(...args: Parameters<typeof connect>) {
	const client = await connect(...args);
	open.push(client.socket);
	return client;
}

beforeAll(async () => {
	server = await startServer();
	moderatorCookie = await signIn(server.url, ADMIN.username, ADMIN.password);
});

afterAll(async () => {
	for (const socket of open) socket.disconnect();
	await server?.stop();
});

describe('the Geneva meeting on a fresh database', () => {
	it('answers the health check with the database reachable', async () => {
		const response = await fetch(`${server.url}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ ok: true, database: true, version: expect.any(String) });
	});

	it('is seeded with the seven items of the session outline and their parts', async () => {
		const snapshot = await publicSnapshot(server.url);
		expect(snapshot.meeting.code).toBe('BPF2017');
		expect(snapshot.agenda.map((item) => item.kind)).toEqual([
			'info',
			'panel',
			'info',
			'info',
			'walkthrough',
			'walkthrough',
			'agreement'
		]);
		const [, panel, , , policyOptions, areas] = snapshot.agenda;
		expect(panel.panelists.length).toBeGreaterThan(0);
		expect(policyOptions.cards).toHaveLength(11);
		expect(policyOptions.cards.map((card) => card.title)).toContain('Industrial control systems');
		expect(policyOptions.focus?.cards.map((card) => card.title)).toEqual([
			'Safe and reliable access',
			'Preventing collected information from being reused'
		]);
		expect(areas.cards.map((card) => card.title)).toEqual([
			'Culture, values and norms',
			'The digital security divide'
		]);
		expect(snapshot.meeting.commentDeadline).toBe('2017-12-21T12:00:00.000Z');
		expect(snapshot.position).toEqual({ item: 0, step: 0 });
	});

	it('answers 404 for a code no meeting has', async () => {
		expect((await fetch(`${server.url}/api/meetings/NOPE42`)).status).toBe(404);
		expect((await fetch(`${server.url}/m/NOPE42`)).status).toBe(404);
	});
});

describe('moving the agenda', () => {
	it('reaches 50 attendees and the projector when the moderator advances', async () => {
		const cookies = await Promise.all(Array.from({ length: 50 }, () => joinMeeting(server.url, 'BPF2017')));
		const attendees = await Promise.all(
			cookies.map((cookie) => connected(server.url, { as: 'attendee', cookie }))
		);
		const projector = await connected(server.url, { as: 'projector' });
		const moderator = await connected(server.url, { as: 'moderator', cookie: moderatorCookie });
		const before = moderator.snapshot.version;

		const arrivals = [...attendees, projector].map(({ socket }) => nextEvent(socket, 'agenda:moved'));
		const ack = await moderator.socket.emitWithAck('agenda:move', { clientId: 'advance-0001', to: 'next' });

		expect(ack).toEqual({ data: { version: before + 1, position: { item: 1, step: 0 } } });
		const updates = await Promise.all(arrivals);
		expect(updates).toHaveLength(51);
		for (const update of updates)
			expect(update).toMatchObject({ version: before + 1, position: { item: 1, step: 0 } });
		expect((await publicSnapshot(server.url)).presence.connected).toBeGreaterThanOrEqual(50);
		for (const { socket } of attendees) socket.disconnect();
	});

	it('steps card by card through a walkthrough and jumps to any item', async () => {
		const moderator = await connected(server.url, { as: 'moderator', cookie: moderatorCookie });
		const jumped = await moderator.socket.emitWithAck('agenda:move', {
			clientId: 'jump-to-options',
			to: { item: 4 }
		});
		expect(jumped).toMatchObject({ data: { position: { item: 4, step: 0 } } });
		const card = await moderator.socket.emitWithAck('agenda:move', { clientId: 'first-card-01', to: 'next' });
		expect(card).toMatchObject({ data: { position: { item: 4, step: 1 } } });
		const back = await moderator.socket.emitWithAck('agenda:move', {
			clientId: 'back-to-item',
			to: 'previous'
		});
		expect(back).toMatchObject({ data: { position: { item: 4, step: 0 } } });
		const focus = await moderator.socket.emitWithAck('agenda:move', {
			clientId: 'to-focus-step',
			to: { item: 4, step: 12 }
		});
		expect(focus).toMatchObject({ data: { position: { item: 4, step: 12 } } });
	});

	it('applies a retried command once', async () => {
		const moderator = await connected(server.url, { as: 'moderator', cookie: moderatorCookie });
		await moderator.socket.emitWithAck('agenda:move', { clientId: 'reset-to-start', to: { item: 0 } });
		const first = await moderator.socket.emitWithAck('agenda:move', {
			clientId: 'retried-next-1',
			to: 'next'
		});
		const retry = await moderator.socket.emitWithAck('agenda:move', {
			clientId: 'retried-next-1',
			to: 'next'
		});
		expect(first).toMatchObject({ data: { position: { item: 1, step: 0 } } });
		expect(retry).toEqual(first);
		expect((await publicSnapshot(server.url)).position).toEqual({ item: 1, step: 0 });
	});

	it('refuses a jump to an item or step that does not exist, and a malformed command', async () => {
		const moderator = await connected(server.url, { as: 'moderator', cookie: moderatorCookie });
		const before = await publicSnapshot(server.url);
		const bad = [
			{ clientId: 'nowhere-item', to: { item: 7 } },
			{ clientId: 'nowhere-step', to: { item: 0, step: 1 } },
			{ clientId: 'negative-item', to: { item: -1 } },
			{ clientId: 'x', to: 'next' },
			{ clientId: 'wrong-target', to: 'sideways' },
			{ to: 'next' },
			'next',
			null
		];
		for (const payload of bad) {
			const ack = await moderator.socket.emitWithAck('agenda:move', payload as never);
			expect(ack).toMatchObject({ error: { code: 'invalid' } });
		}
		const after = await publicSnapshot(server.url);
		expect(after.version).toBe(before.version);
		expect(after.position).toEqual(before.position);
	});
});

describe('who may move the agenda', () => {
	it('refuses an attendee and the projector, and nothing changes', async () => {
		const cookie = await joinMeeting(server.url, 'BPF2017');
		const attendee = await connected(server.url, { as: 'attendee', cookie });
		const projector = await connected(server.url, { as: 'projector' });
		const before = await publicSnapshot(server.url);
		for (const socket of [attendee.socket, projector.socket]) {
			const ack = await socket.emitWithAck('agenda:move', { clientId: 'sneaky-advance', to: 'next' });
			expect(ack).toMatchObject({ error: { code: 'unauthorised' } });
		}
		const after = await publicSnapshot(server.url);
		expect(after.version).toBe(before.version);
	});

	it('refuses a moderator connection without a valid session', async () => {
		await expect(connect(server.url, { as: 'moderator' })).rejects.toThrow(/unauthorised/);
		await expect(
			connect(server.url, { as: 'moderator', cookie: 'plenary-session=forged-token-value' })
		).rejects.toThrow(/unauthorised/);
	});

	it('lets an attendee connection without a participant token watch, and refuses its commands', async () => {
		const { socket, snapshot } = await connected(server.url, { as: 'attendee' });
		expect(snapshot.myBallots).toEqual({});
		expect(await socket.emitWithAck('floor:request', { clientId: 'watching-1' })).toMatchObject({
			error: { code: 'unauthorised' }
		});
	});

	it('refuses a connection to a meeting code that does not exist', async () => {
		await expect(connect(server.url, { as: 'attendee', meeting: 'OTHER1' })).rejects.toThrow(/not_found/);
	});

	it('stops obeying a moderator socket once its session is signed out', async () => {
		const cookie = await signIn(server.url, ADMIN.username, ADMIN.password);
		const moderator = await connected(server.url, { as: 'moderator', cookie });
		const closed = new Promise((resolve) => moderator.socket.once('disconnect', resolve));
		const signOut = await fetch(`${server.url}/logout`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: server.url,
				accept: 'text/html',
				cookie,
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: ''
		});
		expect(signOut.status).toBe(303);
		// Signing out closes the console's socket; it cannot come back with the old cookie.
		expect(await closed).toBe('io server disconnect');
		await expect(connect(server.url, { as: 'moderator', cookie })).rejects.toThrow(/unauthorised/);
	});

	it('refuses a handshake from another site', async () => {
		await expect(connect(server.url, { as: 'projector', origin: 'https://evil.example' })).rejects.toThrow();
		const ok = await connected(server.url, { as: 'projector', origin: server.url });
		expect(ok.snapshot.meeting.code).toBe('BPF2017');
	});

	it('redirects the console to sign-in when signed out', async () => {
		const response = await fetch(`${server.url}/m/BPF2017/moderate`, { redirect: 'manual' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/login?redirectTo=%2Fm%2FBPF2017%2Fmoderate');
	});
});

describe('connections', () => {
	it('gives a reconnecting client the current state', async () => {
		const cookie = await joinMeeting(server.url, 'BPF2017');
		const attendee = await connected(server.url, { as: 'attendee', cookie });
		const moderator = await connected(server.url, { as: 'moderator', cookie: moderatorCookie });
		attendee.socket.disconnect();
		await moderator.socket.emitWithAck('agenda:move', { clientId: 'while-away-1', to: { item: 2 } });
		await moderator.socket.emitWithAck('agenda:move', { clientId: 'while-away-2', to: 'next' });
		const resynced = nextEvent(attendee.socket, 'meeting:snapshot');
		attendee.socket.connect();
		const snapshot = await resynced;
		const current = await publicSnapshot(server.url);
		expect(snapshot.version).toBe(current.version);
		expect(snapshot.position).toEqual({ item: 3, step: 0 });
	});

	it('serves phones connecting all at once while the agenda moves: snapshot first, then the current item', async () => {
		const moderator = await connected(server.url, { as: 'moderator', cookie: moderatorCookie });
		const cookies = await Promise.all(Array.from({ length: 40 }, () => joinMeeting(server.url, 'BPF2017')));
		const phones = cookies.map((cookie) => {
			const socket: TestSocket = io(server.url, {
				auth: { meeting: 'BPF2017', as: 'attendee' },
				extraHeaders: { cookie },
				transports: ['websocket'],
				forceNew: true
			});
			open.push(socket);
			const phone = { heard: [] as string[], position: null as Position | null };
			socket.onAny((event: string, payload: { position?: Position }) => {
				phone.heard.push(event);
				if (event === 'meeting:snapshot' || event === 'agenda:moved')
					phone.position = payload.position ?? null;
			});
			return phone;
		});
		const moved = await moderator.socket.emitWithAck('agenda:move', {
			clientId: 'storm-move-01',
			to: 'next'
		});
		if (!('data' in moved)) throw new Error(moved.error.message);
		await vi.waitFor(
			() => expect(phones.map((phone) => phone.position)).toEqual(phones.map(() => moved.data.position)),
			{
				timeout: 15_000
			}
		);
		for (const phone of phones) expect(phone.heard[0]).toBe('meeting:snapshot');
	});

	it('counts attendees in the room and remote from their profiles', async () => {
		const inRoom = await joinMeeting(server.url, 'BPF2017');
		const remote = await joinMeeting(server.url, 'BPF2017');
		const projector = await connected(server.url, { as: 'projector' });
		const baseline = projector.snapshot.presence;
		for (const [cookie, mode] of [
			[inRoom, 'in_room'],
			[remote, 'remote']
		]) {
			const response = await fetch(`${server.url}/m/BPF2017?/profile`, {
				method: 'POST',
				headers: {
					origin: server.url,
					cookie,
					'content-type': 'application/x-www-form-urlencoded',
					'x-sveltekit-action': 'true'
				},
				body: new URLSearchParams({ displayName: 'Ada', stakeholderGroup: 'academia', mode })
			});
			expect(await response.json()).toMatchObject({ type: 'success' });
		}
		const here = await connected(server.url, { as: 'attendee', cookie: inRoom });
		// Phones hear the counts too, at their own pace, when they changed.
		const heardByPhone = eventWhere(here.socket, 'presence:counts', (c) => c.remote > baseline.remote);
		await connected(server.url, { as: 'attendee', cookie: remote });
		let counts = projector.snapshot.presence;
		while (counts.inRoom < baseline.inRoom + 1 || counts.remote < baseline.remote + 1) {
			counts = await nextEvent(projector.socket, 'presence:counts');
		}
		expect(counts).toEqual({
			connected: baseline.connected + 2,
			inRoom: baseline.inRoom + 1,
			remote: baseline.remote + 1
		});
		expect(await heardByPhone).toEqual(counts);
	});

	it('refuses a profile with an unknown stakeholder group and changes nothing', async () => {
		const cookie = await joinMeeting(server.url, 'BPF2017');
		const response = await fetch(`${server.url}/m/BPF2017?/profile`, {
			method: 'POST',
			headers: {
				origin: server.url,
				cookie,
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams({ displayName: 'Eve', stakeholderGroup: 'martians', mode: 'remote' })
		});
		expect(await response.json()).toMatchObject({ type: 'failure', status: 400 });
	});
});

describe('the projector theme', () => {
	it('switches every screen of the meeting to large type in high contrast, and back', async () => {
		const projector = await connected(server.url, { as: 'projector' });
		const moderator = await connected(server.url, { as: 'moderator', cookie: moderatorCookie });
		expect(projector.snapshot.meeting.projectorTheme).toBe('standard');

		const changed = nextEvent(projector.socket, 'meeting:changed');
		const ack = await moderator.socket.emitWithAck('projector:theme', {
			clientId: 'theme-000001',
			theme: 'high_contrast'
		});
		expect(ack).toEqual({ data: { theme: 'high_contrast' } });
		const update = await changed;
		expect(update.meeting.projectorTheme).toBe('high_contrast');
		expect(update.version).toBe(projector.snapshot.version + 1);
		expect((await publicSnapshot(server.url)).meeting.projectorTheme).toBe('high_contrast');

		// The same theme again is no change: no new version.
		const again = await moderator.socket.emitWithAck('projector:theme', {
			clientId: 'theme-000002',
			theme: 'high_contrast'
		});
		expect(again).toEqual({ data: { theme: 'high_contrast' } });
		expect((await publicSnapshot(server.url)).version).toBe(update.version);

		// A theme the protocol does not have, as a hand-made client might send it.
		const neon = { clientId: 'theme-000003', theme: 'neon' } as unknown as {
			clientId: string;
			theme: 'standard';
		};
		const invalid = await moderator.socket.emitWithAck('projector:theme', neon);
		expect(invalid).toMatchObject({ error: { code: 'invalid' } });
		await moderator.socket.emitWithAck('projector:theme', { clientId: 'theme-000004', theme: 'standard' });
		expect((await publicSnapshot(server.url)).meeting.projectorTheme).toBe('standard');
	});
});

describe('the projector’s pages', () => {
	it('steps to the page the moderator’s clicker asks for, on every screen, and not for a phone', async () => {
		const projector = await connected(server.url, { as: 'projector' });
		const moderator = await connected(server.url, { as: 'moderator', cookie: moderatorCookie });
		const phone = await connected(server.url, {
			as: 'attendee',
			cookie: await joinMeeting(server.url, 'BPF2017')
		});
		const paged = nextEvent(projector.socket, 'projector:page');
		const ack = await moderator.socket.emitWithAck('projector:page', {
			clientId: 'page-0000001',
			view: 'poll:p1:open:true:overall',
			page: 2
		});
		expect(ack).toEqual({ data: { view: 'poll:p1:open:true:overall', page: 2 } });
		expect(await paged).toEqual({ view: 'poll:p1:open:true:overall', page: 2 });
		// A projector that connects later starts on the same page.
		const later = await connected(server.url, { as: 'projector' });
		expect(later.snapshot.projectorPage).toEqual({ view: 'poll:p1:open:true:overall', page: 2 });
		// A phone has no say over the projector, and is not told its pages.
		const refused = await phone.socket.emitWithAck('projector:page', {
			clientId: 'page-0000002',
			view: 'step:0:0',
			page: 1
		});
		expect(refused).toMatchObject({ error: { code: 'unauthorised' } });
		expect(phone.snapshot.projectorPage).toBeUndefined();
		const negative = await moderator.socket.emitWithAck('projector:page', {
			clientId: 'page-0000003',
			view: 'step:0:0',
			page: -1
		});
		expect(negative).toMatchObject({ error: { code: 'invalid' } });
	});
});
