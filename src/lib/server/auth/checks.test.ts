import { describe, expect, it } from 'vitest';
import { PasswordChecks } from './checks';

/** A check that stays running until it is let go, counting how many run at once. */
function heldChecks() {
	let running = 0;
	let most = 0;
	const order: string[] = [];
	const releases: Array<() => void> = [];
	const check = (name: string) => async () => {
		running++;
		most = Math.max(most, running);
		order.push(name);
		await new Promise<void>((release) => releases.push(release));
		running--;
		return name;
	};
	const releaseAll = async () => {
		while (releases.length || running) {
			releases.shift()?.();
			await new Promise((tick) => setTimeout(tick, 0));
		}
	};
	return { check, releaseAll, order, most: () => most };
}

describe('password checks', () => {
	it('run one at a time, known devices first, and turn unknown ones away when the line is full', async () => {
		const checks = new PasswordChecks(2);
		const held = heldChecks();
		const first = checks.run(false, held.check('first'));
		const unknown = [checks.run(false, held.check('u1')), checks.run(false, held.check('u2'))];
		const turnedAway = await checks.run(false, held.check('u3'));
		expect(turnedAway).toBeNull();
		const known = checks.run(true, held.check('known'));
		expect(checks.waiting).toBe(3);
		await held.releaseAll();
		expect(await Promise.all([first, ...unknown, known])).toEqual(['first', 'u1', 'u2', 'known']);
		expect(held.order).toEqual(['first', 'known', 'u1', 'u2']);
		expect(held.most()).toBe(1);
		expect(checks.waiting).toBe(0);
	});

	it('goes on after a check that fails', async () => {
		const checks = new PasswordChecks(4);
		const failing = checks.run(false, () => Promise.reject(new Error('broken hash')));
		const next = checks.run(false, () => Promise.resolve('next'));
		await expect(failing).rejects.toThrow('broken hash');
		expect(await next).toBe('next');
	});
});
