/**
 * The Socket.IO contract between the server and every client (phone, projector, console).
 * Types only: both sides import it, so an event changes in one place.
 */
import type { AgendaItem, Position } from '$lib/domain/agenda';

/** Who a socket speaks for, given in the handshake's `auth`. */
export type ClientRole = 'attendee' | 'projector' | 'moderator';

export interface HandshakeAuth {
	meeting: string;
	as: ClientRole;
}

export interface MeetingInfo {
	code: string;
	title: string;
	description: string;
	venue: string;
	date: string | null;
	timeZone: string;
	organiser: string;
	commentDeadline: string | null;
}

/** Distinct attendees with at least one open connection, by how they take part. */
export interface PresenceCounts {
	connected: number;
	inRoom: number;
	remote: number;
}

/** Everything a client needs to draw the session; sent on every (re)connect. */
export interface MeetingSnapshot {
	version: number;
	meeting: MeetingInfo;
	agenda: AgendaItem[];
	position: Position;
	presence: PresenceCounts;
}

/** A versioned change of the agenda cursor: apply it when it is the next version, else resync. */
export interface AgendaMoved {
	version: number;
	position: Position;
	at: string;
}

export type AgendaTarget = 'next' | 'previous' | { item: number; step?: number };

export interface AgendaMove {
	/** Chosen by the client once per intended move and reused on retry. */
	clientId: string;
	to: AgendaTarget;
}

export interface AckError {
	code: 'invalid' | 'unauthorised' | 'forbidden' | 'not_found' | 'conflict' | 'internal';
	message: string;
}

export type Ack<T> = { data: T } | { error: AckError };

export interface ClientToServerEvents {
	'agenda:move': (
		move: AgendaMove,
		ack: (result: Ack<{ version: number; position: Position }>) => void
	) => void;
	'meeting:sync': (ack: (result: Ack<MeetingSnapshot>) => void) => void;
}

export interface ServerToClientEvents {
	'meeting:snapshot': (snapshot: MeetingSnapshot) => void;
	'agenda:moved': (update: AgendaMoved) => void;
	'presence:counts': (counts: PresenceCounts) => void;
}
