import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countsById, OPTION_IDS, pollSpec, sum } from './fixtures';
import { tallySingle } from './single';

const spec = pollSpec('single');
const vote = (optionId: string) => ({ kind: 'single' as const, optionId });
const picks = fc.array(fc.constantFrom(...OPTION_IDS), { maxLength: 80 });

describe('single choice', () => {
	it('counts in the order of the options, zeros included', () => {
		expect(tallySingle(spec, [vote('c'), vote('a'), vote('c')]).counts).toEqual([
			{ optionId: 'a', count: 1 },
			{ optionId: 'b', count: 0 },
			{ optionId: 'c', count: 2 },
			{ optionId: 'd', count: 0 }
		]);
	});

	it('counts as many votes as ballots', () => {
		fc.assert(
			fc.property(picks, (ids) => {
				const counts = tallySingle(spec, ids.map(vote)).counts;
				expect(sum(counts.map((c) => c.count))).toBe(ids.length);
			})
		);
	});

	it('moves exactly one count when one ballot changes to another option', () => {
		fc.assert(
			fc.property(
				picks.filter((ids) => ids.length > 0),
				fc.nat(),
				fc.constantFrom(...OPTION_IDS),
				(ids, at, to) => {
					const index = at % ids.length;
					const from = ids[index];
					fc.pre(from !== to);
					const before = countsById(tallySingle(spec, ids.map(vote)).counts);
					const changed = ids.map((id, i) => (i === index ? to : id));
					const after = countsById(tallySingle(spec, changed.map(vote)).counts);
					expect(after).toEqual({ ...before, [from]: before[from] - 1, [to]: before[to] + 1 });
				}
			)
		);
	});
});
