import type { ServerToClientEvents } from '../../../src/lib/realtime/protocol';
import type { TestSocket } from './clients';
import { syncedSnapshot } from './state';

/**
 * Checks `condition` every `everyMs` until it holds; past `timeoutMs` it fails, naming what it
 * waited for. For what no event announces: rows in the database, a count kept by a listener.
 */
export async function waitUntil(
	condition: () => boolean | Promise<boolean>,
	what: string,
	{ timeoutMs = 30_000, everyMs = 20 } = {}
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}

/** The server's clock now, as it stamps what it stores (the floor's `serverNow` of a fresh snapshot). */
export async function serverNow(socket: TestSocket): Promise<number> {
	return Date.parse((await syncedSnapshot(socket)).floor.serverNow);
}

/**
 * Starts listening for `event` on a socket; the function it returns stops and gives every payload
 * that arrived before the server answered a `meeting:sync` sent then. The server sends a
 * connection's packets in order, so an event caused by anything the server finished before
 * (an HTTP action that answered, an acknowledged command) has arrived by then: an empty list
 * means no such event was sent to this socket, with no time left to chance.
 */
export function eventsUntilSynced<E extends keyof ServerToClientEvents>(
	socket: TestSocket,
	event: E
): () => Promise<Parameters<ServerToClientEvents[E]>[0][]> {
	const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
	const listener = ((payload: Parameters<ServerToClientEvents[E]>[0]) => seen.push(payload)) as never;
	socket.on(event, listener);
	return async () => {
		await syncedSnapshot(socket);
		socket.off(event, listener);
		return seen;
	};
}
