/**
 * Writes that arrive together share a transaction (src/lib/server/db/batch.ts): each still
 * succeeds or fails alone, and nothing is acknowledged before it is committed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, db as database, rowsChanged } from '../../src/lib/server/db';
import { openInThisProcess, sql } from './support/database';
import { writeSoon } from '../../src/lib/server/db/batch';
import { appliedCommands, meetings } from '../../src/lib/server/db/schema';

let file: string;

beforeAll(async () => {
	file = await openInThisProcess();
	const db = database();
	await db.insert(meetings).values({ id: 'm1', code: 'BATCH01', title: 'Batch' });
});

afterAll(() => closeDatabase());

/** What another connection sees: only what was committed. */
async function committedKeys(): Promise<string[]> {
	const rows = await sql<{ key: string }>(
		file,
		'select client_id as key from applied_commands order by client_id'
	);
	return rows.map((row) => row.key);
}

const record = (key: string) => (tx: Parameters<Parameters<typeof writeSoon>[0]>[0]) =>
	rowsChanged(tx.insert(appliedCommands).values({ meetingId: 'm1', clientId: key, ack: {} }));

describe('writes committed together', () => {
	it('settles each write once it is committed, and a failing write undoes only its own rows', async () => {
		const writes = Array.from({ length: 100 }, (_, index) => {
			const key = `k${String(index).padStart(3, '0')}`;
			if (index % 10 !== 7) return writeSoon(record(key));
			// Writes a row, then fails: the row must not stay.
			return writeSoon(async (tx) => {
				await record(key)(tx);
				throw new Error(`refused ${key}`);
			});
		});
		const settled = await Promise.allSettled(writes);
		const failed = settled.filter((outcome) => outcome.status === 'rejected');
		expect(failed).toHaveLength(10);
		expect(failed.map((outcome) => String((outcome as PromiseRejectedResult).reason))).toContain(
			'Error: refused k007'
		);
		const keys = await committedKeys();
		expect(keys).toHaveLength(90);
		expect(keys).not.toContain('k007');
		expect(keys).toContain('k099');
	});

	it('rejects a write that breaks a constraint and commits the rest of its batch', async () => {
		const settled = await Promise.allSettled([
			writeSoon(record('dup-a')),
			writeSoon(record('k000')),
			writeSoon(record('dup-b'))
		]);
		expect(settled.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(await committedKeys()).toEqual(expect.arrayContaining(['dup-a', 'dup-b']));
		expect(await committedKeys()).toHaveLength(92);
	});
});
