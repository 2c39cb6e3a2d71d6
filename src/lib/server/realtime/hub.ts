import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '$lib/realtime/protocol';
import type { ClientRole } from '$lib/realtime/protocol';
import type { ParticipationMode } from '$lib/domain/meeting';
import { Presence } from './presence';

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
/** How often at most live results are sent: a burst of ballots is a few updates a second, not one per ballot. */
const RESULTS_INTERVAL_MS = 250;

/** Computes the results updates of the polls that changed, for the room and for the moderators. */
export type ResultsPublisher = (meetingId: string, pollIds: Set<string>, io: PlenaryServer) => void;

/**
 * The live side of the server as the rest of the app sees it: who is connected, and a way to
 * tell a meeting's clients that something changed. Set up once when Socket.IO is attached.
 */
class Hub {
	readonly presence = new Presence();
	#io: PlenaryServer | null = null;
	#pendingPresence = new Map<string, ReturnType<typeof setTimeout>>();
	#pendingResults = new Map<string, Set<string>>();
	#publishResults: ResultsPublisher | null = null;

	attach(io: PlenaryServer, publishResults: ResultsPublisher): void {
		this.#io = io;
		this.#publishResults = publishResults;
	}

	/** Coalesces results: the first ballot of a quiet meeting starts a tick, later ones join it. */
	resultsChanged(meetingId: string, pollId: string): void {
		const pending = this.#pendingResults.get(meetingId);
		if (pending) {
			pending.add(pollId);
			return;
		}
		this.#pendingResults.set(meetingId, new Set([pollId]));
		const timer = setTimeout(() => {
			const pollIds = this.#pendingResults.get(meetingId) ?? new Set<string>();
			this.#pendingResults.delete(meetingId);
			if (this.#io) this.#publishResults?.(meetingId, pollIds, this.#io);
		}, RESULTS_INTERVAL_MS);
		timer.unref();
	}

	get io(): PlenaryServer | null {
		return this.#io;
	}

	toMeeting(meetingId: string) {
		return this.#io?.to(meetingRoom(meetingId)) ?? null;
	}

	/** Coalesces presence changes: one broadcast per meeting per interval, whatever the churn. */
	presenceChanged(meetingId: string): void {
		if (this.#pendingPresence.has(meetingId)) return;
		const timer = setTimeout(() => {
			this.#pendingPresence.delete(meetingId);
			this.toMeeting(meetingId)?.emit('presence:counts', this.presence.counts(meetingId));
		}, PRESENCE_INTERVAL_MS);
		timer.unref();
		this.#pendingPresence.set(meetingId, timer);
	}
}

export const hub = new Hub();
