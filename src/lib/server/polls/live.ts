import type { CountedBallot, PollResults, TextDecision } from '$lib/domain/polls/types';
import { groupTexts } from '$lib/domain/polls/textEntries';
import { tallyPoll } from '$lib/domain/polls/tally';
import type { ModeratedText } from '$lib/realtime/protocol';
import { loadBallots, loadModeration, type PollRecord } from './store';

/**
 * Ballots of the polls in use, kept in memory beside the database so that a results tick
 * tallies without reading thousands of rows. Every entry here was committed first.
 */
class LiveTallies {
	#ballots = new Map<string, Map<string, CountedBallot>>();
	#moderation = new Map<string, Map<string, TextDecision>>();

	#ballotsOf(pollId: string): Map<string, CountedBallot> {
		let map = this.#ballots.get(pollId);
		if (!map) {
			map = new Map(loadBallots(pollId).map(({ participantId, ...ballot }) => [participantId, ballot]));
			this.#ballots.set(pollId, map);
		}
		return map;
	}

	#moderationOf(pollId: string): Map<string, TextDecision> {
		let map = this.#moderation.get(pollId);
		if (!map) {
			map = loadModeration(pollId);
			this.#moderation.set(pollId, map);
		}
		return map;
	}

	record(pollId: string, participantId: string, ballot: CountedBallot): void {
		this.#ballotsOf(pollId).set(participantId, ballot);
	}

	moderate(pollId: string, key: string, status: TextDecision): void {
		this.#moderationOf(pollId).set(key, status);
	}

	count(pollId: string): number {
		return this.#ballotsOf(pollId).size;
	}

	results({ poll, spec }: PollRecord): PollResults {
		return tallyPoll(spec, [...this.#ballotsOf(poll.id).values()], this.#moderationOf(poll.id));
	}

	/** Every distinct text of an open-text or word-cloud poll with the moderator's decision. */
	texts({ poll }: PollRecord): ModeratedText[] {
		if (poll.kind !== 'open_text' && poll.kind !== 'word_cloud') return [];
		const moderation = this.#moderationOf(poll.id);
		const texts = [...this.#ballotsOf(poll.id).values()].flatMap(({ choice }) =>
			choice.kind === 'open_text' ? [choice.text] : choice.kind === 'word_cloud' ? choice.phrases : []
		);
		return groupTexts(texts).map((entry) => ({ ...entry, status: moderation.get(entry.key) ?? 'pending' }));
	}
}

export const liveTallies = new LiveTallies();
