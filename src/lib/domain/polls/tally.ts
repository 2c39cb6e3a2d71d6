import { PARTICIPATION_MODES, STAKEHOLDER_GROUPS, type StakeholderGroup } from '../meeting';
import { SUPPORT_RULE, supportHolds, tallyConsensus } from './consensus';
import { tallyMultiple } from './multiple';
import { tallyOpenText } from './openText';
import { tallyRanking } from './ranking';
import { tallySingle } from './single';
import type { Moderation } from './textEntries';
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

/** The tally of a set of choices by the poll's kind; choices of another kind are ignored. */
export function tallyChoices(spec: PollSpec, choices: Choice[], moderation: Moderation): Tally {
	switch (spec.kind) {
		case 'single':
			return tallySingle(spec, ofKind(choices, 'single'));
		case 'multiple':
			return tallyMultiple(spec, ofKind(choices, 'multiple'));
		case 'ranking':
			return tallyRanking(spec, ofKind(choices, 'ranking'));
		case 'consensus':
			return tallyConsensus(spec, ofKind(choices, 'consensus'));
		case 'open_text':
			return tallyOpenText(spec, ofKind(choices, 'open_text'), moderation);
		case 'word_cloud':
			return tallyWordCloud(spec, ofKind(choices, 'word_cloud'), moderation);
	}
}

/**
 * Which groups of a breakdown to withhold, from their ballot counts in order. Withholding a small
 * group is not enough: the overall tally minus the groups shown is the withheld groups' tally
 * together, so while that is one group alone or under MIN_GROUP_SIZE ballots, the smallest group
 * shown (the later of equals) is withheld too.
 */
function withheldGroups(sizes: readonly number[]): boolean[] {
	const withheld = sizes.map((size) => size < MIN_GROUP_SIZE);
	const inferable = () => {
		const hidden = sizes.filter((_, i) => withheld[i]);
		const total = hidden.reduce((sum, size) => sum + size, 0);
		return hidden.length === 1 || (hidden.length > 1 && total < MIN_GROUP_SIZE);
	};
	while (inferable()) {
		let smallest = -1;
		sizes.forEach((size, i) => {
			if (!withheld[i] && (smallest === -1 || size <= sizes[smallest])) smallest = i;
		});
		if (smallest === -1) break;
		withheld[smallest] = true;
	}
	return withheld;
}

/** Groups in the given order, only those with ballots; a withheld group shows its size, not its tally. */
function breakdown<G extends string>(
	order: readonly G[],
	groupOf: (ballot: CountedBallot) => G,
	ballots: CountedBallot[],
	tallyOf: (choices: Choice[]) => Tally
): GroupResult<G>[] {
	const choicesOf = new Map<G, Choice[]>(order.map((group) => [group, []]));
	for (const ballot of ballots) choicesOf.get(groupOf(ballot))?.push(ballot.choice);
	const present = order.flatMap((group) => {
		const choices = choicesOf.get(group) ?? [];
		return choices.length > 0 ? [{ group, choices }] : [];
	});
	const withheld = withheldGroups(present.map(({ choices }) => choices.length));
	return present.map(({ group, choices }, i) => ({
		group,
		ballots: choices.length,
		suppressed: withheld[i],
		tally: withheld[i] ? null : tallyOf(choices)
	}));
}

/** Whether support holds in each stakeholder group shown; a withheld group is not judged. */
function consensusAcross(
	byGroup: GroupResult<StakeholderGroup | 'unspecified'>[]
): NonNullable<PollResults['consensus']> {
	const groups = byGroup.flatMap(({ group, tally }) =>
		tally?.kind === 'consensus' ? [{ group, holds: supportHolds(tally.counts) }] : []
	);
	return {
		rule: SUPPORT_RULE,
		groups,
		holdsEverywhere: groups.length > 0 && groups.every((g) => g.holds)
	};
}

/**
 * Everything staff may learn from a poll: the overall tally, the tallies per stakeholder group and
 * per in room / remote (small groups, and any that would give them away, withheld), and for a
 * consensus check whether support holds in each group shown. Free text is not broken down. What
 * the room may see of it, and when, is `resultsForRoom`'s to say. Ballots of another kind are skipped.
 */
export function tallyPoll(
	spec: PollSpec,
	ballots: CountedBallot[],
	moderation: Moderation = new Map()
): PollResults {
	const counted = ballots.filter((ballot) => ballot.choice.kind === spec.kind);
	const tallyOf = (choices: Choice[]) => tallyChoices(spec, choices, moderation);
	// Free text is never broken down: a rare phrase beside a small group could name its writer.
	const textual = spec.kind === 'open_text' || spec.kind === 'word_cloud';
	const broken = textual ? [] : counted;
	const byGroup = breakdown(
		[...STAKEHOLDER_GROUPS, 'unspecified'] as const,
		(ballot) => ballot.group ?? 'unspecified',
		broken,
		tallyOf
	);
	const byMode = breakdown(
		[...PARTICIPATION_MODES, 'unspecified'] as const,
		(ballot) => ballot.mode ?? 'unspecified',
		broken,
		tallyOf
	);
	return {
		ballots: counted.length,
		overall: tallyOf(counted.map((ballot) => ballot.choice)),
		byGroup,
		byMode,
		consensus: spec.kind === 'consensus' ? consensusAcross(byGroup) : null
	};
}
