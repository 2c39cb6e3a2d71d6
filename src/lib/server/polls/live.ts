import type { PollResults } from '$lib/domain/polls/types';
import { groupTexts } from '$lib/domain/polls/textEntries';
import { LiveTally } from '$lib/domain/polls/liveTally';
import { tallyPoll } from '$lib/domain/polls/tally';
import { overallOnly, resultsForRoom } from '$lib/domain/polls/disclosure';
import type { ClientRole, ModeratedText, PollInfo, PollResultsUpdate } from '$lib/realtime/protocol';
import { publish, subscribe } from '../events';
import { loadBallots, loadModeration, loadPolls, pollInfo, type PollRecord } from './store';

/** Who a snapshot or a results update is for: moderators see every result and every text. */
export interface Audience {
	role: ClientRole | 'public';
	participantId: string | null;
}

/**
 * The polls in use and their ballots, kept in memory beside the database so that a results tick
 * tallies without reading thousands of rows (and counts a poll once per change, not per reader),
 * and what each audience may see of them. Every entry here was committed first: it follows the
 * application's events, not the handlers.
 */
class LivePolls {
	#lists = new Map<string, PollRecord[]>();
	#tallies = new Map<string, LiveTally>();

	constructor() {
		subscribe('polls.changed', ({ meetingId }) => this.#lists.delete(meetingId));
		subscribe('meeting.changed', ({ meetingId }) => this.#lists.delete(meetingId));
		subscribe('ballot.cast', ({ meetingId, pollId, participantId, ballot }) => {
			this.#tallyOf(pollId).cast(participantId, ballot);
			publish({ name: 'results.changed', meetingId, pollId });
		});
		subscribe('text.moderated', ({ meetingId, pollId, key, status }) => {
			this.#tallyOf(pollId).moderate(key, status);
			publish({ name: 'results.changed', meetingId, pollId });
		});
	}

	/** A meeting's polls as last committed. */
	list(meetingId: string): PollRecord[] {
		let list = this.#lists.get(meetingId);
		if (!list) {
			list = loadPolls(meetingId);
			this.#lists.set(meetingId, list);
		}
		return list;
	}

	find(meetingId: string, pollId: string): PollRecord | undefined {
		return this.list(meetingId).find((record) => record.poll.id === pollId);
	}

	infos(meetingId: string): PollInfo[] {
		return this.list(meetingId).map((record) => pollInfo(record, this.count(record.poll.id)));
	}

	count(pollId: string): number {
		return this.#tallyOf(pollId).count;
	}

	/**
	 * A poll's results counted from its rows, inside a command's transaction: what a poll closes
	 * with. The live tally hears a ballot only once its burst's commit is published, which a close
	 * committed just after may come before.
	 */
	committedResults({ poll, spec }: PollRecord): PollResults {
		return tallyPoll(spec, loadBallots(poll.id), loadModeration(poll.id));
	}

	results({ poll, spec }: PollRecord): PollResults {
		return this.#tallyOf(poll.id).results(spec);
	}

	/** Every distinct text of an open-text or word-cloud poll with the moderator's decision. */
	texts({ poll }: PollRecord): ModeratedText[] {
		if (poll.kind !== 'open_text' && poll.kind !== 'word_cloud') return [];
		const tally = this.#tallyOf(poll.id);
		const texts = [...tally.ballots()].flatMap(({ choice }) =>
			choice.kind === 'open_text' ? [choice.text] : choice.kind === 'word_cloud' ? choice.phrases : []
		);
		return groupTexts(texts).map((entry) => ({
			...entry,
			status: tally.moderation.get(entry.key) ?? 'pending'
		}));
	}

	/**
	 * What an audience may see of a poll's results: staff everything, live; the room only what is
	 * shown, and of that what `resultsForRoom` allows (phones the overall bars only).
	 */
	resultsFor(record: PollRecord, audience: Audience): PollResultsUpdate {
		const { poll } = record;
		const ballots = this.count(poll.id);
		if (audience.role === 'moderator') {
			return { pollId: poll.id, ballots, results: this.results(record), texts: this.texts(record) };
		}
		if (!poll.resultsVisible) return { pollId: poll.id, ballots, results: null };
		// Leaving the breakdowns out makes the update a hall of phones receives a fraction of the size.
		if (audience.role === 'attendee')
			return { pollId: poll.id, ballots, results: overallOnly(this.results(record)) };
		return {
			pollId: poll.id,
			ballots,
			results: resultsForRoom(this.results(record), poll.status, poll.reopened)
		};
	}

	/** The results a snapshot carries: polls that started, and for the room only those shown. */
	shownTo(meetingId: string, audience: Audience): Record<string, PollResultsUpdate> {
		const shown = this.list(meetingId).filter(
			({ poll }) => poll.status !== 'draft' && (audience.role === 'moderator' || poll.resultsVisible)
		);
		return Object.fromEntries(shown.map((record) => [record.poll.id, this.resultsFor(record, audience)]));
	}

	#tallyOf(pollId: string): LiveTally {
		let tally = this.#tallies.get(pollId);
		if (!tally) {
			const ballots = loadBallots(pollId).map(
				({ participantId, ...ballot }) => [participantId, ballot] as const
			);
			tally = new LiveTally(new Map(ballots), loadModeration(pollId));
			this.#tallies.set(pollId, tally);
		}
		return tally;
	}
}

export const livePolls = new LivePolls();
