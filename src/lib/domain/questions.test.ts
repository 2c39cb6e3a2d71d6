import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstQuestions, initialStatus, isPublic, sortQuestions } from './questions';

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

describe('the questions a client is sent', () => {
	const many = Array.from({ length: 30 }, (_, i) => q(`q${i}`, i % 7, i));

	it('are all of them when few', () => {
		expect(firstQuestions(many.slice(0, 5), 10, null)).toEqual({ questions: many.slice(0, 5), more: 0 });
	});

	it('are the first in each order and the one on screen, with a count of the rest', () => {
		const { questions, more } = firstQuestions(many, 3, 'q1');
		const ids = questions.map((question) => question.id);
		for (const question of sortQuestions(many, 'popular').slice(0, 3)) expect(ids).toContain(question.id);
		for (const question of sortQuestions(many, 'recent').slice(0, 3)) expect(ids).toContain(question.id);
		expect(ids).toContain('q1');
		expect(questions.length).toBeLessThanOrEqual(7);
		expect(questions.length + more).toBe(30);
	});

	it('never exceed twice the count and the one on screen, and lose none in the count', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ upvotes: fc.nat(20), minute: fc.nat(59) }), { maxLength: 80 }),
				fc.integer({ min: 1, max: 20 }),
				fc.nat(100),
				(rows, count, screen) => {
					const list = rows.map((row, i) => q(`q${i}`, row.upvotes, row.minute));
					const { questions, more } = firstQuestions(list, count, `q${screen}`);
					expect(questions.length).toBeLessThanOrEqual(2 * count + 1);
					expect(questions.length + more).toBe(list.length);
					if (screen < list.length) expect(questions.map((x) => x.id)).toContain(`q${screen}`);
				}
			)
		);
	});
});
