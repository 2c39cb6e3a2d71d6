import { describe, expect, it } from 'vitest';
import { moreBallotsThanPhones } from './turnout';

describe('more ballots than phones', () => {
	it('is raised only when the ballots outnumber the phones, and never when they were not counted', () => {
		expect(moreBallotsThanPhones(5, 4)).toBe(true);
		expect(moreBallotsThanPhones(4, 4)).toBe(false);
		expect(moreBallotsThanPhones(0, 0)).toBe(false);
		expect(moreBallotsThanPhones(9, null)).toBe(false);
	});
});
