interface Pending {
	/** When the run is due (performance.now()). */
	due: number;
	timer: ReturnType<typeof setTimeout>;
}

/**
 * Runs `publish` at most once per `intervalMs` for `key`; calls in between join the next run.
 * The first change after a quiet spell goes out at once (after the current I/O, so that the
 * changes of one batch go out together), later ones an interval after the previous run: a burst
 * costs clients × intervals, not clients × changes. A flood of incoming messages can hold the
 * timer back, so a call that finds the run overdue makes it at once.
 */
export class Pacer {
	#pending = new Map<string, Pending>();
	/** When each key last ran, while that is less than its interval ago. */
	#ran = new Map<string, number>();

	coalesce(key: string, intervalMs: number, publish: () => unknown): void {
		const now = performance.now();
		const pending = this.#pending.get(key);
		if (pending) {
			if (now >= pending.due) this.#run(key, intervalMs, publish);
			return;
		}
		const due = Math.max(now, (this.#ran.get(key) ?? -Infinity) + intervalMs);
		const timer = setTimeout(() => this.#run(key, intervalMs, publish), due - now).unref();
		this.#pending.set(key, { due, timer });
	}

	#run(key: string, intervalMs: number, publish: () => unknown): void {
		const pending = this.#pending.get(key);
		if (pending) clearTimeout(pending.timer);
		this.#pending.delete(key);
		const ranAt = performance.now();
		this.#ran.set(key, ranAt);
		// Forgotten once quiet for an interval, so that keys of meetings long over do not pile up.
		setTimeout(() => {
			if (this.#ran.get(key) === ranAt) this.#ran.delete(key);
		}, intervalMs).unref();
		const running = publish();
		if (running instanceof Promise)
			running.catch((error: unknown) => console.error(`Plenary: an update (${key}) failed`, error));
	}
}
