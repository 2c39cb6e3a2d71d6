import type { Choice, PollSpec, Tally } from './types';

type RankingChoice = Extract<Choice, { kind: 'ranking' }>;
type RankingTally = Extract<Tally, { kind: 'ranking' }>;

/** Borda points of a place (0 = first) among n options: first n-1, second n-2, …, never below 0. */
export function bordaPoints(optionCount: number, place: number): number {
	return Math.max(0, optionCount - 1 - place);
}

/**
 * Borda count, plus how many ballots put each option first, in the spec's option order. A
 * partial ranking gives its unranked options nothing; places count among all the poll's options.
 */
export function tallyRanking(spec: PollSpec, choices: RankingChoice[]): RankingTally {
	const n = spec.options.length;
	const points = new Map(spec.options.map((option) => [option.id, 0]));
	const firsts = new Map(spec.options.map((option) => [option.id, 0]));
	for (const { ranking } of choices) {
		ranking.forEach((optionId, place) => {
			const sum = points.get(optionId);
			if (sum !== undefined) points.set(optionId, sum + bordaPoints(n, place));
		});
		const first = firsts.get(ranking[0]);
		if (first !== undefined) firsts.set(ranking[0], first + 1);
	}
	return {
		kind: 'ranking',
		method: 'borda',
		points: [...points].map(([optionId, sum]) => ({ optionId, points: sum })),
		firstPreferences: [...firsts].map(([optionId, count]) => ({ optionId, count }))
	};
}
