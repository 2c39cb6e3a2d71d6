import { and, count, eq, gt } from 'drizzle-orm';
import { moreBallotsThanPhones } from '$lib/domain/turnout';
import type { PollTurnout, TurnoutWatch } from '$lib/realtime/protocol';
import { db, first } from './db';
import { participants } from './db/schema';
import { subscribe } from './events';
import { livePolls } from './polls/live';
import { presence } from './presence';

const NEW_PHONES_WINDOW_MS = 60_000;
/** A poll is followed from the event its opening publishes, a few milliseconds after it opened. */
const JUST_OPENED_MS = 5_000;

/**
 * What would reveal ballot stuffing, for the console: ballots against the phones connected now
 * and while each poll was open (kept by `presence`), and the phones new in the last minute.
 * Presence learns which polls are open from here, on every change of the polls and, after a
 * restart, when a meeting's first phone connects.
 */
class Turnout {
	#followed = new Set<string>();
	/** Polls this process counted from their first opening: their count of phones is complete. */
	#countedFromStart = new Set<string>();

	constructor() {
		subscribe('polls.changed', ({ meetingId }) => this.#followOpenPolls(meetingId));
	}

	/** Called before an attendee arrives, so that a poll open before this process started counts them. */
	async follow(meetingId: string): Promise<void> {
		if (!this.#followed.has(meetingId)) await this.#followOpenPolls(meetingId);
	}

	async of(meetingId: string, now = Date.now()): Promise<TurnoutWatch> {
		await this.follow(meetingId);
		const connected = presence.counts(meetingId).connected;
		const polls = (await livePolls.list(meetingId)).flatMap(({ poll }): PollTurnout[] => {
			if (poll.status === 'draft') return [];
			const ballots = livePolls.count(poll.id);
			const whileOpen = this.#countedFromStart.has(poll.id) ? presence.connectedWhileOpen(poll.id) : null;
			const alarm = moreBallotsThanPhones(ballots, whileOpen);
			if (poll.status !== 'open' && !alarm) return [];
			return [
				{
					pollId: poll.id,
					question: poll.question,
					status: poll.status,
					ballots,
					connectedWhileOpen: whileOpen,
					moreThanConnectedNow: moreBallotsThanPhones(ballots, connected),
					moreThanConnectedWhileOpen: alarm
				}
			];
		});
		return { connected, newLastMinute: await newPhones(meetingId, now), polls };
	}

	async #followOpenPolls(meetingId: string, now = Date.now()): Promise<void> {
		this.#followed.add(meetingId);
		const open = (await livePolls.list(meetingId)).filter(({ poll }) => poll.status === 'open');
		for (const { poll } of open) {
			// Counted from the start: first seen open here just as it opened, and never open before.
			const justOpened = poll.openedAt !== null && now - poll.openedAt.getTime() < JUST_OPENED_MS;
			if (!presence.follows(poll.id) && justOpened && !poll.reopened) this.#countedFromStart.add(poll.id);
		}
		presence.pollsOpen(
			meetingId,
			open.map(({ poll }) => poll.id)
		);
	}
}

/** Participants who joined the meeting in the last minute. */
async function newPhones(meetingId: string, now: number): Promise<number> {
	const since = new Date(now - NEW_PHONES_WINDOW_MS);
	const row = await first(
		db()
			.select({ n: count() })
			.from(participants)
			.where(and(eq(participants.meetingId, meetingId), gt(participants.createdAt, since)))
	);
	return row?.n ?? 0;
}

export const turnout = new Turnout();
