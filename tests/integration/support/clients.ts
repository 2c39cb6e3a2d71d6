import { io, type Socket } from 'socket.io-client';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { parse as parseDevalue } from 'devalue';
import type {
	ClientRole,
	ClientToServerEvents,
	MeetingSnapshot,
	ServerToClientEvents
} from '../../../src/lib/realtime/protocol';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The `name=value` pairs a response sets, as a `cookie` header for the next request. */
export function cookiesFrom(response: Response): string {
	return response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0])
		.join('; ');
}

/** Signs in through the real login form and returns the session cookie. */
export async function signIn(url: string, username: string, password: string): Promise<string> {
	const response = await fetch(`${url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ username, password })
	});
	if (response.status !== 303) throw new Error(`sign-in failed with ${response.status}`);
	return cookiesFrom(response);
}

/** A join challenge for a meeting, as the attendee page gets one. */
export async function joinChallenge(url: string, code: string): Promise<Challenge> {
	const response = await fetch(`${url}/m/${code}/join/challenge`);
	if (response.status !== 200) throw new Error(`no challenge: ${response.status}`);
	return ((await response.json()) as { challenge: Challenge }).challenge;
}

/** Does a phone's proof of work in Node, with altcha-lib's own solver: the proof the join form sends. */
export async function solveProof(challenge: Challenge): Promise<string> {
	const solution = await solveChallenge({ challenge, deriveKey });
	return JSON.stringify({ challenge, solution });
}

/** Posts a join form (the attendee page's `join` action) as the page's scripts do. */
export function postJoin(url: string, code: string, fields: Record<string, string>, cookie?: string) {
	return fetch(`${url}/m/${code}?/join`, {
		method: 'POST',
		headers: {
			origin: url,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(fields)
	});
}

/** A form action's JSON answer (as `deserialize` in the browser reads it): its type, status and data. */
export function actionAnswer(body: string): {
	type: string;
	status?: number;
	data?: Record<string, unknown>;
} {
	const answer = JSON.parse(body) as { type: string; status?: number; data?: string };
	return {
		...answer,
		data: answer.data ? (parseDevalue(answer.data) as Record<string, unknown>) : undefined
	};
}

/** Joins a meeting as a new phone does (a challenge, its proof, the join form) and returns its cookie. */
export async function joinMeeting(
	url: string,
	code: string,
	fields: Record<string, string> = {}
): Promise<string> {
	const proof = await solveProof(await joinChallenge(url, code));
	const response = await postJoin(url, code, { proof, ...fields });
	const body = await response.text();
	if (response.status !== 200 || !body.includes('"success"'))
		throw new Error(`join failed: ${response.status} ${body}`);
	return cookiesFrom(response);
}

export interface Connected {
	socket: TestSocket;
	snapshot: MeetingSnapshot;
}

/** A real socket.io-client connection; resolves with the snapshot the server sends on connect. */
export function connect(
	url: string,
	options: { as: ClientRole; cookie?: string; meeting?: string; origin?: string }
): Promise<Connected> {
	const headers: Record<string, string> = {};
	if (options.cookie) headers.cookie = options.cookie;
	if (options.origin) headers.origin = options.origin;
	const socket: TestSocket = io(url, {
		auth: { meeting: options.meeting ?? 'BPF2017', as: options.as },
		extraHeaders: headers,
		transports: ['websocket'],
		forceNew: true,
		reconnectionDelay: 100,
		reconnectionDelayMax: 500
	});
	return new Promise((resolve, reject) => {
		// A refused first connection ends the socket; once connected, later errors (a server
		// restarting) are left to the client's own reconnection, as in a browser.
		const refused = (error: Error) => {
			socket.disconnect();
			reject(error);
		};
		socket.once('connect_error', refused);
		socket.once('meeting:snapshot', (snapshot) => {
			socket.off('connect_error', refused);
			resolve({ socket, snapshot });
		});
	});
}

export function nextEvent<E extends keyof ServerToClientEvents>(
	socket: TestSocket,
	event: E,
	timeoutMs = 10_000
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one listener for any server event
		socket.once(event, ((payload: any) => {
			clearTimeout(timer);
			resolve(payload);
		}) as never);
	});
}

export async function publicSnapshot(url: string, code = 'BPF2017'): Promise<MeetingSnapshot> {
	const response = await fetch(`${url}/api/meetings/${code}`);
	return (await response.json()) as MeetingSnapshot;
}

export interface TestProfile {
	displayName?: string;
	affiliation?: string;
	stakeholderGroup?: string;
	mode?: string;
}

/** Saves a profile through the attendee page's form action, as the phone's form does. */
export async function saveProfile(url: string, cookie: string, profile: TestProfile): Promise<Response> {
	return fetch(`${url}/m/BPF2017?/profile`, {
		method: 'POST',
		headers: {
			origin: url,
			cookie,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({ displayName: '', ...profile })
	});
}

/** A new phone: joins, optionally gives a profile, connects; the socket is added to `open`. */
export async function connectedAttendee(
	url: string,
	open: TestSocket[],
	profile?: TestProfile
): Promise<TestSocket> {
	const cookie = await joinMeeting(url, 'BPF2017');
	if (profile) await saveProfile(url, cookie, profile);
	const { socket } = await connect(url, { as: 'attendee', cookie });
	open.push(socket);
	return socket;
}

/** The first `event` whose payload passes `check` (a listener that stays until then, so none is missed). */
export function eventWhere<E extends keyof ServerToClientEvents>(
	socket: TestSocket,
	event: E,
	check: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean,
	timeoutMs = 15_000
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
	return new Promise((resolve, reject) => {
		type Payload = Parameters<ServerToClientEvents[E]>[0];
		const listener = ((payload: Payload) => {
			if (!check(payload)) return;
			clearTimeout(timer);
			socket.off(event, listener as never);
			resolve(payload);
		}) as never;
		const timer = setTimeout(() => {
			socket.off(event, listener);
			reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
		}, timeoutMs);
		socket.on(event, listener);
	});
}
