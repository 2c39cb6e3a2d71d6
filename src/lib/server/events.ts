/**
 * The application's events: services and routes say what happened, once it is committed; the
 * realtime layer listens and decides who hears what. Nothing that emits here knows about sockets,
 * and a deployment over several processes publishes the same events between them.
 */
import type { Position } from '$lib/domain/agenda';
import type { CountedBallot, TextDecision } from '$lib/domain/polls/types';
import type { ProjectorPage } from '$lib/realtime/protocol';

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
	/** A participant's access ended (their invitation was withdrawn): their phones must close. */
	'participant.removed': { meetingId: string; participantId: string };
}

export type AppEvent = { [Name in keyof AppEvents]: { name: Name } & AppEvents[Name] }[keyof AppEvents];

type Listener<Name extends keyof AppEvents> = (event: AppEvents[Name]) => void;

const listeners = new Map<keyof AppEvents, Listener<never>[]>();

/** Listens to one kind of event; listeners run in the order they were added. */
export function subscribe<Name extends keyof AppEvents>(name: Name, listener: Listener<Name>): void {
	listeners.set(name, [...(listeners.get(name) ?? []), listener as Listener<never>]);
}

/** Tells every listener, synchronously. A failing listener is logged and does not stop the others. */
export function publish(event: AppEvent): void {
	const { name, ...payload } = event;
	for (const listener of listeners.get(name) ?? []) {
		try {
			(listener as Listener<typeof name>)(payload as never);
		} catch (error) {
			console.error(`Plenary: a listener of ${name} failed`, error);
		}
	}
}
