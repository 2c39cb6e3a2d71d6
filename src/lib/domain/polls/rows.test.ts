import { describe, expect, it } from 'vitest';
import { quantity, rowsLargestFirst } from './rows';

const options = [
	{ id: 'a', label: 'Alpha' },
	{ id: 'b', label: 'Beta' },
	{ id: 'c', label: 'Gamma' }
];

describe('rows as people read them', () => {
	it('puts the largest first, whatever the order of the options', () => {
		const rows = rowsLargestFirst(
			{
				kind: 'multiple',
				counts: [
					{ optionId: 'a', count: 1 },
					{ optionId: 'b', count: 0 },
					{ optionId: 'c', count: 8 }
				]
			},
			options
		);
		expect(rows.map((row) => row.label)).toEqual(['Gamma', 'Alpha', 'Beta']);
	});

	it('keeps the consensus stances in their order', () => {
		const rows = rowsLargestFirst({ kind: 'consensus', counts: { support: 1, live_with: 0, object: 5 } }, []);
		expect(rows.map((row) => row.id)).toEqual(['support', 'live_with', 'object']);
	});

	it('says one vote, not one votes', () => {
		expect(quantity(1, 'votes')).toBe('1 vote');
		expect(quantity(0, 'votes')).toBe('0 votes');
		expect(quantity(3, 'points')).toBe('3 points');
		expect(quantity(1, 'ballots')).toBe('1 ballot');
	});
});
