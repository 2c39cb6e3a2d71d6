/**
 * How password guessing is slowed down without letting anyone lock the real user out.
 *
 * Failures are counted per account and source together: the source is the network address, or a
 * device the account signed in from before (a signed cookie, see devices.ts). A few mistakes are
 * free; then each further attempt from that pair must wait, twice as long after each failure, up
 * to a few minutes. Nothing is ever locked: an attacker's guesses from another address (or from
 * the venue's shared address) slow only their own pair, and a known device has a pair of its own.
 * Across every address, an account guessed at very often slows attempts from unknown devices too;
 * its known devices are never slowed by that.
 */

export interface SlowdownRule {
	/** Failures without any wait. */
	free: number;
	/** The wait after the first failure past the free ones, doubled after each further one. */
	firstWaitSeconds: number;
	longestWaitSeconds: number;
}

interface Failures {
	count: number;
	lastAt: number;
}

/** A key's failures are forgotten an hour after its last one. */
const FORGET_AFTER_MS = 60 * 60 * 1000;
/** Made-up usernames from many addresses must not fill the memory: the oldest keys go first. */
const MOST_KEYS = 100_000;

export class Slowdown {
	readonly #failures = new Map<string, Failures>();
	readonly #rule: SlowdownRule;

	constructor(rule: SlowdownRule) {
		this.#rule = rule;
	}

	/** Seconds to wait before an attempt for `key` is heard, or null when it may go ahead now. */
	waitFor(key: string, now = Date.now()): number | null {
		const failures = this.#current(key, now);
		if (!failures || failures.count < this.#rule.free) return null;
		const { firstWaitSeconds, longestWaitSeconds } = this.#rule;
		const doublings = Math.min(30, failures.count - this.#rule.free);
		const waitMs = Math.min(longestWaitSeconds, firstWaitSeconds * 2 ** doublings) * 1000;
		const left = failures.lastAt + waitMs - now;
		return left > 0 ? Math.ceil(left / 1000) : null;
	}

	failed(key: string, now = Date.now()): void {
		const count = (this.#current(key, now)?.count ?? 0) + 1;
		// Deleted and set again: the map's order is the order of last failures, oldest first.
		this.#failures.delete(key);
		this.#failures.set(key, { count, lastAt: now });
		if (this.#failures.size > MOST_KEYS) this.#failures.delete(this.#failures.keys().next().value!);
	}

	forget(key: string): void {
		this.#failures.delete(key);
	}

	#current(key: string, now: number): Failures | null {
		const failures = this.#failures.get(key);
		if (failures && now - failures.lastAt > FORGET_AFTER_MS) {
			this.#failures.delete(key);
			return null;
		}
		return failures ?? null;
	}
}

/** Where an attempt comes from: a device the account signed in from before, or an address. */
export type SignInSource = { kind: 'device'; device: string } | { kind: 'address'; address: string };

const sourceKey = (source: SignInSource) =>
	source.kind === 'device' ? `device:${source.device}` : `address:${source.address}`;

export class SignInGuard {
	readonly #pairs = new Slowdown({ free: 5, firstWaitSeconds: 1, longestWaitSeconds: 5 * 60 });
	readonly #accounts = new Slowdown({ free: 30, firstWaitSeconds: 1, longestWaitSeconds: 2 * 60 });

	/** Seconds before this account may be tried again from this source, or null to go ahead. */
	waitFor(account: string, source: SignInSource, now = Date.now()): number | null {
		const pair = this.#pairs.waitFor(`${account}\n${sourceKey(source)}`, now);
		if (pair !== null || source.kind === 'device') return pair;
		return this.#accounts.waitFor(account, now);
	}

	failed(account: string, source: SignInSource, now = Date.now()): void {
		this.#pairs.failed(`${account}\n${sourceKey(source)}`, now);
		if (source.kind === 'address') this.#accounts.failed(account, now);
	}

	/** The right password: this pair starts afresh (the account's count across addresses stays). */
	succeeded(account: string, source: SignInSource): void {
		this.#pairs.forget(`${account}\n${sourceKey(source)}`);
	}
}

export const signInGuard = new SignInGuard();
