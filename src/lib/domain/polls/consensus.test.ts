import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPORT_RULE, supportHolds, tallyConsensus } from './consensus';
import { pollSpec } from './fixtures';
import type { ConsensusStance } from './types';

const stance = (s: ConsensusStance) => ({ kind: 'consensus' as const, stance: s, reason: null });
const counts = fc.record({ support: fc.nat(50), live_with: fc.nat(50), object: fc.nat(50) });

describe('consensus check', () => {
	it('counts ballots per stance', () => {
		const tally = tallyConsensus(pollSpec('consensus'), [
			stance('object'),
			stance('support'),
			stance('live_with'),
			stance('support')
		]);
		expect(tally.counts).toEqual({ support: 2, live_with: 1, object: 1 });
	});

	it('holds from two thirds support or can-live-with, not below', () => {
		expect(supportHolds({ support: 2, live_with: 0, object: 1 })).toBe(true); // exactly 2/3
		expect(supportHolds({ support: 1, live_with: 1, object: 1 })).toBe(true); // 2/3
		expect(supportHolds({ support: 0, live_with: 5, object: 2 })).toBe(true); // 5/7
		expect(supportHolds({ support: 3, live_with: 0, object: 2 })).toBe(false); // 3/5
		expect(supportHolds({ support: 1, live_with: 0, object: 1 })).toBe(false); // 1/2
		expect(supportHolds({ support: 0, live_with: 0, object: 0 })).toBe(false); // no ballots
		expect(SUPPORT_RULE).toMatch(/two thirds/);
	});

	it('never stops holding when a supporter joins, never starts when an objector does', () => {
		fc.assert(
			fc.property(counts, (c) => {
				if (supportHolds(c)) expect(supportHolds({ ...c, support: c.support + 1 })).toBe(true);
				if (!supportHolds(c) && c.support + c.live_with + c.object > 0)
					expect(supportHolds({ ...c, object: c.object + 1 })).toBe(false);
			})
		);
	});
});
