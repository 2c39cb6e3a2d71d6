import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import { onRestored, processId } from '../cluster';
import { deliver, publish, relayEvents, subscribe, type AppEvent } from '../events';
import { livePolls } from '../polls/live';
import { forgetProfiles } from '../participants';
import { presence } from '../presence';
import type { PlenaryServer } from './hub';

/** How often a process reports its connections to the others, changed or not. */
const REPORT_EVERY_MS = 4_000;
/** Reports of one meeting's changes are sent this often at most (a storm of joins is a few). */
const REPORT_AT_MOST_MS = 250;

/** The Socket.IO adapter of a deployment's processes, over Redis Streams. */
export function clusterAdapter(redis: Redis) {
	return createAdapter(redis, { streamName: 'plenary:socket.io', maxLen: 100_000 });
}

/**
 * Joins this process to the deployment's others: every event published here goes to them through
 * the adapter (in the order it was published), every event of theirs is delivered here; each
 * process tells the others what it counts of each meeting's connections.
 */
export function joinCluster(io: PlenaryServer): void {
	relayEvents((event) => io.serverSideEmit('plenary:event', event));
	io.on('plenary:event', (event: AppEvent) => deliver(revived(event)));

	subscribe('presence.reported', ({ meetingId, process, counts, whileOpen }) => {
		if (process === processId) return;
		presence.reported(meetingId, process, { counts, whileOpen });
		deliver({ name: 'presence.changed', meetingId });
	});
	const pending = new Map<string, ReturnType<typeof setTimeout>>();
	const report = (meetingId: string) => {
		pending.delete(meetingId);
		publish({ name: 'presence.reported', meetingId, process: processId, ...presence.report(meetingId) });
	};
	subscribe('presence.changed', ({ meetingId }) => {
		if (!pending.has(meetingId))
			pending.set(
				meetingId,
				setTimeout(() => report(meetingId), REPORT_AT_MOST_MS)
			);
	});
	const reported = new Set<string>();
	setInterval(() => {
		// A meeting this process no longer has connections of is reported empty once, then no more.
		const now = new Set(presence.meetings());
		for (const meetingId of new Set([...now, ...reported])) report(meetingId);
		reported.clear();
		for (const meetingId of now) reported.add(meetingId);
	}, REPORT_EVERY_MS).unref();

	onRestored(() => {
		// What was published while Redis was away did not reach this process: every meeting it
		// serves is read again and sent whole to its connections.
		forgetProfiles();
		const served = new Set([...io.sockets.sockets.values()].map((socket) => socket.data.meetingId));
		for (const meetingId of served) void resend(meetingId);
	});
}

async function resend(meetingId: string): Promise<void> {
	livePolls.forget(meetingId);
	deliver({ name: 'meeting.changed', meetingId });
	deliver({ name: 'presence.changed', meetingId });
	for (const { poll } of await livePolls.list(meetingId))
		deliver({ name: 'results.changed', meetingId, pollId: poll.id });
}

/** An event as it left its process: times travel as text. */
function revived(event: AppEvent): AppEvent {
	if (event.name === 'agenda.moved') return { ...event, at: new Date(event.at) };
	return event;
}
