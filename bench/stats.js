// Small numeric helpers for the benchmark: percentiles of latency samples and their ratios.

/** The value below which `p` percent of the samples lie (nearest rank); null for no samples. */
export function percentile(sorted, p) {
	if (sorted.length === 0) return null;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** p50, p95, p99 and max of latency samples in milliseconds, rounded to 0.1 ms. */
export function summarise(samples) {
	const sorted = Float64Array.from(samples).sort();
	const round = (value) => (value === null || value === undefined ? null : Math.round(value * 10) / 10);
	return {
		count: sorted.length,
		p50: round(percentile(sorted, 50)),
		p95: round(percentile(sorted, 95)),
		p99: round(percentile(sorted, 99)),
		max: round(sorted.length ? sorted[sorted.length - 1] : null)
	};
}

/** ours / reference, rounded to 0.01; null when either is missing or the reference is zero. */
export function ratio(ours, reference) {
	if (ours === null || reference === null || ours === undefined || reference === undefined) return null;
	if (reference === 0) return null;
	return Math.round((ours / reference) * 100) / 100;
}

/** The index of the first element of a non-decreasing array that is >= `value`, or its length. */
export function firstAtLeast(array, value) {
	let low = 0;
	let high = array.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (array[middle] < value) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * Ballot → projector latency. Acknowledged ballots are ranked by the time their acknowledgement
 * arrived; the k-th is on the projector at the first projector update that counts at least k
 * ballots and arrived after the ballot was sent.
 */
export function ballotToProjector(ballots, updates) {
	const ranked = [...ballots].sort((a, b) => a.ackedAt - b.ackedAt);
	const times = updates.map((update) => update.at);
	// Counts only grow; a running maximum keeps the search valid even if one arrived out of order.
	const counts = [];
	for (const update of updates) counts.push(Math.max(update.ballots, counts.at(-1) ?? 0));
	const latencies = [];
	let missing = 0;
	ranked.forEach((ballot, index) => {
		const shown = Math.max(firstAtLeast(counts, index + 1), firstAtLeast(times, ballot.sentAt));
		if (shown < updates.length) latencies.push(times[shown] - ballot.sentAt);
		else missing++;
	});
	return { latencies, missing };
}
