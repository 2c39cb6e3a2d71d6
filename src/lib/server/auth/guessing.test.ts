import { describe, expect, it } from 'vitest';
import { SignInGuard, Slowdown } from './guessing';

const venue = { kind: 'address', address: '198.51.100.7' } as const;
const elsewhere = { kind: 'address', address: '203.0.113.9' } as const;
const laptop = { kind: 'device', device: 'owner-laptop' } as const;

describe('Slowdown', () => {
	it('lets a few mistakes through, then doubles the wait after each failure, up to its longest', () => {
		const fresh = new Slowdown({ free: 2, firstWaitSeconds: 1, longestWaitSeconds: 8 });
		const seen: number[] = [];
		const now = 0;
		for (let i = 0; i < 6; i++) {
			fresh.failed('k', now);
			seen.push(fresh.waitFor('k', now) ?? 0);
		}
		expect(seen).toEqual([0, 1, 2, 4, 8, 8]);
		// Once the wait has passed, an attempt goes ahead: slowed, never locked.
		expect(fresh.waitFor('k', now + 8000)).toBeNull();
	});

	it('forgets failures an hour after the last one', () => {
		const slowdown = new Slowdown({ free: 0, firstWaitSeconds: 60, longestWaitSeconds: 60 });
		slowdown.failed('k', 0);
		expect(slowdown.waitFor('k', 1000)).toBe(59);
		expect(slowdown.waitFor('k', 60 * 60 * 1000 + 1)).toBeNull();
	});
});

describe('SignInGuard', () => {
	it('slows an attacker down but not the owner from another address or a known device', () => {
		const guard = new SignInGuard();
		for (let i = 0; i < 50; i++) guard.failed('chair', elsewhere, 0);
		expect(guard.waitFor('chair', elsewhere, 0)).toBeGreaterThan(0);
		expect(guard.waitFor('chair', laptop, 0)).toBeNull();
		// 50 failures from everywhere slow unknown devices everywhere, but only for a while.
		expect(guard.waitFor('chair', venue, 0)).toBeGreaterThan(0);
		expect(guard.waitFor('chair', venue, 3 * 60 * 1000)).toBeNull();
	});

	it('does not let made-up usernames from the venue slow a real account there', () => {
		const guard = new SignInGuard();
		for (let i = 0; i < 300; i++) guard.failed(`made-up-${i}`, venue, 0);
		expect(guard.waitFor('rapporteur', venue, 0)).toBeNull();
	});

	it('starts a pair afresh after the right password', () => {
		const guard = new SignInGuard();
		for (let i = 0; i < 5; i++) guard.failed('chair', venue, 0);
		expect(guard.waitFor('chair', venue, 0)).toBe(1);
		guard.succeeded('chair', venue);
		expect(guard.waitFor('chair', venue, 0)).toBeNull();
	});
});
