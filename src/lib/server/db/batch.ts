import { savepoint, transaction, type Tx } from '.';

interface QueuedWrite {
	work: (tx: Tx) => Promise<unknown>;
	locks: string[];
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
async function commitQueued(): Promise<void> {
	const batch = queued;
	queued = [];
	if (batch.length === 0) return;
	let outcomes: ({ result: unknown } | { error: unknown })[];
	try {
		outcomes = await transaction(
			async (tx) => {
				const settled: ({ result: unknown } | { error: unknown })[] = [];
				for (const { work } of batch) {
					try {
						settled.push({ result: await savepoint(() => work(tx)) });
					} catch (error) {
						settled.push({ error });
					}
				}
				return settled;
			},
			batch.flatMap(({ locks }) => locks)
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
 * and the promise rejects. The promise settles once the transaction is committed. `locks` are
 * those of `transaction`: the batch takes every lock its writes name.
 */
export function writeSoon<T>(work: (tx: Tx) => Promise<T>, locks: string[] = []): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		queued.push({ work, locks, resolve: resolve as (result: unknown) => void, reject });
		if (queued.length === 1) setImmediate(() => void commitQueued());
		else if (queued.length >= BATCH_SIZE) void commitQueued();
	});
}
