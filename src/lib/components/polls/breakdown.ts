import {
	PARTICIPATION_MODES,
	STAKEHOLDER_GROUPS,
	type ParticipationMode,
	type StakeholderGroup
} from '$lib/domain/meeting';
import type { PollOption, PollResults, Tally } from '$lib/domain/polls/types';
import type { Translator } from '$lib/i18n/translator.svelte';

/** The words of a breakdown, shared by the console's tables and the projector's rows. */
type T = Translator['t'];

const isGroup = (group: string): group is StakeholderGroup =>
	(STAKEHOLDER_GROUPS as readonly string[]).includes(group);
const isMode = (group: string): group is ParticipationMode =>
	(PARTICIPATION_MODES as readonly string[]).includes(group);

export function groupLabel(t: T, group: string): string {
	if (group === 'unspecified') return t('common.group.unspecified');
	if (isGroup(group)) return t(`common.group.${group}`);
	return isMode(group) ? t(`common.mode.${group}`) : group;
}

/** One group's result in a line: what leads, or the stances, or how many entries. */
export function groupSummary(t: T, tally: Tally, options: readonly PollOption[]): string {
	const labelOf = (id: string) => options.find((option) => option.id === id)?.label ?? id;
	switch (tally.kind) {
		case 'single':
		case 'multiple': {
			const best = [...tally.counts].sort((a, b) => b.count - a.count)[0];
			return best ? t('polls.breakdown.leads', { option: labelOf(best.optionId), count: best.count }) : '';
		}
		case 'ranking': {
			const best = [...tally.points].sort((a, b) => b.points - a.points)[0];
			return best
				? t('polls.breakdown.leads-points', { option: labelOf(best.optionId), count: best.points })
				: '';
		}
		case 'consensus':
			return t('polls.breakdown.stances', {
				support: tally.counts.support,
				liveWith: tally.counts.live_with,
				object: tally.counts.object
			});
		default:
			return t('polls.breakdown.entries', { count: tally.entries.length });
	}
}

/**
 * Whether support holds across the groups, saying only what is known: when some groups had too
 * few ballots to show, the verdict is about the groups shown and says how many were not.
 */
export function breakdownVerdict(t: T, results: PollResults): string {
	const consensus = results.consensus;
	if (!consensus) return '';
	const withheld = results.byGroup.filter((row) => row.suppressed || !row.tally).length;
	if (withheld === 0)
		return t(
			consensus.holdsEverywhere ? 'polls.breakdown.holds-everywhere' : 'polls.breakdown.fails-somewhere'
		);
	return t(consensus.holdsEverywhere ? 'polls.breakdown.holds-in-shown' : 'polls.breakdown.fails-in-shown', {
		shown: consensus.groups.length,
		withheld
	});
}
