import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { FLOOR_SHOWN, orderQueue, queueBalance, type FloorRequest } from '$lib/domain/floor';
import type { ParticipationMode, StakeholderGroup } from '$lib/domain/meeting';
import type { RecordFacts } from '$lib/domain/record/facts';
import type { FloorEntry, FloorState } from '$lib/realtime/protocol';
import { db, prepared, type Tx } from '../db';
import { floorRequests, meetings, type FloorRequestRow, type Meeting } from '../db/schema';
import { generateId } from '../auth/tokens';

const asRequest = (row: FloorRequestRow): FloorRequest => ({
	id: row.id,
	name: row.name,
	group: row.stakeholderGroup,
	mode: row.mode,
	requestedAt: row.requestedAt.getTime()
});

const asEntry = (request: FloorRequest): FloorEntry => ({
	id: request.id,
	name: request.name,
	group: request.group,
	mode: request.mode,
	requestedAt: new Date(request.requestedAt).toISOString()
});

/**
 * The floor's reads, built and prepared once per database: every join and reconnect reads the
 * queue. They run on the one connection, so inside a command's transaction too.
 */
const floorReads = prepared((database) => {
	const meetingId = sql.placeholder('meetingId');
	return {
		active: database
			.select()
			.from(floorRequests)
			.where(
				and(eq(floorRequests.meetingId, meetingId), inArray(floorRequests.status, ['waiting', 'speaking']))
			)
			.prepare(),
		// Those given the floor (speaking or done) are those with a start.
		lastSpeaker: database
			.select({ mode: floorRequests.mode })
			.from(floorRequests)
			.where(and(eq(floorRequests.meetingId, meetingId), isNotNull(floorRequests.startedAt)))
			.orderBy(desc(floorRequests.startedAt))
			.limit(1)
			.prepare()
	};
});

function activeRows(meetingId: string): FloorRequestRow[] {
	return floorReads().active.all({ meetingId });
}

function lastSpeakerMode(meetingId: string): ParticipationMode | null {
	return floorReads().lastSpeaker.get({ meetingId })?.mode ?? null;
}

function orderedWaiting(meeting: Meeting, rows: FloorRequestRow[]): FloorRequest[] {
	const waiting = rows.filter((row) => row.status === 'waiting').map(asRequest);
	return orderQueue(waiting, {
		alternate: meeting.alternateFloor,
		lastSpeakerMode: lastSpeakerMode(meeting.id)
	});
}

/**
 * The queue as everyone sees it (its first FLOOR_SHOWN requests; staff all of them), with `mine`
 * for the attendee who asks.
 */
export function floorState(meeting: Meeting, participantId: string | null = null, staff = false): FloorState {
	const rows = activeRows(meeting.id);
	const queue = orderedWaiting(meeting, rows);
	const speaking = rows.find((row) => row.status === 'speaking');
	// Staff see the affiliation each speaker gave, to check it before the record prints it.
	const affiliations = new Map(rows.map((row) => [row.id, row.affiliation]));
	const entry = (request: FloorRequest): FloorEntry =>
		staff ? { ...asEntry(request), affiliation: affiliations.get(request.id) ?? null } : asEntry(request);
	const state: FloorState = {
		speaking: speaking
			? {
					...entry(asRequest(speaking)),
					startedAt: speaking.startedAt!.toISOString(),
					panelistId: speaking.panelistId
				}
			: null,
		queue: (staff ? queue : queue.slice(0, FLOOR_SHOWN)).map(entry),
		waiting: queue.length,
		alternate: meeting.alternateFloor,
		speakingSeconds: meeting.speakingSeconds,
		balance: queueBalance(queue),
		serverNow: new Date().toISOString()
	};
	if (participantId) state.mine = rows.find((row) => row.participantId === participantId)?.id ?? null;
	return state;
}

