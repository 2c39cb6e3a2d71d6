/**
 * What a join or reconnect reads of one phone (its ballots, questions, upvotes and marks) is found
 * by that phone's id through an index, so it costs the same however much the room has done.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, db as database } from '../../src/lib/server/db';
import pg from 'pg';
import { isPostgres, openInThisProcess } from './support/database';
import {
	ballots,
	cardMarks,
	meetings,
	participants,
	polls,
	questionVotes,
	questions
} from '../../src/lib/server/db/schema';
import { ballotsOf } from '../../src/lib/server/polls/store';
import { questionsOf } from '../../src/lib/server/questions/store';
import { marksOf } from '../../src/lib/server/comments/store';

let file: string;

beforeAll(async () => {
	file = await openInThisProcess();
	const db = database();
	await db.insert(meetings).values({ id: 'm1', code: 'READS01', title: 'Reads' });
	await db
		.insert(participants)
		.values(['p1', 'p2'].map((id) => ({ id, meetingId: 'm1', tokenHash: `hash-${id}` })));
	await db.insert(polls).values(
		['a', 'b'].map((id, position) => ({
			id,
			meetingId: 'm1',
			position,
			kind: 'single' as const,
			question: id
		}))
	);
	const ballot = (pollId: string, participantId: string, optionId: string) => ({
		pollId,
		participantId,
		choice: { kind: 'single' as const, optionId },
		revision: 1,
		castAt: new Date()
	});
	await db
		.insert(ballots)
		.values([ballot('a', 'p1', 'yes'), ballot('a', 'p2', 'no'), ballot('b', 'p2', 'yes')]);
	const question = (id: string, participantId: string, minute: number) => ({
		id,
		meetingId: 'm1',
		participantId,
		text: id,
		status: 'approved' as const,
		askedAt: new Date(Date.UTC(2017, 11, 19, 10, minute))
	});
	await db
		.insert(questions)
		.values([question('q2', 'p1', 2), question('q1', 'p1', 1), question('q3', 'p2', 3)]);
	await db.insert(questionVotes).values([
		{ questionId: 'q1', participantId: 'p2' },
		{ questionId: 'q3', participantId: 'p1' },
		{ questionId: 'q1', participantId: 'p1' }
	]);
	await db.insert(cardMarks).values([
		{ meetingId: 'm1', cardId: 'c1', participantId: 'p1' },
		{ meetingId: 'm1', cardId: 'c2', participantId: 'p2' }
	]);
});

afterAll(() => closeDatabase());

describe("a phone's own reads", () => {
	it('give its ballots, its questions (oldest first, with every upvote) and upvotes, and its marks only', async () => {
		expect(await ballotsOf('p1')).toEqual({ a: { kind: 'single', optionId: 'yes' } });
		expect(await ballotsOf('p2')).toEqual({
			a: { kind: 'single', optionId: 'no' },
			b: { kind: 'single', optionId: 'yes' }
		});
		const mine = await questionsOf('p1');
		expect(mine.mine.map(({ id, upvotes }) => [id, upvotes])).toEqual([
			['q1', 2],
			['q2', 0]
		]);
		expect(mine.upvoted.sort()).toEqual(['q1', 'q3']);
		expect(await marksOf('p1')).toEqual(['c1']);
	});

	it('find its rows by an index, never by reading the whole table', async () => {
		const tables = ['ballots', 'questions', 'question_votes', 'card_marks'];
		if (isPostgres(file)) {
			// A table this small is read whole by choice: with that choice taken away, the index must serve.
			for (const table of tables)
				expect(await postgresPlan(table)).toMatch(
					new RegExp(`Index (Only )?Scan (using|on) ${table}_participant_idx`)
				);
			return;
		}
		const reader = new Database(file, { readonly: true });
		try {
			const plan = (query: string) =>
				(reader.prepare(`explain query plan ${query}`).all('p1') as { detail: string }[])
					.map((step) => step.detail)
					.join('; ');
			for (const table of tables) {
				expect(plan(`select * from ${table} where participant_id = ?`)).toMatch(
					new RegExp(`^SEARCH ${table} USING (COVERING )?INDEX ${table}_participant_idx`)
				);
			}
		} finally {
			reader.close();
		}
	});
});

/** PostgreSQL's plan for one phone's rows of `table`, with reading the whole table ruled out. */
async function postgresPlan(table: string): Promise<string> {
	const client = new pg.Client({ connectionString: file });
	await client.connect();
	try {
		await client.query('set enable_seqscan = off');
		const { rows } = await client.query<{ 'QUERY PLAN': string }>(
			`explain select * from ${table} where participant_id = $1`,
			['p1']
		);
		return rows.map((row) => row['QUERY PLAN']).join('; ');
	} finally {
		await client.end();
	}
}
