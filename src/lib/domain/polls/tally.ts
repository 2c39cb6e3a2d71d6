import { PARTICIPATION_MODES, STAKEHOLDER_GROUPS } from '../meeting';
import { SUPPORT_RULE, supportHolds, tallyConsensus } from './consensus';
import { tallyMultiple } from './multiple';
import { tallyOpenText } from './openText';
import { tallyRanking } from './ranking';
import { tallySingle } from './single';
import type { Moderation } from './texts';
import { tallyWordCloud } from './wordCloud';
import {
	MIN_GROUP_SIZE,
	type Choice,
	type CountedBallot,
	type GroupResult,
	type PollResults,
	type PollSpec,
	type Tally
} from './types';

type ChoiceOf<K extends Choice['kind']> = Extract<Choice, { kind: K }>;

function ofKind<K extends Choice['kind']>(choices: Choice[], kind: K): ChoiceOf<K>[] {
	return choices.filter((choice): choice is ChoiceOf<K> => choice.kind === kind);
}

/** The overall tally of a set of choices, by the poll's kind; choices of another kind are ignored. */
export function tallyChoices(spec: PollSpec, choices: Choice[], moderation: Moderation): Tally {
	switch (spec.kind) {
		case 'single':
			return tallySingle(spec, ofKind(choices, 'single'));
		case 'multiple':
			return tallyMultiple(spec, ofKind(choices, 'multiple'));
		case 'ranking':
			return tallyRanking(spec, ofKind(choices, 'ranking'));
		case 'consensus':
			return tallyConsensus(ofKind(choices, 'consensus'));
		case 'open_text':
			return tallyOpenText(ofKind(choices, 'open_text'), moderation);
		case 'word_cloud':
			return tallyWordCloud(ofKind(choices, 'word_cloud'), moderation);
	}
}

function breakdown<G extends string>(
	order: readonly G[],
	groupOf: (ballot: CountedBallot) => G,
	ballots: CountedBallot[],
	tallyOf: (choices: Choice[]) => Tally
): GroupResult<G>[] {
	const groups = new Map<G, Choice[]>();
	for (const ballot of ballots) {
		const group = groupOf(ballot);
		groups.set(group, [...(groups.get(group) ?? []), ballot.choice]);
	}
	return order
		.filter((group) => groups.has(group))
		.map((group) => {
			const choices = groups.get(group)!;
			const suppressed = choices.length < MIN_GROUP_SIZE;
			return { group, ballots: choices.length, suppressed, tally: suppressed ? null : tallyOf(choices) };
		});
}

/**
 * Everything the room may learn from a poll: the overall tally, the tallies per stakeholder
 * group and per in room / remote (small groups withheld), and for a consensus check whether
 * support holds in each group shown.
 */
export function tallyPoll(
	spec: PollSpec,
	ballots: CountedBallot[],
	moderation: Moderation = new Map()
): PollResults {
	const counted = ballots.filter((ballot) => ballot.choice.kind === spec.kind);
	const tallyOf = (choices: Choice[]) => tallyChoices(spec, choices, moderation);
	const byGroup = breakdown(
		[...STAKEHOLDER_GROUPS, 'unspecified'] as const,
		(b) => b.group ?? 'unspecified',
		counted,
		tallyOf
	);
	const byMode = breakdown(
		[...PARTICIPATION_MODES, 'unspecified'] as const,
		(b) => b.mode ?? 'unspecified',
		counted,
		tallyOf
	);
	let consensus: PollResults['consensus'] = null;
	if (spec.kind === 'consensus') {
		const groups = byGroup
			.filter((group) => group.tally?.kind === 'consensus')
			.map((group) => ({
				group: group.group,
				holds: group.tally?.kind === 'consensus' && supportHolds(group.tally.counts)
			}));
		consensus = {
			rule: SUPPORT_RULE,
			groups,
			holdsEverywhere: groups.length > 0 && groups.every((g) => g.holds)
		};
	}
	return {
		ballots: counted.length,
		overall: tallyOf(counted.map((ballot) => ballot.choice)),
		byGroup,
		byMode,
		consensus
	};
}
