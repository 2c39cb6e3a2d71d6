/**
 * Password checks take turns. Each one is an Argon2id derivation (19 MiB, tens of milliseconds
 * of a core): a flood of sign-ins with made-up names would otherwise take every core from the
 * room. One check runs at a time; a bounded line waits behind it. Attempts from a device the
 * account signed in from before go to the front of the line and are never turned away, so the
 * staff sign in whatever a flood does; an unknown device is told to try again when the line is
 * full.
 */
export class PasswordChecks {
	readonly #longestLine: number;
	readonly #known: Array<() => void> = [];
	readonly #unknown: Array<() => void> = [];
	#running = false;

	constructor(longestLine: number) {
		this.#longestLine = longestLine;
	}

	/** How many checks wait for their turn. */
	get waiting(): number {
		return this.#known.length + this.#unknown.length;
	}

	/**
	 * Runs `check` in its turn; null, without running it, when the device is unknown and the line
	 * is full.
	 */
	async run<T>(knownDevice: boolean, check: () => Promise<T>): Promise<T | null> {
		if (this.#running) {
			if (!knownDevice && this.#unknown.length >= this.#longestLine) return null;
			await new Promise<void>((turn) => (knownDevice ? this.#known : this.#unknown).push(turn));
		}
		this.#running = true;
		try {
			return await check();
		} finally {
			const next = this.#known.shift() ?? this.#unknown.shift();
			if (next) next();
			else this.#running = false;
		}
	}
}

/** A line of 64: two seconds or so of checks; a hall of staff never fills it. */
export const passwordChecks = new PasswordChecks(64);
