import { describe, expect, it } from 'vitest';
import { commentsOpen, deadlineInForce, newestComments } from './comments';

describe('the comment deadline', () => {
	const deadline = '2017-12-21T12:00:00Z';

	it('is open until noon UTC and closed from noon on, whatever the local time zone', () => {
		expect(commentsOpen(deadline, new Date('2017-12-21T11:59:59.999Z'))).toBe(true);
		expect(commentsOpen(deadline, new Date('2017-12-21T12:00:00.000Z'))).toBe(false);
		// 12:30 in Geneva (UTC+1) is 11:30 UTC: still open.
		expect(commentsOpen(deadline, new Date('2017-12-21T12:30:00+01:00'))).toBe(true);
		// 07:30 in New York (UTC-5) is 12:30 UTC: closed.
		expect(commentsOpen(deadline, new Date('2017-12-21T07:30:00-05:00'))).toBe(false);
	});

	it('is always open without a deadline', () => {
		expect(commentsOpen(null, new Date('2099-01-01T00:00:00Z'))).toBe(true);
	});

	it('is not enforced in a rehearsal, and enforced as it is otherwise', () => {
		expect(deadlineInForce(deadline, true)).toBeNull();
		expect(deadlineInForce(deadline, false)).toBe(deadline);
		expect(commentsOpen(deadlineInForce(deadline, true), new Date('2026-12-03T08:00:00Z'))).toBe(true);
	});
});

describe('the comments a client is sent', () => {
	const at = (minute: number) => new Date(Date.UTC(2017, 11, 20, 10, minute)).toISOString();
	const comment = (id: string, cardId: string, minute: number) => ({ id, cardId, createdAt: at(minute) });
	const list = [...Array.from({ length: 5 }, (_, i) => comment(`a${i}`, 'a', i)), comment('b0', 'b', 0)];

	it('are the newest of each card and the one on screen, with how many earlier ones each card has', () => {
		const { comments, earlier } = newestComments(list, 2, 'a0');
		expect(comments.map((c) => c.id)).toEqual(['a0', 'a3', 'a4', 'b0']);
		expect(earlier).toEqual({ a: 2 });
	});

	it('are all of them when few', () => {
		expect(newestComments(list, 10, null)).toEqual({ comments: list, earlier: {} });
	});
});
