import type { Choice, ConsensusStance, PollSpec, Tally } from './types';

type ConsensusChoice = Extract<Choice, { kind: 'consensus' }>;
type ConsensusTally = Extract<Tally, { kind: 'consensus' }>;

/** Shown beside the result, so the room reads the same rule the code applies. */
export const SUPPORT_RULE =
	'Support holds in a group when at least two thirds of its ballots support the proposal or can live with it.';

/** Ballots per stance; reasons are not counted, they are read. */
export function tallyConsensus(spec: PollSpec, choices: ConsensusChoice[]): ConsensusTally {
	const counts: Record<ConsensusStance, number> = { support: 0, live_with: 0, object: 0 };
	for (const { stance } of choices) {
		if (Object.hasOwn(counts, stance)) counts[stance]++;
	}
	return { kind: 'consensus', counts };
}

/** SUPPORT_RULE, in integers so that exactly two thirds holds. A group without ballots holds nothing. */
export function supportHolds(counts: Record<ConsensusStance, number>): boolean {
	const total = counts.support + counts.live_with + counts.object;
	return total > 0 && 3 * (counts.support + counts.live_with) >= 2 * total;
}
