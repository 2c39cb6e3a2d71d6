/**
 * The authorisation matrix: every staff and attendee socket event and every staff route, tried by
 * everyone who must be refused (an attendee, an anonymous client, a moderator of another meeting,
 * a user with no role, staff with another role) and by everyone who must get through. A refusal
 * carries the right code and changes nothing. Then the browser-facing defences: security headers,
 * SvelteKit's origin check on forms, and the Socket.IO handshake's origin check.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AckError, ClientToServerEvents } from '../../src/lib/realtime/protocol';
import { ADMIN, startServer, type RunningServer } from './support/server';
import { sql } from './support/database';
import {
	connect,
	joinMeeting,
	nextEvent,
	publicSnapshot,
	saveProfile,
	signIn,
	type TestSocket
} from './support/clients';
import { addUser } from './support/users';
import { importSecondMeeting } from './support/meetings';
import { seedSession, type SeededMeeting } from './support/seed';
import { databaseDigest, stable, syncedSnapshot } from './support/state';
import { rawHandshake } from './support/raw';

type EventName = Exclude<keyof ClientToServerEvents, 'meeting:sync' | 'questions:more'>;

/** Who tries: staff of BPF2017 by role, and everyone who is not. */
type Actor =
	| 'attendee'
	/** A projector socket: no cookie, nothing but the public view. */
	| 'anonymous'
	/** A moderator of OTHER01 only, on a BPF2017 projector socket (a staff handshake is refused). */
	| 'elsewhere'
	/** A signed-in user with no role at all, on a BPF2017 projector socket. */
	| 'nobody'
	| 'remote_moderator'
	| 'rapporteur'
	| 'moderator'
	| 'admin';

const ACTORS: Actor[] = [
	'attendee',
	'anonymous',
	'elsewhere',
	'nobody',
	'remote_moderator',
	'rapporteur',
	'moderator',
	'admin'
];
const STAFF: Actor[] = ['remote_moderator', 'rapporteur', 'moderator', 'admin'];
const PASSWORD = 'matrix-password-1';

let server: RunningServer;
let bpf: SeededMeeting;
/** A question from a phone that takes part remotely: the one a remote moderator may approve. */
let remoteQuestionId: string;
const cookies = {} as Record<Actor | 'otherAttendee', string>;
const sockets = {} as Record<Actor, TestSocket>;
/** OTHER01's own moderator and phone: they pass every role check there, and aim at BPF2017's ids. */
let elsewhereInOther: TestSocket;
let phoneInOther: TestSocket;
const open: TestSocket[] = [];
let n = 0;
const id = () => `matrix-${++n}`;

interface Row {
	event: EventName;
	allowed: Actor[];
	/** A valid command (a fresh client id each time) that an allowed actor's socket carries out. */
	payload: (actor: Actor) => unknown | Promise<unknown>;
	/** The command names BPF2017's ids: sent from OTHER01's socket it finds nothing there. */
	aimsAtIds?: boolean;
}

async function declareTopic(wording: string): Promise<string> {
	const answer = await sockets.admin.emitWithAck('topic:declare', {
		clientId: id(),
		wording,
		itemId: null,
		pollId: null
	});
	if (!('data' in answer)) throw new Error(JSON.stringify(answer));
	return answer.data.topicId;
}