/** Everyone who was given the floor (speaking now or done), for the record. */
export function speakerFactsOf(meetingId: string): RecordFacts['speakers'] {
	return db()
		.select()
		.from(floorRequests)
		.where(and(eq(floorRequests.meetingId, meetingId), isNotNull(floorRequests.startedAt)))
		.all()
		.map((row) => ({
			name: row.name,
			affiliation: row.affiliation,
			panelistId: row.panelistId,
			stakeholderGroup: row.stakeholderGroup,
			mode: row.mode,
			requestedAt: row.requestedAt,
			startedAt: row.startedAt ?? row.requestedAt,
			endedAt: row.endedAt
		}));
}

/** One active request per attendee: asking again returns the request already in the queue. */
export function requestFloor(
	tx: Tx,
	meetingId: string,
	speaker: {
		participantId: string | null;
		name: string;
		affiliation: string | null;
		group: StakeholderGroup | null;
		mode: ParticipationMode;
	}
): string {
	if (speaker.participantId) {
		const existing = activeRows(meetingId).find((row) => row.participantId === speaker.participantId);
		if (existing) return existing.id;
	}
	const id = generateId();
	tx.insert(floorRequests)
		.values({
			id,
			meetingId,
			participantId: speaker.participantId,
			name: speaker.name,
			affiliation: speaker.affiliation,
			stakeholderGroup: speaker.group,
			mode: speaker.mode,
			requestedAt: new Date()
		})
		.run();
	return id;
}

/** Withdraws a waiting request (a speaker already on the floor is ended with endTurn). */
export function withdrawRequest(
	tx: Tx,
	meetingId: string,
	match: { participantId?: string; requestId?: string }
): boolean {
	const row = activeRows(meetingId).find(
		(candidate) =>
			candidate.status === 'waiting' &&
			(match.participantId
				? candidate.participantId === match.participantId
				: candidate.id === match.requestId)
	);
	if (!row) return false;
	tx.update(floorRequests)
		.set({ status: 'withdrawn', endedAt: new Date() })
		.where(eq(floorRequests.id, row.id))
		.run();
	return true;
}

export function endTurn(tx: Tx, meetingId: string): boolean {
	const speaking = activeRows(meetingId).find((row) => row.status === 'speaking');
	if (!speaking) return false;
	tx.update(floorRequests)
		.set({ status: 'done', endedAt: new Date() })
		.where(eq(floorRequests.id, speaking.id))
		.run();
	return true;
}

/**
 * Gives the floor to a panelist at once, ending the current turn; the queue waits behind them.
 * The turn is a request like any other, so the record lists the panelist among the speakers.
 */
export function givePanelistTheFloor(
	tx: Tx,
	meetingId: string,
	panelist: { id: string; name: string; affiliation: string; group: StakeholderGroup }
): string {
	endTurn(tx, meetingId);
	const id = generateId();
	const now = new Date();
	tx.insert(floorRequests)
		.values({
			id,
			meetingId,
			participantId: null,
			panelistId: panelist.id,
			name: panelist.name,
			affiliation: panelist.affiliation || null,
			stakeholderGroup: panelist.group,
			mode: 'in_room',
			status: 'speaking',
			requestedAt: now,
			startedAt: now
		})
		.run();
	return id;
}

/** Ends the current turn and gives the floor to the first in the queue. Returns who speaks now. */
export function callNextSpeaker(tx: Tx, meeting: Meeting): string | null {
	endTurn(tx, meeting.id);
	const [next] = orderedWaiting(meeting, activeRows(meeting.id));
	if (!next) return null;
	tx.update(floorRequests)
		.set({ status: 'speaking', startedAt: new Date() })
		.where(eq(floorRequests.id, next.id))
		.run();
	return next.id;
}

export function storeFloorSettings(
	tx: Tx,
	meetingId: string,
	alternate: boolean,
	speakingSeconds: number
): boolean {
	tx.update(meetings)
		.set({ alternateFloor: alternate, speakingSeconds })
		.where(eq(meetings.id, meetingId))
		.run();
	return true;
}
