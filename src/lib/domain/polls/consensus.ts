import type { ConsensusStance, Tally } from './types';

type ConsensusChoice = { stance: ConsensusStance };

export const SUPPORT_RULE =
	'Support holds in a group when at least two thirds of its ballots support the proposal or can live with it.';

export function tallyConsensus(choices: ConsensusChoice[]): Tally {
	const counts: Record<ConsensusStance, number> = { support: 0, live_with: 0, object: 0 };
	for (const { stance } of choices) counts[stance]++;
	return { kind: 'consensus', counts };
}

/** Rough consensus in one group: see SUPPORT_RULE. A group with no ballots holds nothing. */
export function supportHolds(counts: Record<ConsensusStance, number>): boolean {
	const total = counts.support + counts.live_with + counts.object;
	return total > 0 && 3 * (counts.support + counts.live_with) >= 2 * total;
}