/** One line per event: who may send it and a command that works for them. */
const MATRIX: Row[] = [
	{ event: 'agenda:move', allowed: ['moderator', 'admin'], payload: () => ({ clientId: id(), to: 'next' }) },
	{
		event: 'projector:theme',
		allowed: ['moderator', 'admin'],
		payload: () => ({ clientId: id(), theme: 'high_contrast' })
	},
	{
		event: 'projector:page',
		allowed: ['moderator', 'admin'],
		payload: () => ({ clientId: id(), view: 'step:0:0', page: 1 })
	},
	{
		event: 'poll:create',
		allowed: ['moderator', 'admin'],
		payload: () => ({
			clientId: id(),
			itemId: null,
			kind: 'single',
			question: 'Coffee or tea?',
			options: ['Coffee', 'Tea'],
			maxPicks: null,
			wordLimit: null
		})
	},
	{
		event: 'poll:control',
		allowed: ['moderator', 'admin'],
		payload: () => ({ clientId: id(), pollId: bpf.choicePoll.id, action: 'show-results' }),
		aimsAtIds: true
	},
	{
		event: 'poll:moderate',
		allowed: ['moderator', 'admin'],
		payload: () => ({ clientId: id(), pollId: bpf.wordCloud.id, key: 'trust', status: 'approved' }),
		aimsAtIds: true
	},
	{
		event: 'floor:add',
		allowed: ['moderator', 'remote_moderator', 'admin'],
		payload: () => ({ clientId: id(), name: 'A relayed speaker', group: 'academia', mode: 'remote' })
	},
	{
		event: 'floor:remove',
		allowed: ['moderator', 'admin'],
		payload: () => ({ clientId: id(), requestId: bpf.requestId }),
		aimsAtIds: true
	},
	{ event: 'floor:next', allowed: ['moderator', 'admin'], payload: () => ({ clientId: id() }) },
	{ event: 'floor:end', allowed: ['moderator', 'admin'], payload: () => ({ clientId: id() }) },
	{
		event: 'floor:panelist',
		allowed: ['moderator', 'admin'],
		payload: () => ({ clientId: id(), panelistId: 'panel-government' })
	},
	{
		event: 'floor:settings',
		allowed: ['moderator', 'admin'],
		payload: () => ({ clientId: id(), alternate: true, speakingSeconds: 120 })
	},
	{
		event: 'question:moderate',
		allowed: ['moderator', 'remote_moderator', 'admin'],
		payload: () => ({ clientId: id(), questionId: remoteQuestionId, action: 'approve' }),
		aimsAtIds: true
	},
	{
		event: 'question:settings',
		allowed: ['moderator', 'admin'],
		payload: () => ({ clientId: id(), premoderation: false })
	},
	{
		event: 'comment:moderate',
		allowed: ['moderator', 'rapporteur', 'admin'],
		payload: (actor) => ({
			clientId: id(),
			commentId: bpf.commentId,
			action: actor === 'rapporteur' ? 'unproject' : 'show'
		}),
		aimsAtIds: true
	},
	{
		event: 'comments:deadline',
		allowed: ['moderator', 'admin'],
		payload: () => ({ clientId: id(), deadline: null })
	},
	{
		event: 'record:tag',
		allowed: ['moderator', 'rapporteur', 'admin'],
		payload: () => ({ clientId: id(), target: 'card', targetId: bpf.cardIds[1], tag: 'takeaway', on: true }),
		aimsAtIds: true
	},
	{
		event: 'session:clock',
		allowed: ['moderator', 'admin'],
		payload: () => ({ clientId: id(), action: 'start' })
	},
	{
		event: 'record:write',
		allowed: ['moderator', 'rapporteur', 'admin'],
		// Each writer a note of its own, written for the first time (revision 0).
		payload: (actor) => ({
			clientId: id(),
			target: { kind: 'note', itemId: bpf.itemIds[1 + STAFF.indexOf(actor)] },
			text: `Written by the ${actor}.`,
			baseRevision: 0
		}),
		aimsAtIds: true
	},
	{
		event: 'topic:declare',
		allowed: ['moderator', 'admin'],
		payload: () => ({ clientId: id(), wording: 'Security by design', itemId: bpf.itemIds[0], pollId: null }),
		aimsAtIds: true
	},
	{
		event: 'topic:reword',
		allowed: ['moderator', 'rapporteur', 'admin'],
		payload: (actor) => ({ clientId: id(), topicId: bpf.topicId, wording: `Culture and norms (${actor})` }),
		aimsAtIds: true
	},
	{
		event: 'topic:withdraw',
		allowed: ['moderator', 'admin'],
		payload: async () => ({ clientId: id(), topicId: await declareTopic('A topic to withdraw') }),
		aimsAtIds: true
	},
	{
		event: 'poll:vote',
		allowed: ['attendee'],
		payload: () => ({
			clientId: id(),
			pollId: bpf.choicePoll.id,
			revision: n,
			choice: { kind: 'multiple', optionIds: [bpf.choicePoll.options[1].id] }
		}),
		aimsAtIds: true
	},
	{ event: 'floor:request', allowed: ['attendee'], payload: () => ({ clientId: id() }) },
	{ event: 'floor:withdraw', allowed: ['attendee'], payload: () => ({ clientId: id() }) },
	{
		event: 'question:ask',
		allowed: ['attendee'],
		payload: () => ({ clientId: id(), text: 'Who audits the auditors?', anonymous: true })
	},
	{
		event: 'question:upvote',
		allowed: ['attendee'],
		payload: () => ({ clientId: id(), questionId: remoteQuestionId, up: true }),
		aimsAtIds: true
	},
	{
		event: 'card:comment',
		allowed: ['attendee'],
		payload: () => ({ clientId: id(), cardId: bpf.cardIds[2], text: 'A fair point.' }),
		aimsAtIds: true
	},
	{
		event: 'card:priority',
		allowed: ['attendee'],
		payload: () => ({ clientId: id(), cardId: bpf.cardIds[2], marked: true }),
		aimsAtIds: true
	}
];

