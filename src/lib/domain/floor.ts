import type { ParticipationMode, StakeholderGroup } from './meeting';

/** What became of a request for the floor: it waits, its speaker speaks, is done, or it was withdrawn. */
export const FLOOR_STATUSES = ['waiting', 'speaking', 'done', 'withdrawn'] as const;

export type FloorStatus = (typeof FLOOR_STATUSES)[number];

/** A request for the floor, from a phone or added by a moderator on someone's behalf. */
export interface FloorRequest {
	id: string;
	name: string;
	group: StakeholderGroup | null;
	mode: ParticipationMode;
	/** When the request was made (ms since the epoch); the queue is first come, first served. */
	requestedAt: number;
}

export interface QueueRules {
	/** Alternate in-room and remote speakers while both wait (the default). */
	alternate: boolean;
	/** How the last speaker took part: the next one comes from the other side when possible. */
	lastSpeakerMode: ParticipationMode | null;
}

const byRequestTime = (a: FloorRequest, b: FloorRequest) =>
	a.requestedAt - b.requestedAt || a.id.localeCompare(b.id);

/**
 * The speaking order. Without alternation: order of request. With it: two first-come lanes, in
 * the room and remote, taken in turn while both have someone waiting, starting with the side
 * that did not speak last (or, with no last speaker, the side of the earliest request).
 */
export function orderQueue(requests: readonly FloorRequest[], rules: QueueRules): FloorRequest[] {
	const sorted = [...requests].sort(byRequestTime);
	if (!rules.alternate) return sorted;
	const lanes: Record<ParticipationMode, FloorRequest[]> = {
		in_room: sorted.filter((r) => r.mode === 'in_room'),
		remote: sorted.filter((r) => r.mode === 'remote')
	};
	const other = (mode: ParticipationMode): ParticipationMode => (mode === 'in_room' ? 'remote' : 'in_room');
	let turn: ParticipationMode = rules.lastSpeakerMode
		? other(rules.lastSpeakerMode)
		: (sorted[0]?.mode ?? 'in_room');
	const ordered: FloorRequest[] = [];
	while (lanes.in_room.length || lanes.remote.length) {
		const lane = lanes[turn].length ? lanes[turn] : lanes[other(turn)];
		ordered.push(lane.shift()!);
		turn = other(ordered.at(-1)!.mode);
	}
	return ordered;
}

export interface QueueBalance {
	inRoom: number;
	remote: number;
	byGroup: Partial<Record<StakeholderGroup | 'unspecified', number>>;
}

/** Who is waiting, by side and by stakeholder group, so the moderator can see an imbalance. */
export function queueBalance(requests: readonly FloorRequest[]): QueueBalance {
	const balance: QueueBalance = { inRoom: 0, remote: 0, byGroup: {} };
	for (const request of requests) {
		if (request.mode === 'in_room') balance.inRoom++;
		else balance.remote++;
		const group = request.group ?? 'unspecified';
		balance.byGroup[group] = (balance.byGroup[group] ?? 0) + 1;
	}
	return balance;
}

/** Seconds left on a speaking timer; negative once the speaker runs over. */
export function secondsLeft(startedAt: number, limitSeconds: number, now: number): number {
	return limitSeconds - Math.floor((now - startedAt) / 1000);
}

/**
 * Requests in the queue as phones and screens are sent it: the first ones (one request per
 * participant, but a hall can be large); staff see it whole. The length is sent beside it.
 */
export const FLOOR_SHOWN = 50;

/** The name a request for the floor carries when the phone gave none (the record says it in its own language). */
export const UNNAMED_SPEAKER = 'Unnamed attendee';
