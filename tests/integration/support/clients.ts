import { io, type Socket } from 'socket.io-client';
import type {
	ClientRole,
	ClientToServerEvents,
	MeetingSnapshot,
	ServerToClientEvents
} from '../../../src/lib/realtime/protocol';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function cookiesFrom(response: Response): string {
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

/** Opens the attendee page as a new phone would and returns its participant cookie. */
export async function joinMeeting(url: string, code: string): Promise<string> {
	const response = await fetch(`${url}/m/${code}`, { redirect: 'manual' });
	if (response.status !== 200) throw new Error(`join failed with ${response.status}`);
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
		socket.once('meeting:snapshot', (snapshot) => resolve({ socket, snapshot }));
		socket.once('connect_error', (error) => {
			socket.disconnect();
			reject(error);
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