/** Staff with a role that reaches the event, but not this use of it. */
const SCOPE_LIMITS: { what: string; actor: Actor; event: EventName; payload: () => unknown }[] = [
	{
		what: 'a remote moderator adds a speaker in the room',
		actor: 'remote_moderator',
		event: 'floor:add',
		payload: () => ({ clientId: id(), name: 'Someone in the room', group: null, mode: 'in_room' })
	},
	{
		what: 'a remote moderator approves a question from the room',
		actor: 'remote_moderator',
		event: 'question:moderate',
		payload: () => ({ clientId: id(), questionId: bpf.questionId, action: 'approve' })
	},
	{
		what: 'a remote moderator puts a remote question on the projector',
		actor: 'remote_moderator',
		event: 'question:moderate',
		payload: () => ({ clientId: id(), questionId: remoteQuestionId, action: 'project' })
	},
	{
		what: 'a rapporteur hides a comment',
		actor: 'rapporteur',
		event: 'comment:moderate',
		payload: () => ({ clientId: id(), commentId: bpf.commentId, action: 'hide' })
	}
];

/** The code each refused actor must get: no staff role is `forbidden`, the wrong kind of socket `unauthorised`. */
function refusal(row: Row, actor: Actor): AckError['code'] {
	const attendeeEvent = row.allowed.includes('attendee');
	return STAFF.includes(actor) && !attendeeEvent ? 'forbidden' : 'unauthorised';
}

async function state() {
	return {
		public: stable(await publicSnapshot(server.url)),
		moderator: stable(await syncedSnapshot(sockets.admin)),
		database: await databaseDigest(server.database)
	};
}

/** Any event with any payload: the matrix sends each command to sockets whose types do not allow it. */
function emit(socket: TestSocket, event: EventName, payload: unknown): Promise<unknown> {
	return (socket as unknown as Socket).timeout(5_000).emitWithAck(event, payload);
}

async function staffUser(name: string, roles: string[], meeting = 'BPF2017'): Promise<string> {
	await addUser(server.database, `matrix-${name}`, PASSWORD, roles, meeting);
	return signIn(server.url, `matrix-${name}`, PASSWORD);
}

async function socketFor(actor: Actor): Promise<TestSocket> {
	const as = actor === 'attendee' ? 'attendee' : STAFF.includes(actor) ? 'moderator' : 'projector';
	const { socket } = await connect(server.url, { as, cookie: cookies[actor] || undefined });
	open.push(socket);
	return socket;
}

