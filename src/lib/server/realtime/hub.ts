import { openKind } from '../db';
import type { Server, Socket } from 'socket.io';
import type {
	ClientRole,
	ClientToServerEvents,
	MeetingSnapshot,
	ServerToClientEvents
} from '$lib/realtime/protocol';
import type { ParticipationMode } from '$lib/domain/meeting';
import { Pacer } from '../pace';
import type { AppEvent } from '../events';
import { hashToken } from '../auth/tokens';
import { stillStaff } from './staff';
import { dropIfFlooded, isBehind } from './guard';

export interface SocketData {
	meetingId: string;
	role: ClientRole;
	participantId: string | null;
	mode: ParticipationMode | null;
	sessionToken: string | null;
	/** The signed-in user behind a staff connection. */
	userId: string | null;
}

/** What the processes of a deployment send each other: the application's events (see cluster.ts). */
export interface BetweenProcesses {
	'plenary:event': (event: AppEvent) => void;
}

export type PlenaryServer = Server<ClientToServerEvents, ServerToClientEvents, BetweenProcesses, SocketData>;

export type PlenarySocket = Socket<ClientToServerEvents, ServerToClientEvents, BetweenProcesses, SocketData>;

/** Moderators, remote moderators and rapporteurs. */
export const moderatorRoom = (meetingId: string) => `moderators:${meetingId}`;
/** Projectors. */
export const screenRoom = (meetingId: string) => `screens:${meetingId}`;
/** Attendees. */
export const phoneRoom = (meetingId: string) => `phones:${meetingId}`;

/**
 * Each phone is also in one of a meeting's shards, by its socket id: an update to every phone goes
 * out a few shards per turn of the event loop, so that ballots and timers are served in between
 * (a write to a socket costs tens of µs: 5,000 phones at once would hold the loop for 0.4 s).
 * A turn sends shards for SLICE_MS: one shard a turn fell behind when each turn was busy with ballots.
 */
const PHONE_SHARDS = 32;
const SLICE_MS = 10;
const phoneShard = (meetingId: string, shard: number) => `phones:${meetingId}:${shard}`;
const phoneShards = (meetingId: string) =>
	Array.from({ length: PHONE_SHARDS }, (_, shard) => phoneShard(meetingId, shard));

function shardOf(socketId: string): number {
	let hash = 0;
	for (let i = 0; i < socketId.length; i++) hash = (hash * 31 + socketId.charCodeAt(i)) >>> 0;
	return hash % PHONE_SHARDS;
}

/**
 * Who follows a live stream (results, questions, comments) at which pace. The projector and the
 * staff see a vote burst move ten times a second. Phones see it once a second, and less often in
 * a large hall: a broadcast costs about 50 µs per phone, so the interval grows with the number of
 * phones to keep those broadcasts to a tenth of the server's time (2.5 s for 5,000 phones).
 */
export type LiveAudience = 'screens' | 'phones';
export const LIVE_AUDIENCES: LiveAudience[] = ['screens', 'phones'];
const SCREENS_INTERVAL_MS = 100;
const PHONES_INTERVAL_MS = { least: 1000, perPhone: 0.5, most: 5000 };

export function phonesInterval(phones: number): number {
	const { least, perPhone, most } = PHONES_INTERVAL_MS;
	return Math.min(most, Math.max(least, Math.round(phones * perPhone)));
}

/** How often connections are checked for a backlog that drained (or grew past the hard bound). */
const BACKLOG_CHECK_MS = 1000;

/**
 * The sockets of every meeting, in rooms by audience, and the pace at which live changes reach
 * them. Set up once when Socket.IO is attached; what is sent, and when, is decided by the
 * listeners in `broadcasts.ts`.
 */
/** One send of the phones' queue; `reads` when it reads the database before it sends. */
interface Slice {
	send: () => unknown;
	reads?: boolean;
}

/**
 * Queued reads (snapshots) done side by side, at most: SQLite answers within the turn (about as
 * many as fit in a slice), PostgreSQL over the network (enough to keep its connections busy).
 */
