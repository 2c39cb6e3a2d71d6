import { db, savepoint, type Tx } from '.';

interface QueuedWrite {
	work: (tx: Tx) => unknown;
	resolve: (result: unknown) => void;
	reject: (error: unknown) => void;
}

/**
 * Writes per transaction at most. A full hall's burst arrives faster than it is read, so the writes
 * read in one turn of the event loop can be thousands; committing them in slices keeps each
 * acknowledgement from waiting for all the others.
 */
const BATCH_SIZE = 32;

let queued: QueuedWrite[] = [];

/** Commits the queued writes in one transaction, each in its own savepoint, then settles each. */
function commitQueued(): void {
	const batch = queued;
	queued = [];
	if (batch.length === 0) return;
	let outcomes: ({ result: unknown } | { error: unknown })[];
	try {
		outcomes = db().transaction((tx) =>
			batch.map(({ work }) => {
				try {
					return { result: savepoint(() => work(tx)) };
				} catch (error) {
					return { error };
				}
			})
		);
	} catch (error) {
		outcomes = batch.map(() => ({ error }));
	}
	batch.forEach(({ resolve, reject }, index) => {
		const outcome = outcomes[index];
		if ('error' in outcome) reject(outcome.error);
		else resolve(outcome.result);
	});
}

/**
 * Runs `work` in a transaction shared with the writes that arrive with it, up to BATCH_SIZE, once
 * the server has read what came in: a burst of thousands of ballots or upvotes costs a few hundred
 * commits, not thousands. `work` runs in a savepoint: if it throws, only its own writes are undone
 * and the promise rejects. The promise settles once the transaction is committed.
 */
export function writeSoon<T>(work: (tx: Tx) => T): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		queued.push({ work, resolve: resolve as (result: unknown) => void, reject });
		if (queued.length === 1) setImmediate(commitQueued);
		else if (queued.length >= BATCH_SIZE) commitQueued();
	});
}