beforeAll(async () => {
	server = await startServer();
	await importSecondMeeting(server.database, 'OTHER01');
	cookies.admin = await signIn(server.url, ADMIN.username, ADMIN.password);
	cookies.moderator = await staffUser('moderator', ['moderator']);
	cookies.remote_moderator = await staffUser('remote_moderator', ['remote_moderator']);
	cookies.rapporteur = await staffUser('rapporteur', ['rapporteur']);
	cookies.elsewhere = await staffUser('elsewhere', ['moderator'], 'OTHER01');
	cookies.nobody = await staffUser('nobody', []);
	cookies.anonymous = '';
	cookies.attendee = await joinMeeting(server.url, 'BPF2017');
	await saveProfile(server.url, cookies.attendee, {
		displayName: 'Room phone',
		stakeholderGroup: 'government',
		mode: 'in_room'
	});
	for (const actor of ACTORS) sockets[actor] = await socketFor(actor);

	bpf = await seedSession('BPF2017', sockets.admin, sockets.attendee);
	const remoteCookie = await joinMeeting(server.url, 'BPF2017');
	await saveProfile(server.url, remoteCookie, {
		displayName: 'Far away',
		stakeholderGroup: 'academia',
		mode: 'remote'
	});
	const remotePhone = (await connect(server.url, { as: 'attendee', cookie: remoteCookie })).socket;
	open.push(remotePhone);
	const asked = await remotePhone.emitWithAck('question:ask', {
		clientId: id(),
		text: 'Can remote voices be heard?',
		anonymous: false
	});
	if (!('data' in asked)) throw new Error(JSON.stringify(asked));
	remoteQuestionId = asked.data.question.id;

	elsewhereInOther = (
		await connect(server.url, { as: 'moderator', cookie: cookies.elsewhere, meeting: 'OTHER01' })
	).socket;
	cookies.otherAttendee = await joinMeeting(server.url, 'OTHER01');
	phoneInOther = (
		await connect(server.url, { as: 'attendee', cookie: cookies.otherAttendee, meeting: 'OTHER01' })
	).socket;
	open.push(elsewhereInOther, phoneInOther);
	// OTHER01 gets a session of its own, so that "not found" is not simply "nothing there at all".
	await seedSession('OTHER01', elsewhereInOther, phoneInOther);
});

afterAll(async () => {
	for (const socket of open) socket.disconnect();
	await server?.stop();
});

describe('socket events: refused for everyone without the role, with the right code, changing nothing', () => {
	for (const row of MATRIX) {
		const refused = ACTORS.filter((actor) => !row.allowed.includes(actor));
		it(`${row.event}: refused for ${refused.join(', ')}; carried out for ${row.allowed.join(', ')}`, async () => {
			// The very command an allowed actor sends, so that a refusal is about who, not what.
			const payload = await row.payload(row.allowed[0]);
			const before = await state();
			for (const actor of refused) {
				const answer = await emit(sockets[actor], row.event, payload);
				expect(answer, `${row.event} as ${actor}`).toEqual({
					error: { code: refusal(row, actor), message: expect.any(String) }
				});
			}
			if (row.aimsAtIds) {
				// A moderator (or phone) of OTHER01 passes the role check there, but finds none of BPF2017's ids.
				const from = row.allowed.includes('attendee') ? phoneInOther : elsewhereInOther;
				const answer = await emit(from, row.event, payload);
				if (row.event === 'floor:remove') expect(answer).toEqual({ data: { removed: false } });
				else
					expect(answer, `${row.event} from OTHER01`).toEqual({
						error: { code: 'not_found', message: expect.any(String) }
					});
			}
			expect(await state()).toEqual(before);

			for (const actor of row.allowed) {
				const answer = await emit(sockets[actor], row.event, await row.payload(actor));
				expect(answer, `${row.event} as ${actor}`).toHaveProperty('data');
			}
		});
	}

	for (const limit of SCOPE_LIMITS) {
		it(`${limit.event}: refused when ${limit.what}`, async () => {
			const before = await state();
			const answer = await emit(sockets[limit.actor], limit.event, limit.payload());
			expect(answer).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
			expect(await state()).toEqual(before);
		});
	}

	it('meeting:sync answers every socket with the view of its own role', async () => {
		for (const actor of ACTORS) {
			const snapshot = await syncedSnapshot(sockets[actor]);
			expect(snapshot.meeting.code).toBe('BPF2017');
			// Every text entry of a word cloud (for moderation) is for staff only.
			const staffView = STAFF.includes(actor);
			expect(snapshot.results[bpf.wordCloud.id]?.texts !== undefined, actor).toBe(staffView);
		}
	});
});

