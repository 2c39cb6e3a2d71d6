import { STANCE_LABELS } from './labels';
import { CONSENSUS_STANCES, type PollOption, type Tally } from './types';

/** One line of a tally as people read it: what was chosen and how much it got. */
export interface TallyRow {
	/** The option id, the consensus stance, or the normalised text. */
	id: string;
	label: string;
	value: number;
	/** ranking only: ballots that put this option first. */
	firstPreferences?: number;
}

/** The unit of a tally's values: votes, Borda points, or the ballots that gave a text. */
export function tallyUnit(tally: Tally): 'votes' | 'points' | 'ballots' {
	if (tally.kind === 'ranking') return 'points';
	if (tally.kind === 'open_text' || tally.kind === 'word_cloud') return 'ballots';
	return 'votes';
}

/** The rows of a tally in the poll's own order (options, stances, or texts as grouped). */
export function tallyRows(tally: Tally, options: readonly PollOption[]): TallyRow[] {
	const labelOf = (id: string) => options.find((option) => option.id === id)?.label ?? id;
	switch (tally.kind) {
		case 'single':
		case 'multiple':
			return tally.counts.map((c) => ({ id: c.optionId, label: labelOf(c.optionId), value: c.count }));
		case 'ranking':
			return tally.points.map((p) => ({
				id: p.optionId,
				label: labelOf(p.optionId),
				value: p.points,
				firstPreferences: tally.firstPreferences.find((f) => f.optionId === p.optionId)?.count ?? 0
			}));
		case 'consensus':
			return CONSENSUS_STANCES.map((stance) => ({
				id: stance,
				label: STANCE_LABELS[stance],
				value: tally.counts[stance]
			}));
		default:
			return tally.entries.map((entry) => ({ id: entry.key, label: entry.text, value: entry.count }));
	}
}

/** The rows as people read them: consensus keeps its stances in order, the rest largest first. */
export function rowsLargestFirst(tally: Tally, options: readonly PollOption[]): TallyRow[] {
	const rows = tallyRows(tally, options);
	return tally.kind === 'consensus' ? rows : rows.sort((a, b) => b.value - a.value);
}

/** A count with its unit, in the singular for one: "1 vote", "3 votes", "1 point". */
export function quantity(value: number, unit: ReturnType<typeof tallyUnit>): string {
	return `${value} ${value === 1 ? unit.slice(0, -1) : unit}`;
}
