import type { Server, Socket } from 'socket.io';
import type { ClientRole, ClientToServerEvents, ServerToClientEvents } from '$lib/realtime/protocol';
import type { ParticipationMode } from '$lib/domain/meeting';
import { Presence } from './presence';
import { notePeaks } from '../record/store';

export interface SocketData {
	meetingId: string;
	role: ClientRole;
	participantId: string | null;
	mode: ParticipationMode | null;
	sessionToken: string | null;
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

export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
export const moderatorRoom = (meetingId: string) => `moderators:${meetingId}`;

/** How often at most a meeting's connected counts are sent: a full hall joining is one update a second. */
const PRESENCE_INTERVAL_MS = 1000;
/** How often at most question, comment and results updates are sent to a meeting. */
export const LIVE_INTERVAL_MS = 250;
/** How often at most live results are sent: a burst of ballots is a few updates a second, not one per ballot. */
const RESULTS_INTERVAL_MS = LIVE_INTERVAL_MS;

/** Computes the results updates of the polls that changed, for the room and for the moderators. */
export type ResultsPublisher = (meetingId: string, pollIds: Set<string>) => void;

/**
 * The live side of the server as the rest of the app sees it: who is connected, and a way to
 * tell a meeting's clients that something changed. Set up once when Socket.IO is attached.
 */
class Hub {
	readonly presence = new Presence();
	#io: PlenaryServer | null = null;
	#pending = new Set<string>();
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

	toStaff(meetingId: string) {
		return this.#io?.to(moderatorRoom(meetingId)) ?? null;
	}

	/**
	 * Runs `publish` once, `intervalMs` after the first call for `key`; calls in between join that
	 * run. A burst of changes costs clients × ticks, not clients × changes.
	 */
	coalesce(key: string, intervalMs: number, publish: () => void): void {
		if (this.#pending.has(key)) return;
		this.#pending.add(key);
		setTimeout(() => {
			this.#pending.delete(key);
			publish();
		}, intervalMs).unref();
	}

	/** One event to a meeting: one payload for the room, another for its staff (who see more). */
	emitByAudience<E extends keyof ServerToClientEvents>(
		meetingId: string,
		event: E,
		forRoom: Parameters<ServerToClientEvents[E]>,
		forStaff: Parameters<ServerToClientEvents[E]>
	): void {
		const io = this.#io;
		if (!io) return;
		io.to(meetingRoom(meetingId))
			.except(moderatorRoom(meetingId))
			.emit(event, ...forRoom);
		io.to(moderatorRoom(meetingId)).emit(event, ...forStaff);
	}

	resultsChanged(meetingId: string, pollId: string): void {
		const changed = this.#changedPolls.get(meetingId) ?? new Set<string>();
		changed.add(pollId);
		this.#changedPolls.set(meetingId, changed);
		this.coalesce(`results:${meetingId}`, RESULTS_INTERVAL_MS, () => {
			this.#changedPolls.delete(meetingId);
			this.#publishResults?.(meetingId, changed);
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