describe('socket handshakes', () => {
	const HANDSHAKES: {
		who: string;
		as: 'moderator' | 'attendee';
		cookie: () => string | undefined;
		meeting?: string;
		code: string;
	}[] = [
		{ who: 'no cookie, as a moderator', as: 'moderator', cookie: () => undefined, code: 'unauthorised' },
		{
			who: "a phone's cookie, as a moderator",
			as: 'moderator',
			cookie: () => cookies.attendee,
			code: 'unauthorised'
		},
		{
			who: 'a moderator of another meeting',
			as: 'moderator',
			cookie: () => cookies.elsewhere,
			code: 'forbidden'
		},
		{ who: 'a user with no role', as: 'moderator', cookie: () => cookies.nobody, code: 'forbidden' },
		{
			who: 'a forged session cookie',
			as: 'moderator',
			cookie: () => 'plenary-session=forged-token',
			code: 'unauthorised'
		},
		{
			who: 'a moderator, to a meeting that does not exist',
			as: 'moderator',
			cookie: () => cookies.admin,
			meeting: 'NOPE0000',
			code: 'not_found'
		}
	];

	for (const handshake of HANDSHAKES) {
		it(`refuses ${handshake.who} (${handshake.code})`, async () => {
			await expect(
				connect(server.url, {
					as: handshake.as,
					cookie: handshake.cookie(),
					meeting: handshake.meeting
				})
			).rejects.toThrow(new RegExp(`^${handshake.code}: `));
		});
	}

	const VIEWERS: { who: string; cookie: () => string | undefined }[] = [
		{ who: 'no cookie', cookie: () => undefined },
		{ who: "another meeting's phone", cookie: () => cookies.otherAttendee },
		{ who: "a staff user's cookie", cookie: () => cookies.admin }
	];
	for (const viewer of VIEWERS) {
		it(`lets ${viewer.who} watch as an attendee that has not joined: every command refused (unauthorised)`, async () => {
			const before = await state();
			const { socket } = await connect(server.url, { as: 'attendee', cookie: viewer.cookie() });
			open.push(socket);
			for (const [event, payload] of [
				['floor:request', { clientId: id() }],
				['question:ask', { clientId: id(), text: 'Who watches?', anonymous: false }],
				['poll:vote', { clientId: id(), pollId: 'any', revision: 1, choice: { optionIds: [] } }]
			] as const) {
				expect(await emit(socket, event, payload), event).toEqual({
					error: { code: 'unauthorised', message: 'Join the meeting from its page first.' }
				});
			}
			expect(await state()).toEqual(before);
		});
	}

	it('takes effect at once on an open staff socket when its user signs out or loses the role', async () => {
		const cookie = await staffUser('leaving', ['moderator']);
		const socket = (await connect(server.url, { as: 'moderator', cookie })).socket;
		open.push(socket);
		const move = () =>
			emit(socket, 'floor:settings', { clientId: id(), alternate: true, speakingSeconds: 120 });
		// The floor update that move causes checks staff again as it goes out: let it go first.
		const floorSent = nextEvent(socket, 'floor:changed');
		expect(await move()).toHaveProperty('data');
		await floorSent;

		await sql(server.database, "delete from meeting_roles where user_id = 'user-matrix-leaving'");
		expect(await move()).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });

		const closed = new Promise((resolve) => socket.once('disconnect', resolve));
		const signOut = await fetch(`${server.url}/logout`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: server.url,
				cookie,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: ''
		});
		expect(signOut.status).toBe(303);
		// Signing out closes the consoles of that session; a reconnect is refused.
		expect(await closed).toBe('io server disconnect');
		await expect(connect(server.url, { as: 'moderator', cookie })).rejects.toThrow(/unauthorised/);
	});
});

