import type { Server, Socket } from 'socket.io';
import type { ClientRole, ClientToServerEvents, ServerToClientEvents } from '$lib/realtime/protocol';
import type { ParticipationMode } from '$lib/domain/meeting';
import { Presence } from './presence';
import { notePeaks } from '../record/peaks';

export interface SocketData {
	meetingId: string;
	role: ClientRole;
	participantId: string | null;
	mode: ParticipationMode | null;
	sessionToken: string | null;
	/** The signed-in user behind a staff connection. */
	userId: string | null;
}

export type PlenaryServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;

export type PlenarySocket = Socket<
	ClientToServerEvents,
	ServerToClientEvents,
	Record<string, never>,
	SocketData
>;

/** Every socket of a meeting: its phones, its screens and its staff. */
export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
/** Moderators, remote moderators and rapporteurs. */
export const moderatorRoom = (meetingId: string) => `moderators:${meetingId}`;
/** Projectors. */
export const screenRoom = (meetingId: string) => `screens:${meetingId}`;
/** Attendees. */
export const phoneRoom = (meetingId: string) => `phones:${meetingId}`;

/** How often at most a meeting's connected counts are sent: a full hall joining is one update a second. */
const PRESENCE_INTERVAL_MS = 1000;

/**
 * Who follows a live stream (results, questions, comments) at which pace. The projector and the
 * staff see a vote burst move four times a second. Phones see it once a second, and less often in
 * a large hall: a broadcast costs about 50 µs per phone, so the interval grows with the number of
 * phones to keep those broadcasts to a tenth of the server's time (2.5 s for 5,000 phones).
 */
export type LiveAudience = 'screens' | 'phones';
const LIVE_AUDIENCES: LiveAudience[] = ['screens', 'phones'];
const SCREENS_INTERVAL_MS = 250;
const PHONES_INTERVAL_MS = { least: 1000, perPhone: 0.5, most: 5000 };

export function phonesInterval(phones: number): number {
	const { least, perPhone, most } = PHONES_INTERVAL_MS;
	return Math.min(most, Math.max(least, Math.round(phones * perPhone)));
}

/** Computes the results updates of the polls that changed, for one audience. */
export type ResultsPublisher = (meetingId: string, pollIds: Set<string>, audience: LiveAudience) => void;

interface Pending {
	/** When the run is due (performance.now()). */
	due: number;
	timer: ReturnType<typeof setTimeout>;
}

/**
 * The live side of the server as the rest of the app sees it: who is connected, and a way to
 * tell a meeting's clients that something changed. Set up once when Socket.IO is attached.
 */
class Hub {
	readonly presence = new Presence();
	#io: PlenaryServer | null = null;
	#pending = new Map<string, Pending>();
	#changedPolls = new Map<string, Set<string>>();
	#publishResults: ResultsPublisher | null = null;

	attach(io: PlenaryServer, publishResults: ResultsPublisher): void {
		this.#io = io;
		this.#publishResults = publishResults;
	}

	get io(): PlenaryServer | null {
		return this.#io;
	}

	toMeeting(meetingId: string) {
		return this.#io?.to(meetingRoom(meetingId)) ?? null;
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

	/** Closes every phone of a meeting (when it is archived); their reconnects are refused. */
	disconnectPhones(meetingId: string): void {
		this.#io?.in(phoneRoom(meetingId)).disconnectSockets(true);
	}

	toStaff(meetingId: string) {
		return this.#io?.to(moderatorRoom(meetingId)) ?? null;
	}

	/**
	 * Runs `publish` once, `intervalMs` after the first call for `key`; calls in between join that
	 * run. A burst of changes costs clients × intervals, not clients × changes. A flood of incoming
	 * messages can hold the timer back, so a call that finds the run overdue makes it at once.
	 */
	coalesce(key: string, intervalMs: number, publish: () => void): void {
		const pending = this.#pending.get(key);
		if (!pending) {
			const timer = setTimeout(() => this.#run(key, publish), intervalMs).unref();
			this.#pending.set(key, { due: performance.now() + intervalMs, timer });
		} else if (performance.now() >= pending.due) {
			this.#run(key, publish);
		}
	}

	#run(key: string, publish: () => void): void {
		const pending = this.#pending.get(key);
		if (pending) clearTimeout(pending.timer);
		this.#pending.delete(key);
		publish();
	}

	/** A live change, sent to each audience at its own pace: `send` emits to the audience it is given. */
	live(meetingId: string, topic: string, send: (audience: LiveAudience) => void): void {
		const phones = this.#io?.sockets.adapter.rooms.get(phoneRoom(meetingId))?.size ?? 0;
		const intervals = { screens: SCREENS_INTERVAL_MS, phones: phonesInterval(phones) };
		for (const audience of LIVE_AUDIENCES) {
			this.coalesce(`${topic}:${audience}:${meetingId}`, intervals[audience], () => send(audience));
		}
	}

	/**
	 * One event to one audience of a meeting: phones, or screens and staff. `payload(true)` is what
	 * staff see (more than anyone else), `payload(false)` what the others see.
	 */
	emitTo<E extends keyof ServerToClientEvents>(
		meetingId: string,
		audience: LiveAudience,
		event: E,
		payload: (staff: boolean) => Parameters<ServerToClientEvents[E]>
	): void {
		const io = this.#io;
		if (!io) return;
		if (audience === 'phones') {
			io.to(phoneRoom(meetingId)).emit(event, ...payload(false));
			return;
		}
		io.to(screenRoom(meetingId)).emit(event, ...payload(false));
		io.to(moderatorRoom(meetingId)).emit(event, ...payload(true));
	}

	resultsChanged(meetingId: string, pollId: string): void {
		for (const audience of LIVE_AUDIENCES) {
			const key = `${audience}:${meetingId}`;
			const changed = this.#changedPolls.get(key) ?? new Set<string>();
			changed.add(pollId);
			this.#changedPolls.set(key, changed);
		}
		this.live(meetingId, 'results', (audience) => {
			const key = `${audience}:${meetingId}`;
			const changed = this.#changedPolls.get(key);
			this.#changedPolls.delete(key);
			if (changed) this.#publishResults?.(meetingId, changed, audience);
		});
	}

	presenceChanged(meetingId: string): void {
		this.coalesce(`presence:${meetingId}`, PRESENCE_INTERVAL_MS, () => {
			const counts = this.presence.counts(meetingId);
			this.toMeeting(meetingId)?.emit('presence:counts', counts);
			notePeaks(meetingId, counts);
		});
	}
}

export const hub = new Hub();
