import { describe, expect, it } from 'vitest';
import { commentsOpen } from './comments';

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
});
