import type { PollSpec, Tally } from './types';

type RankingChoice = { ranking: string[] };

/** Borda points of a place in a ranking of n options: first n-1, second n-2, … */
export function bordaPoints(optionCount: number, place: number): number {
	return Math.max(0, optionCount - 1 - place);
}

/** Borda count, plus how many ballots put each option first. Unranked options earn nothing. */
export function tallyRanking(spec: PollSpec, choices: RankingChoice[]): Tally {
	const n = spec.options.length;
	const points = new Map(spec.options.map((option) => [option.id, 0]));
	const firsts = new Map(spec.options.map((option) => [option.id, 0]));
	for (const { ranking } of choices) {
		ranking.forEach((optionId, place) => {
			const current = points.get(optionId);
			if (current !== undefined) points.set(optionId, current + bordaPoints(n, place));
		});
		const first = ranking[0];
		const count = first === undefined ? undefined : firsts.get(first);
		if (first !== undefined && count !== undefined) firsts.set(first, count + 1);
	}
	return {
		kind: 'ranking',
		method: 'borda',
		points: [...points].map(([optionId, value]) => ({ optionId, points: value })),
		firstPreferences: [...firsts].map(([optionId, count]) => ({ optionId, count }))
	};
}
