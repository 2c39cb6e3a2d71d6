import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialStatus, isPublic, sortQuestions } from './questions';

const q = (id: string, upvotes: number, minute: number) => ({
	id,
	upvotes,
	askedAt: new Date(Date.UTC(2017, 11, 20, 10, minute)).toISOString()
});

describe('questions', () => {
	const list = [q('a', 2, 1), q('b', 5, 2), q('c', 2, 0), q('d', 0, 3)];

	it('sorts by upvotes, earlier first on a tie', () => {
		expect(sortQuestions(list, 'popular').map((x) => x.id)).toEqual(['b', 'c', 'a', 'd']);
	});

	it('sorts by time, newest first', () => {
		expect(sortQuestions(list, 'recent').map((x) => x.id)).toEqual(['d', 'b', 'a', 'c']);
	});

	it('shows the room only approved and answered questions', () => {
		expect(['pending', 'approved', 'hidden', 'answered'].filter((s) => isPublic(s as never))).toEqual([
			'approved',
			'answered'
		]);
		expect(initialStatus(true)).toBe('pending');
		expect(initialStatus(false)).toBe('approved');
	});

	it('keeps every question when sorting, and counts upvotes in order', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(
					fc.record({ id: fc.string({ minLength: 1 }), upvotes: fc.nat(50), minute: fc.nat(59) }),
					{ selector: (x) => x.id }
				),
				(raw) => {
					const items = raw.map((x) => q(x.id, x.upvotes, x.minute));
					const sorted = sortQuestions(items, 'popular');
					expect(sorted.map((x) => x.id).sort()).toEqual(items.map((x) => x.id).sort());
					for (let i = 1; i < sorted.length; i++)
						expect(sorted[i - 1].upvotes).toBeGreaterThanOrEqual(sorted[i].upvotes);
				}
			)
		);
	});
});
