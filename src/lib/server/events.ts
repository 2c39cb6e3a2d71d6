/**
 * The application's events: services and routes say what happened, once it is committed; the
 * realtime layer listens and decides who hears what. Nothing that emits here knows about sockets,
 * and a deployment over several processes publishes the same events between them.
 */
import type { Position } from '$lib/domain/agenda';
import type { CountedBallot, TextDecision } from '$lib/domain/polls/types';
import type { PresenceCounts, ProjectorPage } from '$lib/realtime/protocol';

export interface AppEvents {
	/** An organiser saved the meeting's settings or agenda, or the projector's theme changed. */
	'meeting.changed': { meetingId: string };
	/** The meeting was archived: its phones are sent away. */
	'meeting.archived': { meetingId: string };
	'agenda.moved': { meetingId: string; version: number; position: Position; at: Date };
	/** Polls were created, opened, closed, shown or moderated: a new state version. */
	'polls.changed': { meetingId: string; version: number };
	/** A ballot was committed (cast, or changed). */
	'ballot.cast': { meetingId: string; pollId: string; participantId: string; ballot: CountedBallot };
	/** A moderator approved or hid a free-text entry. */
	'text.moderated': { meetingId: string; pollId: string; key: string; status: TextDecision };
	/** A poll's live results changed (ballots, moderation, opening again). */
	'results.changed': { meetingId: string; pollId: string };
	/** Phones connected, left, or changed how they take part. */
	'presence.changed': { meetingId: string };
	'questions.changed': { meetingId: string };
	'comments.changed': { meetingId: string };
	'floor.changed': { meetingId: string };
	'clock.changed': { meetingId: string };
	/** The rapporteur's texts changed (the record page fetches the record again). */
	'record.changed': { meetingId: string };
	'topics.changed': { meetingId: string };
	/** The moderator stepped the projector's pages (kept in memory: no part of the record). */
	'projector.paged': { meetingId: string; page: ProjectorPage };
	/**
	 * A user's open consoles must close: they lost their last role in a meeting (`meetingId`), or
	 * were removed or signed out everywhere (null).
	 */
	'user.accessEnded': { userId: string; meetingId: string | null };
	/** A user signed out: the consoles opened with that session close. */
	'session.ended': { sessionId: string };
	/**
	 * What one process of a deployment counts of a meeting's connections (see presence.ts): sent
	 * when they change and every few seconds; a process not heard from for a while is counted out.
	 */
	'presence.reported': {
		meetingId: string;
		process: string;
		counts: PresenceCounts;
		whileOpen: Record<string, number>;
	};
	/** A participant changed their profile: what a process keeps of it is read again. */
	'participant.profiled': { participantId: string };
	/** A participant's access ended (their invitation was withdrawn): their phones must close. */
	'participant.removed': { meetingId: string; participantId: string };
}

export type AppEvent = { [Name in keyof AppEvents]: { name: Name } & AppEvents[Name] }[keyof AppEvents];

type Listener<Name extends keyof AppEvents> = (event: AppEvents[Name]) => unknown;

const listeners = new Map<keyof AppEvents, Listener<never>[]>();

/** Listens to one kind of event; listeners run in the order they were added. */
export function subscribe<Name extends keyof AppEvents>(name: Name, listener: Listener<Name>): void {
	listeners.set(name, [...(listeners.get(name) ?? []), listener as Listener<never>]);
}

/**
 * Tells every listener, synchronously (a listener that reads the database goes on once it has its
 * answer). A failing listener is logged and does not stop the others.
 */
export function publish(event: AppEvent): void {
	deliver(event);
	if (relay && !LOCAL_EVENTS.has(event.name)) relay(event);
}

/**
 * Events each process derives for itself (a ballot's tally changes the results; its own
 * connections change its presence, which it reports to the others), so that none is heard twice.
 */
const LOCAL_EVENTS = new Set<keyof AppEvents>(['results.changed', 'presence.changed']);

let relay: ((event: AppEvent) => void) | null = null;

/** Sends every event published here to the deployment's other processes too (see cluster.ts). */
export function relayEvents(send: (event: AppEvent) => void): void {
	relay = send;
}

/** Tells this process's listeners of an event, whichever process published it. */
export function deliver(event: AppEvent): void {
	const { name, ...payload } = event;
	const failed = (error: unknown) => console.error(`Plenary: a listener of ${name} failed`, error);
	for (const listener of listeners.get(name) ?? []) {
		try {
			const running = (listener as Listener<typeof name>)(payload as never);
			if (running instanceof Promise) running.catch(failed);
		} catch (error) {
			failed(error);
		}
	}
}
