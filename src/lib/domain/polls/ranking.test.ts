import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countsById, OPTION_IDS, pollSpec, sum } from './fixtures';
import { bordaPoints, tallyRanking } from './ranking';

const rank = (ranking: string[]) => ({ kind: 'ranking' as const, ranking });
const pointsById = (points: { optionId: string; points: number }[]) =>
	Object.fromEntries(points.map((p) => [p.optionId, p.points]));

describe('ranking (Borda count)', () => {
	it('scores full rankings of four options', () => {
		// Places earn 3, 2, 1, 0.
		// A B C D -> a3 b2 c1 d0;  B A D C -> b3 a2 d1 c0;  B C A D -> b3 c2 a1 d0
		// a = 3+2+1 = 6, b = 2+3+3 = 8, c = 1+0+2 = 3, d = 0+1+0 = 1
		const tally = tallyRanking(pollSpec('ranking'), [
			rank(['a', 'b', 'c', 'd']),
			rank(['b', 'a', 'd', 'c']),
			rank(['b', 'c', 'a', 'd'])
		]);
		expect(pointsById(tally.points)).toEqual({ a: 6, b: 8, c: 3, d: 1 });
		expect(countsById(tally.firstPreferences)).toEqual({ a: 1, b: 2, c: 0, d: 0 });
	});

	it('can rank first an option that fewer ballots put first', () => {
		// Three options: places earn 2, 1, 0.
		// 2 x A B C -> a 2+2 = 4, b 1+1 = 2
		// 2 x B C A -> b 2+2 = 4, c 1+1 = 2
		// 1 x C A B -> c 2, a 1
		// a = 4+0+1 = 5, b = 2+4+0 = 6, c = 0+2+2 = 4: B wins although A and B tie on first places.
		const spec = pollSpec('ranking', { options: ['a', 'b', 'c'].map((id) => ({ id, label: id })) });
		const tally = tallyRanking(spec, [
			rank(['a', 'b', 'c']),
			rank(['a', 'b', 'c']),
			rank(['b', 'c', 'a']),
			rank(['b', 'c', 'a']),
			rank(['c', 'a', 'b'])
		]);
		expect(pointsById(tally.points)).toEqual({ a: 5, b: 6, c: 4 });
		expect(countsById(tally.firstPreferences)).toEqual({ a: 2, b: 2, c: 1 });
	});

	it('gives nothing to unranked options in a partial ranking', () => {
		// Four options, places earn 3, 2, 1, 0.
		// C -> c3;  D A -> d3 a2;  A -> a3.   a = 2+3 = 5, b = 0, c = 3, d = 3
		const tally = tallyRanking(pollSpec('ranking'), [rank(['c']), rank(['d', 'a']), rank(['a'])]);
		expect(pointsById(tally.points)).toEqual({ a: 5, b: 0, c: 3, d: 3 });
		expect(countsById(tally.firstPreferences)).toEqual({ a: 1, b: 0, c: 1, d: 1 });
		expect(tally.method).toBe('borda');
	});

	it('never awards negative points', () => {
		expect([0, 1, 2, 3, 4, 9].map((place) => bordaPoints(4, place))).toEqual([3, 2, 1, 0, 0, 0]);
	});

	it('awards the points each ballot carries and one first preference per ballot', () => {
		const rankings = fc.array(fc.uniqueArray(fc.constantFrom(...OPTION_IDS), { minLength: 1 }), {
			maxLength: 50
		});
		fc.assert(
			fc.property(rankings, (ballots) => {
				const tally = tallyRanking(pollSpec('ranking'), ballots.map(rank));
				// Four options: the place at index i earns 3 - i points.
				const carried = sum(ballots.map((ranking) => sum(ranking.map((_, place) => 3 - place))));
				expect(sum(tally.points.map((p) => p.points))).toBe(carried);
				expect(sum(tally.firstPreferences.map((f) => f.count))).toBe(ballots.length);
			})
		);
	});
});
