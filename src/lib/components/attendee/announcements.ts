import { stepAt } from '$lib/domain/agenda';
import type { MessageId, MessageValues } from '$lib/i18n/messages';
import type { FloorState, MeetingSnapshot } from '$lib/realtime/protocol';

/** A translator's `t`, as `translator()` gives it. */
export type Translate = (id: MessageId, values?: MessageValues) => string;

/** A sentence still to be put in the reader's language. */
interface Sentence {
	id: MessageId;
	values: MessageValues;
}

/** What a phone user should hear about when it changes: the step on screen, open polls, their turn. */
export interface Seen {
	/** What is on screen, as a sentence; `null` before the session starts. */
	onScreen: Sentence | null;
	/** Questions of the open polls, by poll id. */
	openPolls: Record<string, string>;
	myTurn: boolean;
}

/** The parts of a snapshot that are announced. */
export type Watched = Pick<MeetingSnapshot, 'agenda' | 'position' | 'polls'> & {
	floor: Pick<FloorState, 'speaking' | 'mine'>;
};

export interface Announcements {
	/** Read when the screen reader is free, one sentence each. */
	polite: string[];
	/** Read at once: only the phone user's own turn to speak. */
	urgent: string | null;
}

function onScreen(snapshot: Watched): Sentence | null {
	const { agenda, position } = snapshot;
	const item = agenda[position.item];
	const step = stepAt(agenda, position);
	if (!item || !step) return null;
	if (step.kind === 'card') {
		return {
			id: 'attendee.announce.card',
			values: { item: item.title, number: step.number, count: step.of, card: step.card.title }
		};
	}
	if (step.kind === 'focus') {
		return { id: 'attendee.announce.focus', values: { item: item.title, focus: step.focus.title } };
	}
	return {
		id: 'attendee.announce.item',
		values: { number: position.item + 1, count: agenda.length, title: item.title }
	};
}

const sameSentence = (a: Sentence | null, b: Sentence | null) => JSON.stringify(a) === JSON.stringify(b);

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

/**
 * The changes worth saying out loud between two views of the meeting, in the reader's language.
 * A change of language alone is not news: what is seen is compared before it is put into words.
 */
export function announcementsBetween(before: Seen, now: Seen, t: Translate): Announcements {
	const polite: string[] = [];
	if (now.onScreen && !sameSentence(now.onScreen, before.onScreen)) {
		polite.push(t(now.onScreen.id, now.onScreen.values));
	}
	for (const [id, question] of Object.entries(now.openPolls)) {
		if (!(id in before.openPolls)) polite.push(t('attendee.announce.poll', { question }));
	}
	return { polite, urgent: now.myTurn && !before.myTurn ? t('attendee.announce.turn') : null };
}
