import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { FLOOR_SHOWN, orderQueue, queueBalance, type FloorRequest } from '$lib/domain/floor';
import type { ParticipationMode, StakeholderGroup } from '$lib/domain/meeting';
import type { RecordFacts } from '$lib/domain/record/facts';
import type { FloorEntry, FloorState } from '$lib/realtime/protocol';
import { type Tx, db, first, prepared } from '../db';
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

async function activeRows(meetingId: string): Promise<FloorRequestRow[]> {
	return await floorReads().active.execute({ meetingId });
}

async function lastSpeakerMode(meetingId: string): Promise<ParticipationMode | null> {
	return (await first(floorReads().lastSpeaker.execute({ meetingId })))?.mode ?? null;
}

async function orderedWaiting(meeting: Meeting, rows: FloorRequestRow[]): Promise<FloorRequest[]> {
	const waiting = rows.filter((row) => row.status === 'waiting').map(asRequest);
	return orderQueue(waiting, {
		alternate: meeting.alternateFloor,
		lastSpeakerMode: await lastSpeakerMode(meeting.id)
	});
}

/**
 * The queue as everyone sees it (its first FLOOR_SHOWN requests; staff all of them), with `mine`
 * for the attendee who asks.
 */
export async function floorState(
	meeting: Meeting,
	participantId: string | null = null,
	staff = false
): Promise<FloorState> {
	const rows = await activeRows(meeting.id);
	const queue = await orderedWaiting(meeting, rows);
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
export async function speakerFactsOf(meetingId: string): Promise<RecordFacts['speakers']> {
	return (
		await db()
			.select()
			.from(floorRequests)
			.where(and(eq(floorRequests.meetingId, meetingId), isNotNull(floorRequests.startedAt)))
	).map((row) => ({
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
export async function requestFloor(
	tx: Tx,
	meetingId: string,
	speaker: {
		participantId: string | null;
		name: string;
		affiliation: string | null;
		group: StakeholderGroup | null;
		mode: ParticipationMode;
	}
): Promise<string> {
	if (speaker.participantId) {
		const existing = (await activeRows(meetingId)).find((row) => row.participantId === speaker.participantId);
		if (existing) return existing.id;
	}
	const id = generateId();
	await tx.insert(floorRequests).values({
		id,
		meetingId,
		participantId: speaker.participantId,
		name: speaker.name,
		affiliation: speaker.affiliation,
		stakeholderGroup: speaker.group,
		mode: speaker.mode,
		requestedAt: new Date()
	});
	return id;
}

/** Withdraws a waiting request (a speaker already on the floor is ended with endTurn). */
export async function withdrawRequest(
	tx: Tx,
	meetingId: string,
	match: { participantId?: string; requestId?: string }
): Promise<boolean> {
	const row = (await activeRows(meetingId)).find(
		(candidate) =>
			candidate.status === 'waiting' &&
			(match.participantId
				? candidate.participantId === match.participantId
				: candidate.id === match.requestId)
	);
	if (!row) return false;
	await tx
		.update(floorRequests)
		.set({ status: 'withdrawn', endedAt: new Date() })
		.where(eq(floorRequests.id, row.id));
	return true;
}

export async function endTurn(tx: Tx, meetingId: string): Promise<boolean> {
	const speaking = (await activeRows(meetingId)).find((row) => row.status === 'speaking');
	if (!speaking) return false;
	await tx
		.update(floorRequests)
		.set({ status: 'done', endedAt: new Date() })
		.where(eq(floorRequests.id, speaking.id));
	return true;
}

/**
 * Gives the floor to a panelist at once, ending the current turn; the queue waits behind them.
 * The turn is a request like any other, so the record lists the panelist among the speakers.
 */
export async function givePanelistTheFloor(
	tx: Tx,
	meetingId: string,
	panelist: { id: string; name: string; affiliation: string; group: StakeholderGroup }
): Promise<string> {
	await endTurn(tx, meetingId);
	const id = generateId();
	const now = new Date();
	await tx.insert(floorRequests).values({
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
	});
	return id;
}

/** Ends the current turn and gives the floor to the first in the queue. Returns who speaks now. */
export async function callNextSpeaker(tx: Tx, meeting: Meeting): Promise<string | null> {
	await endTurn(tx, meeting.id);
	const [next] = await orderedWaiting(meeting, await activeRows(meeting.id));
	if (!next) return null;
	await tx
		.update(floorRequests)
		.set({ status: 'speaking', startedAt: new Date() })
		.where(eq(floorRequests.id, next.id));
	return next.id;
}

export async function storeFloorSettings(
	tx: Tx,
	meetingId: string,
	alternate: boolean,
	speakingSeconds: number
): Promise<boolean> {
	await tx
		.update(meetings)
		.set({ alternateFloor: alternate, speakingSeconds })
		.where(eq(meetings.id, meetingId));
	return true;
}
