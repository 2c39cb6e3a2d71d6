import { and, asc, count, eq, getTableColumns, sql } from 'drizzle-orm';
import { firstQuestions, isPublic, QUESTIONS_SHOWN, type QuestionStatus } from '$lib/domain/questions';
import type { RecordFacts } from '$lib/domain/record/facts';
import type { QuestionInfo, QuestionsState } from '$lib/realtime/protocol';
import { prepared, type Tx } from '../db';
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

export function upvoteCounts(meetingId: string): Map<string, number> {
	const rows = questionReads().upvoteCounts.all({ meetingId });
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
export function questionRowsOf(meetingId: string): { row: QuestionRow; upvotes: number }[] {
	const votes = upvoteCounts(meetingId);
	return questionReads()
		.ofMeeting.all({ meetingId })
		.map((row) => ({ row, upvotes: votes.get(row.id) ?? 0 }));
}

export function questionFactsOf(meetingId: string): RecordFacts['questions'] {
	return questionRowsOf(meetingId).map(({ row, upvotes }) => ({
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

export function allQuestions(meetingId: string): readonly QuestionInfo[] {
	let list = questionLists.get(meetingId);
	if (!list) {
		list = questionRowsOf(meetingId).map(({ row, upvotes }) => asInfo(row, upvotes));
		questionLists.set(meetingId, list);
	}
	return list;
}

/**
 * What one audience may see of the questions: moderators all of them, everyone else the public
 * ones; the first `count` in each order are sent (see `firstQuestions`), the rest counted.
 */
export function questionsState(meeting: Meeting, staff: boolean, count = QUESTIONS_SHOWN): QuestionsState {
	const all = allQuestions(meeting.id);
	const visible = staff ? all : all.filter((question) => isPublic(question.status));
	return {
		...firstQuestions(visible, count, meeting.onScreenQuestionId),
		premoderation: meeting.premoderation,
		onScreenQuestionId: meeting.onScreenQuestionId
	};
}

export function questionsOf(participantId: string): { mine: QuestionInfo[]; upvoted: string[] } {
	const reads = questionReads();
	const mine = reads.askedBy.all({ participantId }).map((row) => asInfo(row, row.upvotes));
	const upvoted = reads.upvotedBy.all({ participantId }).map((vote) => vote.id);
	return { mine, upvoted };
}

export function insertQuestion(
	tx: Tx,
	meetingId: string,
	question: Omit<QuestionRow, 'id' | 'meetingId' | 'askedAt' | 'answeredAt'>
): QuestionInfo {
	const row = tx
		.insert(questions)
		.values({ id: generateId(), meetingId, askedAt: new Date(), ...question })
		.returning()
		.get();
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

export function findQuestion(meetingId: string, questionId: string): QuestionRow | undefined {
	return questionById().get({ meetingId, questionId });
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
export function storeUpvote(_tx: Tx, questionId: string, participantId: string, up: boolean): boolean {
	const { add, withdraw } = upvoteStatements();
	return (up ? add : withdraw).run({ questionId, participantId }).changes > 0;
}

export function storeQuestionStatus(tx: Tx, question: QuestionRow, status: QuestionStatus): void {
	tx.update(questions)
		.set({ status, answeredAt: status === 'answered' ? new Date() : question.answeredAt })
		.where(eq(questions.id, question.id))
		.run();
}

export function storePremoderation(tx: Tx, meetingId: string, premoderation: boolean): boolean {
	tx.update(meetings).set({ premoderation }).where(eq(meetings.id, meetingId)).run();
	return true;
}
