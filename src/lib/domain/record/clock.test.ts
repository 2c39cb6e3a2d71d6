import { describe, expect, it } from 'vitest';
import { clockAfter, sessionSealed } from './clock';

const at = (minute: number) => new Date(Date.UTC(2017, 11, 18, 10, minute));
const idle = { startedAt: null, endedAt: null };

describe('the record’s clock', () => {
	it('starts once, ends once, and changes nothing when asked again', () => {
		const started = clockAfter(idle, 'start', at(0));
		expect(started).toEqual({ clock: { startedAt: at(0), endedAt: null }, firstStart: true, reopened: null });
		expect(clockAfter(started!.clock, 'start', at(5))).toBeNull();
		const ended = clockAfter(started!.clock, 'end', at(90));
		expect(ended?.clock).toEqual({ startedAt: at(0), endedAt: at(90) });
		expect(clockAfter(ended!.clock, 'end', at(95))).toBeNull();
		expect(clockAfter(idle, 'end', at(1))).toBeNull();
	});

	it('is sealed from the end until it is reopened', () => {
		expect(sessionSealed(idle)).toBe(false);
		expect(sessionSealed({ startedAt: at(0), endedAt: null })).toBe(false);
		expect(sessionSealed({ startedAt: at(0), endedAt: at(90) })).toBe(true);
	});

	it('continues after the end only when reopened, which names the end it undid', () => {
		const ended = { startedAt: at(0), endedAt: at(90) };
		expect(clockAfter(ended, 'start', at(100))).toBeNull();
		expect(clockAfter(ended, 'reopen', at(100))).toEqual({
			clock: { startedAt: at(0), endedAt: null },
			firstStart: false,
			reopened: { endedAt: at(90) }
		});
		expect(clockAfter({ startedAt: at(0), endedAt: null }, 'reopen', at(100))).toBeNull();
		expect(clockAfter(idle, 'reopen', at(100))).toBeNull();
	});
});
