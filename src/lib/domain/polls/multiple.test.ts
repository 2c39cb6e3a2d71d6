import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countsById, OPTION_IDS, pollSpec, sum } from './fixtures';
import { tallyMultiple } from './multiple';

const spec = pollSpec('multiple', { maxPicks: 2 });
const vote = (optionIds: string[]) => ({ kind: 'multiple' as const, optionIds });

describe('multiple choice', () => {
	it('gives each pick one count', () => {
		const tally = tallyMultiple(spec, [vote(['a', 'b']), vote(['b']), vote(['d', 'b'])]);
		expect(countsById(tally.counts)).toEqual({ a: 1, b: 3, c: 0, d: 1 });
	});

	it('counts as many votes as picks', () => {
		fc.assert(
			fc.property(
				fc.array(fc.uniqueArray(fc.constantFrom(...OPTION_IDS), { minLength: 1 }), { maxLength: 60 }),
				(ballots) => {
					const counts = tallyMultiple(spec, ballots.map(vote)).counts;
					expect(sum(counts.map((c) => c.count))).toBe(sum(ballots.map((ids) => ids.length)));
				}
			)
		);
	});
});
