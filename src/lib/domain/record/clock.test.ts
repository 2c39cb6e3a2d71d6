import { describe, expect, it } from 'vitest';
import { clockAfter } from './clock';

const at = (minute: number) => new Date(Date.UTC(2017, 11, 18, 10, minute));
const idle = { startedAt: null, endedAt: null };

describe('the record’s clock', () => {
	it('starts once, ends once, and changes nothing when asked again', () => {
		const started = clockAfter(idle, 'start', at(0));
		expect(started).toEqual({ clock: { startedAt: at(0), endedAt: null }, firstStart: true });
		expect(clockAfter(started!.clock, 'start', at(5))).toBeNull();
		const ended = clockAfter(started!.clock, 'end', at(90));
		expect(ended?.clock).toEqual({ startedAt: at(0), endedAt: at(90) });
		expect(clockAfter(ended!.clock, 'end', at(95))).toBeNull();
		expect(clockAfter(idle, 'end', at(1))).toBeNull();
	});

	it('resumes after the end with its first start kept', () => {
		const ended = { startedAt: at(0), endedAt: at(90) };
		expect(clockAfter(ended, 'start', at(100))).toEqual({
			clock: { startedAt: at(0), endedAt: null },
			firstStart: false
		});
	});
});
