import { and, asc, count, eq, getTableColumns, sql } from 'drizzle-orm';
import { firstQuestions, isPublic, QUESTIONS_SHOWN, type QuestionStatus } from '$lib/domain/questions';
import type { RecordFacts } from '$lib/domain/record/facts';
import type { QuestionInfo, QuestionsState } from '$lib/realtime/protocol';
import { type Tx, first, prepared, rowsChanged } from '../db';
import { meetings, questionVotes, questions, type Meeting, type QuestionRow } from '../db/schema';
import { generateId } from '../auth/tokens';
import { subscribe } from '../events';

/**
 * The reads of a snapshot, built and prepared once per database: every join and reconnect makes
 * one. A phone's own questions and upvotes are found by its id (indexed), whatever the room holds.
 */
const questionReads = prepared((database) => {
	const meetingId = sql.placeholder('meetingId');
	const participantId = sql.placeholder('participantId');
	return {
		upvoteCounts: database
			.select({ questionId: questionVotes.questionId, n: count() })
			.from(questionVotes)
			.innerJoin(questions, eq(questions.id, questionVotes.questionId))
			.where(eq(questions.meetingId, meetingId))
			.groupBy(questionVotes.questionId)
			.prepare(),
		ofMeeting: database.select().from(questions).where(eq(questions.meetingId, meetingId)).prepare(),
		askedBy: database
			.select({ ...getTableColumns(questions), upvotes: count(questionVotes.participantId) })
			.from(questions)
			.leftJoin(questionVotes, eq(questionVotes.questionId, questions.id))
			.where(eq(questions.participantId, participantId))
			.groupBy(questions.id)
			.orderBy(asc(questions.askedAt))
			.prepare(),
		upvotedBy: database
			.select({ id: questionVotes.questionId })
			.from(questionVotes)
			.where(eq(questionVotes.participantId, participantId))
			.prepare()
	};
});

export async function upvoteCounts(meetingId: string): Promise<Map<string, number>> {
	const rows = await questionReads().upvoteCounts.execute({ meetingId });
	return new Map(rows.map((row) => [row.questionId, row.n]));
}

const asInfo = (row: QuestionRow, upvotes: number): QuestionInfo => ({
	id: row.id,
	text: row.text,
	author: row.authorName,
	group: row.stakeholderGroup,
	mode: row.mode,
	status: row.status,
	upvotes,
	askedAt: row.askedAt.toISOString()
});

/** A meeting's questions as stored, each with its upvotes. */
export async function questionRowsOf(meetingId: string): Promise<{ row: QuestionRow; upvotes: number }[]> {
	const votes = await upvoteCounts(meetingId);
	return (await questionReads().ofMeeting.execute({ meetingId })).map((row) => ({
		row,
		upvotes: votes.get(row.id) ?? 0
	}));
}

export async function questionFactsOf(meetingId: string): Promise<RecordFacts['questions']> {
	return (await questionRowsOf(meetingId)).map(({ row, upvotes }) => ({
		id: row.id,
		text: row.text,
		authorName: row.authorName,
		stakeholderGroup: row.stakeholderGroup,
		mode: row.mode,
		status: row.status,
		upvotes,
		askedAt: row.askedAt,
		answeredAt: row.answeredAt
	}));
}

/**
 * Each meeting's questions with their upvotes, as last committed: every join, reconnect and
 * update draws them, and reading every question and upvote each time would cost more the longer
 * the session runs. Every change to questions or upvotes publishes `questions.changed`.
 */
const questionLists = new Map<string, readonly QuestionInfo[]>();
subscribe('questions.changed', ({ meetingId }) => questionLists.delete(meetingId));
subscribe('meeting.changed', ({ meetingId }) => questionLists.delete(meetingId));

export async function allQuestions(meetingId: string): Promise<readonly QuestionInfo[]> {
	let list = questionLists.get(meetingId);
	if (!list) {
		list = (await questionRowsOf(meetingId)).map(({ row, upvotes }) => asInfo(row, upvotes));
		questionLists.set(meetingId, list);
	}
	return list;
}

/**
 * What one audience may see of the questions: moderators all of them, everyone else the public
 * ones; the first `count` in each order are sent (see `firstQuestions`), the rest counted.
 */
export async function questionsState(
	meeting: Meeting,
	staff: boolean,
	count = QUESTIONS_SHOWN
): Promise<QuestionsState> {
	const all = await allQuestions(meeting.id);
	const visible = staff ? all : all.filter((question) => isPublic(question.status));
	return {
		...firstQuestions(visible, count, meeting.onScreenQuestionId),
		premoderation: meeting.premoderation,
		onScreenQuestionId: meeting.onScreenQuestionId
	};
}

export async function questionsOf(
	participantId: string
): Promise<{ mine: QuestionInfo[]; upvoted: string[] }> {
	const reads = questionReads();
	const mine = (await reads.askedBy.execute({ participantId })).map((row) => asInfo(row, row.upvotes));
	const upvoted = (await reads.upvotedBy.execute({ participantId })).map((vote) => vote.id);
	return { mine, upvoted };
}

export async function insertQuestion(
	tx: Tx,
	meetingId: string,
	question: Omit<QuestionRow, 'id' | 'meetingId' | 'askedAt' | 'answeredAt'>
): Promise<QuestionInfo> {
	const [row] = await tx
		.insert(questions)
		.values({ id: generateId(), meetingId, askedAt: new Date(), ...question })
		.returning();
	return asInfo(row, 0);
}

const questionById = prepared((database) =>
	database
		.select()
		.from(questions)
		.where(
			and(
				eq(questions.meetingId, sql.placeholder('meetingId')),
				eq(questions.id, sql.placeholder('questionId'))
			)
		)
		.prepare()
);

export async function findQuestion(meetingId: string, questionId: string): Promise<QuestionRow | undefined> {
	return await first(questionById().execute({ meetingId, questionId }));
}

const upvoteStatements = prepared((database) => {
	const vote = { questionId: sql.placeholder('questionId'), participantId: sql.placeholder('participantId') };
	return {
		add: database.insert(questionVotes).values(vote).onConflictDoNothing().prepare(),
		withdraw: database
			.delete(questionVotes)
			.where(
				and(
					eq(questionVotes.questionId, vote.questionId),
					eq(questionVotes.participantId, vote.participantId)
				)
			)
			.prepare()
	};
});

/**
 * Adds or withdraws one participant's upvote; the primary key keeps it to one. Upvotes come in
 * bursts, so the statements are prepared once; they run on the transaction's connection.
 */
export async function storeUpvote(
	_tx: Tx,
	questionId: string,
	participantId: string,
	up: boolean
): Promise<boolean> {
	const { add, withdraw } = upvoteStatements();
	return (await rowsChanged((up ? add : withdraw).execute({ questionId, participantId }))) > 0;
}

export async function storeQuestionStatus(
	tx: Tx,
	question: QuestionRow,
	status: QuestionStatus
): Promise<void> {
	await tx
		.update(questions)
		.set({ status, answeredAt: status === 'answered' ? new Date() : question.answeredAt })
		.where(eq(questions.id, question.id));
}

export async function storePremoderation(
	tx: Tx,
	meetingId: string,
	premoderation: boolean
): Promise<boolean> {
	await tx.update(meetings).set({ premoderation }).where(eq(meetings.id, meetingId));
	return true;
}
