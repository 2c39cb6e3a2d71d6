import type { Choice, CountedBallot, OptionCount, PollKind, PollSpec } from './types';

/** Test fixtures: sensible defaults, and a test states only what it is about. */

export const OPTION_IDS = ['a', 'b', 'c', 'd'];

/** A poll of the given kind; the kinds with options get four, a to d. */
export function pollSpec(kind: PollKind, overrides: Partial<PollSpec> = {}): PollSpec {
	const hasOptions = kind === 'single' || kind === 'multiple' || kind === 'ranking';
	return {
		kind,
		question: 'Which priority should the forum take up first?',
		options: hasOptions ? OPTION_IDS.map((id) => ({ id, label: `Option ${id.toUpperCase()}` })) : [],
		maxPicks: null,
		wordLimit: null,
		...overrides
	};
}

export function ballotOf(
	choice: Choice,
	group: CountedBallot['group'] = null,
	mode: CountedBallot['mode'] = null
): CountedBallot {
	return { choice, group, mode };
}

/** Counts by option id, for comparing with a literal. */
export function countsById(counts: OptionCount[]): Record<string, number> {
	return Object.fromEntries(counts.map(({ optionId, count }) => [optionId, count]));
}

export const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
