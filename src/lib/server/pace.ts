interface Pending {
	/** When the run is due (performance.now()). */
	due: number;
	timer: ReturnType<typeof setTimeout>;
}

/**
 * Runs `publish` once, `intervalMs` after the first call for `key`; calls in between join that run.
 * A burst of changes costs clients × intervals, not clients × changes. A flood of incoming
 * messages can hold the timer back, so a call that finds the run overdue makes it at once.
 */
export class Pacer {
	#pending = new Map<string, Pending>();

	coalesce(key: string, intervalMs: number, publish: () => void): void {
		const pending = this.#pending.get(key);
		if (!pending) {
			const timer = setTimeout(() => this.#run(key, publish), intervalMs).unref();
			this.#pending.set(key, { due: performance.now() + intervalMs, timer });
		} else if (performance.now() >= pending.due) {
			this.#run(key, publish);
		}
	}

	#run(key: string, publish: () => void): void {
		const pending = this.#pending.get(key);
		if (pending) clearTimeout(pending.timer);
		this.#pending.delete(key);
		publish();
	}
}
