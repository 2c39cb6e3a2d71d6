import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pacer } from './pace';

describe('Pacer', () => {
	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('sends the first change after a quiet spell at once, and a burst once per interval', () => {
		const pacer = new Pacer();
		const runs: number[] = [];
		const change = () => pacer.coalesce('results', 100, () => runs.push(performance.now()));
		change();
		change();
		vi.advanceTimersByTime(1);
		expect(runs).toHaveLength(1);
		const [first] = runs;
		// Changes within the interval join one run, an interval after the first.
		for (let i = 0; i < 15; i++) {
			change();
			vi.advanceTimersByTime(10);
		}
		vi.advanceTimersByTime(100);
		expect(runs).toEqual([first, first + 100, first + 200]);
		// Quiet for longer than the interval: the next change goes out at once again.
		vi.advanceTimersByTime(500);
		const calledAt = performance.now();
		change();
		vi.advanceTimersByTime(1);
		expect(runs).toHaveLength(4);
		expect(runs[3] - calledAt).toBeLessThanOrEqual(1);
	});

	it('keeps keys apart', () => {
		const pacer = new Pacer();
		const runs: string[] = [];
		pacer.coalesce('a', 100, () => runs.push('a'));
		pacer.coalesce('b', 100, () => runs.push('b'));
		vi.advanceTimersByTime(1);
		expect(runs).toEqual(['a', 'b']);
	});
});