describe('staff routes: refused for everyone without the role, served to those with it', () => {
	const RECORD_KEEPERS: Actor[] = ['moderator', 'rapporteur', 'admin'];
	const ROUTES: { path: string; allowed: Actor[]; api?: boolean }[] = [
		{ path: '/m/BPF2017/moderate', allowed: ['moderator', 'admin'] },
		{ path: '/m/BPF2017/remote', allowed: ['moderator', 'remote_moderator', 'admin'] },
		{ path: '/m/BPF2017/record', allowed: RECORD_KEEPERS },
		{ path: '/m/BPF2017/record/print', allowed: RECORD_KEEPERS },
		{ path: '/admin/meetings/BPF2017/invitations', allowed: ['admin'] },
		{ path: '/admin/meetings/BPF2017/invitations.csv', allowed: ['admin'] },
		...['docx', 'md', 'json', 'csv'].map((format) => ({
			path: `/api/meetings/BPF2017/record.${format}`,
			allowed: RECORD_KEEPERS,
			api: true
		}))
	];

	for (const route of ROUTES) {
		it(`${route.path}: ${route.allowed.join(', ')} only`, async () => {
			const before = await state();
			for (const actor of ACTORS) {
				const response = await fetch(`${server.url}${route.path}`, {
					redirect: 'manual',
					headers: cookies[actor] ? { cookie: cookies[actor] } : {}
				});
				await response.arrayBuffer();
				const signedIn = STAFF.includes(actor) || actor === 'elsewhere' || actor === 'nobody';
				if (route.allowed.includes(actor)) {
					expect(response.status, actor).toBe(200);
				} else if (!signedIn && !route.api) {
					expect(response.status, actor).toBe(303);
					expect(response.headers.get('location'), actor).toBe(
						`/login?redirectTo=${encodeURIComponent(route.path)}`
					);
				} else {
					expect(response.status, actor).toBe(signedIn ? 403 : 401);
				}
			}
			expect(await state()).toEqual(before);
		});
	}

	it("serves OTHER01's console to its own moderator (the refusals above are about the meeting, not the user)", async () => {
		const response = await fetch(`${server.url}/m/OTHER01/moderate`, {
			headers: { cookie: cookies.elsewhere }
		});
		await response.arrayBuffer();
		expect(response.status).toBe(200);
	});
});