const READS_TOGETHER = { sqlite: 8, postgres: 64 };

class Hub {
	#io: PlenaryServer | null = null;
	#pacer = new Pacer();
	/**
	 * Connections that were behind when a paced update was due, with the latest of each update
	 * they missed (a newer one replaces an older: each carries the whole state of its part).
	 */
	#missed = new Map<string, { socket: PlenarySocket; latest: Map<string, () => void> }>();
	/** Sends to phone shards waiting their turn, in order: a phone hears updates in the order they were made. */
	#slices: Slice[] = [];
	/** Whether the queue is being worked through (or waits for a send that reads the database). */
	#draining = false;

	attach(io: PlenaryServer): void {
		this.#io = io;
		setInterval(() => this.#checkBacklogs(), BACKLOG_CHECK_MS).unref();
	}

	/** Drops connections past the hard bound; sends the drained ones what they missed, once. */
	#checkBacklogs(): void {
		for (const socket of this.#io?.sockets.sockets.values() ?? []) dropIfFlooded(socket);
		for (const [id, { socket, latest }] of this.#missed) {
			if (!socket.connected) this.#missed.delete(id);
			else if (!isBehind(socket)) {
				this.#missed.delete(id);
				for (const send of latest.values()) send();
			}
		}
	}

	/**
	 * A paced update to a room: connections that are behind are skipped and get the latest of this
	 * update (`key`) when they have drained, so a client that does not read costs one update per
	 * key, not one per change.
	 */
	#emitPaced<E extends keyof ServerToClientEvents>(
		room: string,
		key: string,
		event: E,
		args: () => Parameters<ServerToClientEvents[E]>
	): void {
		const io = this.#io;
		const members = io?.sockets.adapter.rooms.get(room);
		if (!io || !members) return;
		const payload = args();
		const skipped: string[] = [];
		for (const id of members) {
			const socket = io.sockets.sockets.get(id);
			if (!socket || !isBehind(socket)) continue;
			skipped.push(id);
			const missed = this.#missed.get(id) ?? { socket, latest: new Map() };
			missed.latest.set(key, () => socket.emit(event, ...payload));
			this.#missed.set(id, missed);
		}
		io.local
			.to(room)
			.except(skipped)
			.emit(event, ...payload);
	}

