/**
 * What one client can cost the server, whatever it sends and whether or not it reads: every event
 * is counted before any other work (per participant, staff member, or screen connection), a
 * refusal is answered a few times and then the connection is dropped, and a connection whose
 * unsent backlog grows is sent nothing more it can do without until it drains, and is dropped
 * beyond a hard bound.
 */
import type { IncomingMessage } from 'node:http';
import { limits, waitHint } from '../limits';
import { fail } from './command';
import type { PlenarySocket, SocketData } from './hub';

/**
 * Unsent bytes beyond which a connection gets no more snapshots or paced updates (it gets the
 * latest once it drains): a few snapshots of a large session.
 */
const BEHIND_BYTES = 256 * 1024;
/** Unsent messages beyond which the same holds (each update is one message). */
const BEHIND_PACKETS = 64;
/** Unsent bytes beyond which the connection is dropped: a client that does not read its messages. */
const DROP_BYTES = 4 * 1024 * 1024;
const DROP_PACKETS = 2000;

/** Who an event counts against: a phone's participant, a staff member, or a screen's connection. */
export function actorOf(data: SocketData, socketId: string): string {
	if (data.participantId) return `p:${data.participantId}`;
	if (data.userId) return `u:${data.userId}`;
	return `c:${socketId}`;
}

/** The packets and bytes a connection has been given and not yet sent to the network. */
function backlogOf(socket: PlenarySocket): { packets: number; bytes: number } {
	const conn = socket.conn as unknown as {
		writeBuffer?: { data?: unknown }[];
		transport?: { socket?: { bufferedAmount?: number } };
		request?: { socket?: { writableLength?: number } };
	};
	const queued = conn.writeBuffer ?? [];
	let bytes = conn.transport?.socket?.bufferedAmount ?? conn.request?.socket?.writableLength ?? 0;
	for (const packet of queued) {
		const data = packet.data;
		bytes += typeof data === 'string' ? data.length : data instanceof Uint8Array ? data.byteLength : 16;
	}
	return { packets: queued.length, bytes };
}

/** True when the connection should be sent nothing it can do without until it drains. */
export function isBehind(socket: PlenarySocket): boolean {
	const { packets, bytes } = backlogOf(socket);
	return packets > BEHIND_PACKETS || bytes > BEHIND_BYTES;
}

/** Drops a connection whose backlog is past the hard bound; true when it was dropped. */
export function dropIfFlooded(socket: PlenarySocket): boolean {
	const { packets, bytes } = backlogOf(socket);
	if (packets <= DROP_PACKETS && bytes <= DROP_BYTES) return false;
	drop(socket);
	return true;
}

/**
 * Closes at once, discarding what waits to be sent (a plain disconnect would wait for a backlog
 * that never drains).
 */
function drop(socket: PlenarySocket): void {
	socket.disconnect(true);
	// A WebSocket closed politely keeps its unsent frames for its close timeout (30 s): cut it.
	const transport = socket.conn.transport as unknown as { socket?: { terminate?: () => void } };
	transport.socket?.terminate?.();
	socket.conn.close(true);
}

/**
 * Socket.IO middleware, first on every connection: counts each incoming event against its
 * sender's limit in memory. Over the limit, the event is refused without being read further; the
 * first refusals are answered (when an acknowledgement was asked for), and a connection that
 * keeps on past them is dropped, so that refusals cost no more than the events themselves.
 */
export function eventGuard(socket: PlenarySocket) {
	const actor = actorOf(socket.data, socket.id);
	return (packet: unknown[], next: (error?: Error) => void): void => {
		limits.events
			.take(actor)
			.then(async (wait) => {
				if (wait === null) return next();
				if ((await limits.refusals.take(socket.id)) !== null) return drop(socket);
				const ack = packet.at(-1);
				if (typeof ack === 'function' && !isBehind(socket))
					ack(fail('rate_limited', `Too many messages: try again in ${waitHint(wait)}.`));
			})
			.catch((error: unknown) => console.error('Plenary: the event guard failed', error));
	};
}

/**
 * The address a connection comes from: the proxy's header when one is configured (as for the
 * pages: ADDRESS_HEADER, XFF_DEPTH), else the peer's.
 */
function addressOf(request: IncomingMessage): string {
	const header = process.env.ADDRESS_HEADER?.toLowerCase();
	const value = header ? request.headers[header] : undefined;
	if (typeof value === 'string' && value) {
		if (header !== 'x-forwarded-for') return value.trim();
		const addresses = value.split(',').map((address) => address.trim());
		const depth = Number(process.env.XFF_DEPTH) || 1;
		return addresses[Math.max(0, addresses.length - depth)] ?? value;
	}
	return request.socket.remoteAddress ?? 'unknown';
}

/** Counts a new connection (an engine.io handshake) against its address; null when allowed. */
export async function connectionRefusal(request: IncomingMessage): Promise<string | null> {
	const wait = await limits.connectPerAddress.take(addressOf(request));
	return wait === null ? null : `Too many connections from your network: try again in ${waitHint(wait)}.`;
}
