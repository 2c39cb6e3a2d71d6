import { stepAt } from '$lib/domain/agenda';
import type { FloorState, MeetingSnapshot } from '$lib/realtime/protocol';

/** What a phone user should hear about when it changes: the step on screen, open polls, their turn. */
export interface Seen {
	onScreen: string;
	/** Questions of the open polls, by poll id. */
	openPolls: Record<string, string>;
	myTurn: boolean;
}

/** The parts of a snapshot that are announced. */
export type Watched = Pick<MeetingSnapshot, 'agenda' | 'position' | 'polls'> & {
	floor: Pick<FloorState, 'speaking' | 'mine'>;
};

export interface Announcements {
	/** Read when the screen reader is free. */
	polite: string[];
	/** Read at once: only the phone user's own turn to speak. */
	urgent: string | null;
}

function onScreen(snapshot: Watched): string {
	const { agenda, position } = snapshot;
	const item = agenda[position.item];
	const step = stepAt(agenda, position);
	if (!item || !step) return '';
	if (step.kind === 'card') {
		return `Now: ${item.title}, card ${step.number} of ${step.of}: ${step.card.title}`;
	}
	if (step.kind === 'focus') return `Now: ${item.title}: ${step.focus.title}`;
	return `Now: item ${position.item + 1} of ${agenda.length}, ${item.title}`;
}

export function seenIn(snapshot: Watched): Seen {
	const { floor } = snapshot;
	return {
		onScreen: onScreen(snapshot),
		openPolls: Object.fromEntries(
			snapshot.polls.filter((poll) => poll.status === 'open').map((poll) => [poll.id, poll.question])
		),
		myTurn: !!floor.mine && floor.speaking?.id === floor.mine
	};
}

/** The changes worth saying out loud between two views of the meeting. */
export function announcementsBetween(before: Seen, now: Seen): Announcements {
	const polite: string[] = [];
	if (now.onScreen && now.onScreen !== before.onScreen) polite.push(now.onScreen);
	for (const [id, question] of Object.entries(now.openPolls)) {
		if (!(id in before.openPolls)) polite.push(`Poll open: ${question}`);
	}
	return { polite, urgent: now.myTurn && !before.myTurn ? 'It is your turn to speak.' : null };
}
