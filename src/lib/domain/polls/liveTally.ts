import { tallyPoll } from './tally';
import type { Moderation } from './textEntries';
import type { CountedBallot, PollResults, PollSpec, TextDecision } from './types';

/**
 * A poll's ballots (the last of each participant) and text decisions as they are committed, with
 * its results counted once per change rather than once per reader: a vote burst is read by every
 * audience on every update, and by each phone that reconnects. `tallyPoll` stays the definition.
 */
export class LiveTally {
	#ballots: Map<string, CountedBallot>;
	#moderation: Map<string, TextDecision>;
	#counted: { spec: PollSpec; results: PollResults } | null = null;

	constructor(ballots: Map<string, CountedBallot>, moderation: Map<string, TextDecision>) {
		this.#ballots = ballots;
		this.#moderation = moderation;
	}

	/** A participant's ballot, replacing the one they cast before. */
	cast(participantId: string, ballot: CountedBallot): void {
		this.#ballots.set(participantId, ballot);
		this.#counted = null;
	}

	moderate(key: string, status: TextDecision): void {
		this.#moderation.set(key, status);
		this.#counted = null;
	}

	get count(): number {
		return this.#ballots.size;
	}

	ballots(): Iterable<CountedBallot> {
		return this.#ballots.values();
	}

	get moderation(): Moderation {
		return this.#moderation;
	}

	/** The results as `tallyPoll` counts them; shared between readers, who must not change them. */
	results(spec: PollSpec): PollResults {
		if (this.#counted?.spec !== spec)
			this.#counted = { spec, results: tallyPoll(spec, [...this.#ballots.values()], this.#moderation) };
		return this.#counted.results;
	}
}
