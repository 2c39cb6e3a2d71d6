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
	/** Each poll's tally once loaded; `#loading` holds those being read from the database. */
	#tallies = new Map<string, LiveTally>();
	#loading = new Map<string, Promise<LiveTally>>();

	constructor() {
		subscribe('polls.changed', ({ meetingId }) => this.#lists.delete(meetingId));
		subscribe('meeting.changed', ({ meetingId }) => this.#lists.delete(meetingId));
		subscribe('ballot.cast', ({ meetingId, pollId, participantId, ballot }) =>
			this.#change(meetingId, pollId, (tally) => tally.cast(participantId, ballot))
		);
		subscribe('text.moderated', ({ meetingId, pollId, key, status }) =>
			this.#change(meetingId, pollId, (tally) => tally.moderate(key, status))
		);
	}

	/** Reads a meeting's polls and tallies again at their next use (they may have missed changes). */
	forget(meetingId: string): void {
		for (const { poll } of this.#lists.get(meetingId) ?? []) this.#tallies.delete(poll.id);
		this.#lists.delete(meetingId);
	}

	/** A meeting's polls as last committed. */
	async list(meetingId: string): Promise<PollRecord[]> {
		let list = this.#lists.get(meetingId);
		if (!list) {
			list = await loadPolls(meetingId);
			// The readers below count from the tallies: every poll's is loaded with the list.
			await Promise.all(list.map(({ poll }) => this.#tallyOf(poll.id)));
			this.#lists.set(meetingId, list);
		}
		return list;
	}

	async find(meetingId: string, pollId: string): Promise<PollRecord | undefined> {
		return (await this.list(meetingId)).find((record) => record.poll.id === pollId);
	}

	async infos(meetingId: string): Promise<PollInfo[]> {
		return (await this.list(meetingId)).map((record) => pollInfo(record, this.count(record.poll.id)));
	}

	count(pollId: string): number {
		return this.#loaded(pollId).count;
	}

	/**
	 * A poll's results counted from its rows, inside a command's transaction: what a poll closes
	 * with. The live tally hears a ballot only once its burst's commit is published, which a close
	 * committed just after may come before.
	 */
	async committedResults({ poll, spec }: PollRecord): Promise<PollResults> {
		return tallyPoll(spec, await loadBallots(poll.id), await loadModeration(poll.id));
	}

	results({ poll, spec }: PollRecord): PollResults {
		return this.#loaded(poll.id).results(spec);
	}

	/** Every distinct text of an open-text or word-cloud poll with the moderator's decision. */
	texts({ poll }: PollRecord): ModeratedText[] {
		if (poll.kind !== 'open_text' && poll.kind !== 'word_cloud') return [];
		const tally = this.#loaded(poll.id);
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
	async shownTo(meetingId: string, audience: Audience): Promise<Record<string, PollResultsUpdate>> {
		const shown = (await this.list(meetingId)).filter(
			({ poll }) => poll.status !== 'draft' && (audience.role === 'moderator' || poll.resultsVisible)
		);
		return Object.fromEntries(shown.map((record) => [record.poll.id, this.resultsFor(record, audience)]));
	}

	/**
	 * A committed change, applied to the poll's tally: at once when it is loaded, else once it is
	 * (changes are applied in the order they came, after what the load read; a ballot replaces the
	 * participant's own, so one the load already read is counted once).
	 */
	#change(meetingId: string, pollId: string, apply: (tally: LiveTally) => void): void {
		const changed = (tally: LiveTally) => {
			apply(tally);
			publish({ name: 'results.changed', meetingId, pollId });
		};
		const tally = this.#tallies.get(pollId);
		if (tally) changed(tally);
		else void this.#tallyOf(pollId).then(changed);
	}

	#tallyOf(pollId: string): Promise<LiveTally> {
		const tally = this.#tallies.get(pollId);
		if (tally) return Promise.resolve(tally);
		let loading = this.#loading.get(pollId);
		if (!loading) {
			loading = (async () => {
				const ballots = (await loadBallots(pollId)).map(
					({ participantId, ...ballot }) => [participantId, ballot] as const
				);
				const loaded = new LiveTally(new Map(ballots), await loadModeration(pollId));
				this.#tallies.set(pollId, loaded);
				this.#loading.delete(pollId);
				return loaded;
			})();
			this.#loading.set(pollId, loading);
		}
		return loading;
	}

	/** A poll's tally, loaded with its meeting's list (which every reader has asked for first). */
	#loaded(pollId: string): LiveTally {
		const tally = this.#tallies.get(pollId);
		if (!tally) throw new Error(`The tally of poll ${pollId} is read before it was loaded.`);
		return tally;
	}
}

export const livePolls = new LivePolls();