describe('browser defences', () => {
	const PAGES: { path: string; who?: Actor }[] = [
		{ path: '/' },
		{ path: '/login' },
		{ path: '/m/BPF2017' },
		{ path: '/m/BPF2017/projector' },
		{ path: '/m/BPF2017/moderate', who: 'admin' },
		{ path: '/m/BPF2017/record', who: 'admin' },
		{ path: '/m/BPF2017/record/print', who: 'admin' },
		{ path: '/m/NOPE0000' }
	];

	function directives(policy: string): Map<string, string[]> {
		return new Map(
			policy
				.split(';')
				.map((part) => part.trim().split(/\s+/))
				.filter(([name]) => name)
				.map(([name, ...sources]) => [name.toLowerCase(), sources])
		);
	}

	for (const page of PAGES) {
		it(`${page.path} sends a strict Content-Security-Policy, frame-ancestors 'none' and nosniff`, async () => {
			const response = await fetch(`${server.url}${page.path}`, {
				headers: page.who ? { cookie: cookies[page.who] } : {}
			});
			await response.arrayBuffer();
			expect(response.status).toBeLessThan(500);
			const policy = directives(response.headers.get('content-security-policy') ?? '');
			const scripts = policy.get('script-src') ?? policy.get('default-src');
			expect(scripts, 'script-src').toBeDefined();
			expect(scripts).not.toContain("'unsafe-inline'");
			expect(scripts).not.toContain("'unsafe-eval'");
			expect(scripts).not.toContain('*');
			expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
			expect(policy.get('object-src')).toEqual(["'none'"]);
			expect(policy.get('base-uri')).toEqual(["'self'"]);
			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		});
	}

	it('the JSON API and the record exports are sent with nosniff too', async () => {
		for (const [path, cookie] of [
			['/api/meetings/BPF2017', undefined],
			['/healthz', undefined],
			['/api/meetings/BPF2017/record.md', cookies.admin]
		] as const) {
			const response = await fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} });
			await response.arrayBuffer();
			expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
		}
	});

	describe('forms from another origin are refused (403) and change nothing', () => {
		const FOREIGN = ['https://evil.example', 'null', undefined];
		const CONTENT_TYPES = [
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'text/plain'
		];

		const post = (path: string, origin: string | undefined, contentType: string, cookie?: string) =>
			fetch(`${server.url}${path}`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					'content-type': contentType,
					...(origin ? { origin } : {}),
					...(cookie ? { cookie } : {})
				},
				body:
					contentType === 'multipart/form-data; boundary=x'
						? '--x\r\nContent-Disposition: form-data; name="displayName"\r\n\r\nMallory\r\n--x--\r\n'
						: `username=${ADMIN.username}&password=${ADMIN.password}&displayName=Mallory&mode=remote`
			});

		const rows = (statement: string) => sql(server.database, statement);
		const sessions = () => rows('select * from sessions order by id');
		const participants = () => rows('select * from participants order by id');

		it('POST /login signs no one in, even with the right password', async () => {
			const before = await sessions();
			for (const origin of FOREIGN) {
				for (const type of CONTENT_TYPES) {
					const response = await post('/login', origin, type);
					await response.arrayBuffer();
					expect(response.status, `${origin} ${type}`).toBe(403);
					expect(response.headers.getSetCookie().join(), `${origin} ${type}`).not.toMatch(
						/plenary-session=[^;]/
					);
				}
			}
			expect(await sessions()).toEqual(before);
		});

		it("POST /m/BPF2017?/profile leaves the phone's profile as it was", async () => {
			const before = await state();
			const profiles = await participants();
			for (const origin of FOREIGN) {
				for (const type of CONTENT_TYPES) {
					const response = await post('/m/BPF2017?/profile', origin, type, cookies.attendee);
					await response.arrayBuffer();
					expect(response.status, `${origin} ${type}`).toBe(403);
				}
			}
			expect(await participants()).toEqual(profiles);
			expect(JSON.stringify(profiles)).toContain('Room phone');
			expect(await state()).toEqual(before);
		});

		it('POST /logout from another origin does not sign anyone out', async () => {
			const response = await post(
				'/logout',
				'https://evil.example',
				'application/x-www-form-urlencoded',
				cookies.moderator
			);
			await response.arrayBuffer();
			expect(response.status).toBe(403);
			expect(
				await emit(sockets.moderator, 'floor:settings', {
					clientId: id(),
					alternate: true,
					speakingSeconds: 120
				})
			).toHaveProperty('data');
		});
	});

	describe('the Socket.IO handshake refuses pages of another origin', () => {
		for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example', 'file://']) {
			it(`refuses Origin: ${origin}, over WebSocket and over polling`, async () => {
				await expect(connect(server.url, { as: 'projector', origin })).rejects.toThrow();
				await expect(
					rawHandshake(server.url, JSON.stringify({ meeting: 'BPF2017', as: 'projector' }), { origin })
				).rejects.toThrow(/Unexpected server response: 4\d\d/);
				const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, {
					headers: { origin }
				});
				await polling.arrayBuffer();
				expect(polling.status).toBe(403);
			});
		}

		it("accepts the page's own origin (and a signed-in moderator from it)", async () => {
			const projector = await connect(server.url, { as: 'projector', origin: server.url });
			const moderator = await connect(server.url, {
				as: 'moderator',
				origin: server.url,
				cookie: cookies.admin
			});
			open.push(projector.socket, moderator.socket);
			expect(projector.snapshot.meeting.code).toBe('BPF2017');
			expect(moderator.snapshot.meeting.code).toBe('BPF2017');
		});
	});
});
