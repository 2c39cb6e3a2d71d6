/**
 * A sliding-window limit per key (a participant, a session): a hall behind one NAT address is
 * hundreds of keys, so no one is locked out by the crowd around them.
 */
export class RateLimit {
	#hits = new Map<string, number[]>();

	constructor(
		readonly limit: number,
		readonly windowMs: number
	) {}

	/** Records a hit and says whether it is within the limit. */
	allow(key: string, now = Date.now()): boolean {
		const recent = (this.#hits.get(key) ?? []).filter((at) => now - at < this.windowMs);
		if (recent.length >= this.limit) {
			this.#hits.set(key, recent);
			return false;
		}
		recent.push(now);
		this.#hits.set(key, recent);
		if (this.#hits.size > 50_000) this.#forgetIdle(now);
		return true;
	}

	#forgetIdle(now: number): void {
		for (const [key, hits] of this.#hits) {
			if (hits.every((at) => now - at >= this.windowMs)) this.#hits.delete(key);
		}
	}
}