	/** Puts a new connection in its meeting's rooms: its audience's, and a phone's shard. */
	#join(socket: PlenarySocket): void {
		const { meetingId, role } = socket.data;
		if (role === 'moderator') void socket.join(moderatorRoom(meetingId));
		if (role === 'projector') void socket.join(screenRoom(meetingId));
		if (role === 'attendee')
			void socket.join([phoneRoom(meetingId), phoneShard(meetingId, shardOf(socket.id))]);
	}

	/** One send per shard of the meeting's phones, queued in turn. */
	#toShards(meetingId: string, send: (room: string) => void): void {
		this.#sliced(phoneShards(meetingId).map((room) => ({ send: () => send(room) })));
	}

	/** Queues sends to run in turns of the event loop (see PHONE_SHARDS). */
	#sliced(sends: Slice[]): void {
		this.#slices.push(...sends);
		if (!this.#draining && sends.length > 0) {
			this.#draining = true;
			setImmediate(() => this.#nextSlice());
		}
	}

	#nextSlice(): void {
		const until = performance.now() + SLICE_MS;
		// One send that fails (a snapshot that cannot be read) costs its connection, not the queue.
		const failed = (error: unknown) => console.error('Plenary: a queued send failed', error);
		do {
			if (this.#slices[0].reads) {
				// Sends that read the database (snapshots, a phone's sync) hold the queue until they are
				// sent, so that what was queued after them goes out after them, as without the wait. Those
				// queued together read side by side: a reconnect storm waits for a few reads, not for each.
				let reads = 0;
				const together = READS_TOGETHER[openKind()];
				while (reads < together && this.#slices[reads]?.reads) reads++;
				const sending = this.#slices
					.splice(0, reads)
					.map(({ send }) => Promise.resolve().then(send).catch(failed));
				void Promise.all(sending).finally(() => this.#afterSlice());
				return;
			}
			const { send } = this.#slices.shift()!;
			try {
				send();
			} catch (error) {
				failed(error);
			}
		} while (this.#slices.length > 0 && performance.now() < until);
		this.#afterSlice();
	}

	#afterSlice(): void {
		if (this.#slices.length > 0) setImmediate(() => this.#nextSlice());
		else this.#draining = false;
	}

	/**
	 * A new connection's rooms and snapshot. A phone's go in the queue of phone updates: a storm of
	 * reconnects is served a slice at a time, with ballots and timers (pings included) served in
	 * between, and the phone hears every change made after the state its snapshot shows. Screens
	 * and staff, which hear changes at once, are welcomed at once. Without a snapshot (the meeting
	 * is gone, or no longer takes phones) the connection is closed.
	 */
	welcome(socket: PlenarySocket, snapshot: () => Promise<MeetingSnapshot | null>): void {
		const send = async () => {
			if (!socket.connected) return;
			const current = await snapshot();
			if (!socket.connected) return;
			if (!current) {
				socket.disconnect(true);
				return;
			}
			this.#join(socket);
			socket.emit('meeting:snapshot', current);
		};
		if (socket.data.role === 'attendee') this.#sliced([{ send, reads: true }]);
		else void send().catch((error: unknown) => console.error('Plenary: a snapshot failed', error));
	}

	/**
	 * Runs a phone's read after the phone sends queued before it, so that its answer (a snapshot
	 * asked for with `meeting:sync`) comes after every update sent before it was asked, as a new
	 * phone's snapshot does. Screens and staff, whose updates are not queued, are answered at once.
	 */
	inTurn<T>(socket: PlenarySocket, read: () => T | Promise<T>): Promise<T> {
		if (socket.data.role !== 'attendee') return Promise.resolve().then(read);
		return new Promise<T>((resolve, reject) => {
			this.#sliced([
				{
					reads: true,
					send: async () => {
						try {
							resolve(await read());
						} catch (error) {
							reject(error);
						}
					}
				}
			]);
		});
	}

	get io(): PlenaryServer | null {
		return this.#io;
	}

	/**
	 * An event for every socket of a meeting: screens and staff at once, phones a shard at a time in
	 * the queue of their updates, so that each phone hears the meeting's changes in order.
	 */
	toMeeting<E extends keyof ServerToClientEvents>(
		meetingId: string,
		event: E,
		...args: Parameters<ServerToClientEvents[E]>
	): void {
		const io = this.#io;
		if (!io) return;
		io.local.to([screenRoom(meetingId), moderatorRoom(meetingId)]).emit(event, ...args);
		// Encoding a packet costs the same for an empty room: a meeting's agenda, 32 times over.
		this.#toShards(meetingId, (room) => {
			if (io.sockets.adapter.rooms.get(room)?.size) io.local.to(room).emit(event, ...args);
		});
	}

	/**
	 * Closes a user's staff connections at once: in one meeting when they lost their roles there,
	 * everywhere when they were removed or their sessions ended. Their reconnect is then refused.
	 */
	disconnectUser(userId: string, meetingId: string | null = null): number {
		let closed = 0;
		for (const socket of this.#io?.sockets.sockets.values() ?? []) {
			if (socket.data.userId !== userId) continue;
			if (meetingId !== null && socket.data.meetingId !== meetingId) continue;
			socket.disconnect(true);
			closed++;
		}
		return closed;
	}

	/** Closes the staff connections opened with a session that ended (its user signed out). */
	disconnectSession(sessionId: string): void {
		for (const socket of this.#io?.sockets.sockets.values() ?? []) {
			if (socket.data.sessionToken && hashToken(socket.data.sessionToken) === sessionId)
				socket.disconnect(true);
		}
	}

	/** Closes one participant's phones (their invitation was withdrawn); their reconnects are refused. */
	disconnectParticipant(meetingId: string, participantId: string): void {
		for (const socket of this.#io?.sockets.sockets.values() ?? []) {
			if (socket.data.meetingId === meetingId && socket.data.participantId === participantId)
				socket.disconnect(true);
		}
	}

	/** Closes every phone of a meeting (when it is archived); their reconnects are refused. */
	disconnectPhones(meetingId: string): void {
		this.#io?.local.in(phoneRoom(meetingId)).disconnectSockets(true);
	}

	/**
	 * The meeting's staff connections, each checked again (stillStaff) before it hears anything
	 * staff-only; one whose session or role has gone is closed instead.
	 */
	async #staff(meetingId: string): Promise<PlenarySocket[]> {
		const io = this.#io;
		const staff: PlenarySocket[] = [];
		for (const id of [...(io?.sockets.adapter.rooms.get(moderatorRoom(meetingId)) ?? [])]) {
			const socket = io?.sockets.sockets.get(id);
			if (!socket) continue;
			if (await stillStaff(socket.data)) staff.push(socket);
			else socket.disconnect(true);
		}
		return staff;
	}

	/** Whether any staff connection follows the meeting (before work done for staff alone). */
	hasStaff(meetingId: string): boolean {
		return (this.#io?.sockets.adapter.rooms.get(moderatorRoom(meetingId))?.size ?? 0) > 0;
	}

	/** An event for the meeting's staff only. */
	async toStaff<E extends keyof ServerToClientEvents>(
		meetingId: string,
		event: E,
		...args: Parameters<ServerToClientEvents[E]>
	): Promise<void> {
		for (const socket of await this.#staff(meetingId)) socket.emit(event, ...args);
	}

	/** Runs `publish` once per `intervalMs` at most for `key` (see Pacer). */
	coalesce(key: string, intervalMs: number, publish: () => unknown): void {
		this.#pacer.coalesce(key, intervalMs, publish);
	}

	/**
	 * A live change, sent to each audience at its own pace (or once per `leastMs`, when slower):
	 * `send` emits to the audience it is given.
	 */
	live(
		meetingId: string,
		topic: string,
		send: (audience: LiveAudience) => void | Promise<void>,
		leastMs = 0
	): void {
		const phones = this.#io?.sockets.adapter.rooms.get(phoneRoom(meetingId))?.size ?? 0;
		const intervals = { screens: SCREENS_INTERVAL_MS, phones: phonesInterval(phones) };
		for (const audience of LIVE_AUDIENCES) {
			const interval = Math.max(leastMs, intervals[audience]);
			this.coalesce(`${topic}:${audience}:${meetingId}`, interval, () => send(audience));
		}
	}

	/**
	 * One event to one audience of a meeting: phones, or screens and staff. `payload(true)` is what
	 * staff see (more than anyone else), `payload(false)` what the others see. `key` tells apart
	 * updates of one event that do not replace each other (the results of two polls).
	 */
	async emitTo<E extends keyof ServerToClientEvents>(
		meetingId: string,
		audience: LiveAudience,
		event: E,
		payload: (
			staff: boolean
		) => Parameters<ServerToClientEvents[E]> | Promise<Parameters<ServerToClientEvents[E]>>,
		key: string = event
	): Promise<void> {
		if (audience === 'phones') {
			// Read once for every shard (a questions list is a few queries); a newer state follows in
			// the same queue.
			const read = await payload(false);
			this.#toShards(meetingId, (room) => this.#emitPaced(room, key, event, () => read));
			return;
		}
		const read = await payload(false);
		this.#emitPaced(screenRoom(meetingId), key, event, () => read);
		// Staff-only figures go to consoles whose session and role still hold (the rest are closed).
		if ((await this.#staff(meetingId)).length === 0) return;
		const staffRead = await payload(true);
		this.#emitPaced(moderatorRoom(meetingId), key, event, () => staffRead);
	}
}

export const hub = new Hub();
