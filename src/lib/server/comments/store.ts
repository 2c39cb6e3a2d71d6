import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { RecordFacts } from '$lib/domain/record/facts';
import { COMMENTS_SHOWN_PER_CARD, deadlineInForce, newestComments } from '$lib/domain/comments';
import type { CommentInfo, CommentsState, TagInfo } from '$lib/realtime/protocol';
import { type Tx, db, first, prepared, rowsChanged } from '../db';
import { cardMarks, comments, meetings, recordTags, type Meeting } from '../db/schema';
import { generateId } from '../auth/tokens';

type CommentRow = typeof comments.$inferSelect;

const asInfo = (row: CommentRow): CommentInfo => ({
	id: row.id,
	cardId: row.cardId,
	text: row.text,
	author: row.authorName,
	group: row.stakeholderGroup,
	mode: row.mode,
	hidden: row.hidden,
	createdAt: row.createdAt.toISOString()
});

/**
 * The reads of a snapshot, built and prepared once per database: every join and reconnect makes
 * one.
 */
const commentReads = prepared((database) => {
	const meetingId = sql.placeholder('meetingId');
	return {
		markCounts: database
			.select({ cardId: cardMarks.cardId, count: count() })
			.from(cardMarks)
			.where(eq(cardMarks.meetingId, meetingId))
			.groupBy(cardMarks.cardId)
			.prepare(),
		ofMeeting: database.select().from(comments).where(eq(comments.meetingId, meetingId)).prepare(),
		tags: database
			.select({ target: recordTags.target, targetId: recordTags.targetId, tag: recordTags.tag })
			.from(recordTags)
			.where(eq(recordTags.meetingId, meetingId))
			.prepare(),
		// By the participant alone (one meeting's): its index finds them however many the room made.
		marksOf: database
			.select({ cardId: cardMarks.cardId })
			.from(cardMarks)
			.where(eq(cardMarks.participantId, sql.placeholder('participantId')))
			.prepare()
	};
});

/** How many priority marks each card of a meeting has. */
export async function markCounts(meetingId: string): Promise<{ cardId: string; count: number }[]> {
	return await commentReads().markCounts.execute({ meetingId });
}

/** Every comment of a meeting, hidden ones too (the record says they were hidden), oldest first. */
export async function commentFactsOf(meetingId: string): Promise<RecordFacts['comments']> {
	return (
		await db()
			.select()
			.from(comments)
			.where(eq(comments.meetingId, meetingId))
			.orderBy(asc(comments.createdAt))
	).map((row) => ({
		id: row.id,
		cardId: row.cardId,
		text: row.text,
		authorName: row.authorName,
		stakeholderGroup: row.stakeholderGroup,
		mode: row.mode,
		hidden: row.hidden,
		at: row.createdAt
	}));
}

/** The key issues and takeaways tagged for the record, on cards, comments and questions. */
export async function tagFactsOf(meetingId: string): Promise<RecordFacts['tags']> {
	return await db()
		.select({
			target: recordTags.target,
			targetId: recordTags.targetId,
			tag: recordTags.tag,
			at: recordTags.createdAt
		})
		.from(recordTags)
		.where(eq(recordTags.meetingId, meetingId))
		// Tags made in the same millisecond come in the order of what they tag, in either database.
		.orderBy(
			asc(recordTags.createdAt),
			asc(recordTags.target),
			asc(recordTags.targetId),
			asc(recordTags.tag)
		);
}

/** The row of one tag on one card, comment or question. */
const tagOn = (meetingId: string, tag: TagInfo) =>
	and(
		eq(recordTags.meetingId, meetingId),
		eq(recordTags.target, tag.target),
		eq(recordTags.targetId, tag.targetId),
		eq(recordTags.tag, tag.tag)
	);

/** Whether a card, comment or question carries the tag (its sentence can then be written). */
export async function isTagged(tx: Tx, meetingId: string, tag: TagInfo): Promise<boolean> {
	return (
		(await first(tx.select({ tag: recordTags.tag }).from(recordTags).where(tagOn(meetingId, tag)))) !==
		undefined
	);
}

export async function commentsState(meeting: Meeting, staff: boolean): Promise<CommentsState> {
	const reads = commentReads();
	const rows = await reads.ofMeeting.execute({ meetingId: meeting.id });
	const marks = staff ? await markCounts(meeting.id) : [];
	const tags = staff ? await reads.tags.execute({ meetingId: meeting.id }) : [];
	const visible = rows.filter((row) => staff || !row.hidden).map(asInfo);
	return {
		...newestComments(visible, COMMENTS_SHOWN_PER_CARD, meeting.onScreenCommentId),
		marks: Object.fromEntries(marks.map((mark) => [mark.cardId, mark.count])),
		tags,
		onScreenCommentId: meeting.onScreenCommentId,
		deadline: commentDeadlineOf(meeting)
	};
}

/** The comment deadline the server enforces and phones show (none in a rehearsal). */
export function commentDeadlineOf(meeting: Meeting): string | null {
	return deadlineInForce(meeting.commentDeadline?.toISOString() ?? null, meeting.rehearsal);
}

export async function marksOf(participantId: string): Promise<string[]> {
	return (await commentReads().marksOf.execute({ participantId })).map((mark) => mark.cardId);
}

export async function insertComment(
	tx: Tx,
	meetingId: string,
	comment: Omit<CommentRow, 'id' | 'meetingId' | 'hidden' | 'createdAt'>
): Promise<CommentInfo> {
	const [row] = await tx
		.insert(comments)
		.values({ id: generateId(), meetingId, createdAt: new Date(), ...comment })
		.returning();
	return asInfo(row);
}

export async function findComment(meetingId: string, commentId: string): Promise<CommentRow | undefined> {
	return await first(
		db()
			.select()
			.from(comments)
			.where(and(eq(comments.meetingId, meetingId), eq(comments.id, commentId)))
	);
}

export async function storeMark(
	tx: Tx,
	meetingId: string,
	cardId: string,
	participantId: string,
	marked: boolean
): Promise<boolean> {
	if (marked)
		return (
			(await rowsChanged(
				tx.insert(cardMarks).values({ meetingId, cardId, participantId }).onConflictDoNothing()
			)) > 0
		);
	return (
		(await rowsChanged(
			tx
				.delete(cardMarks)
				.where(
					and(
						eq(cardMarks.meetingId, meetingId),
						eq(cardMarks.cardId, cardId),
						eq(cardMarks.participantId, participantId)
					)
				)
		)) > 0
	);
}

export async function storeCommentHidden(tx: Tx, commentId: string, hidden: boolean): Promise<boolean> {
	return (await rowsChanged(tx.update(comments).set({ hidden }).where(eq(comments.id, commentId)))) > 0;
}

export async function storeDeadline(tx: Tx, meetingId: string, deadline: Date | null): Promise<boolean> {
	await tx.update(meetings).set({ commentDeadline: deadline }).where(eq(meetings.id, meetingId));
	return true;
}

export async function storeTag(
	tx: Tx,
	meetingId: string,
	tag: TagInfo,
	userId: string,
	on: boolean
): Promise<boolean> {
	if (on) {
		return (
			(await rowsChanged(
				tx
					.insert(recordTags)
					.values({ meetingId, ...tag, userId, createdAt: new Date() })
					.onConflictDoNothing()
			)) > 0
		);
	}
	return (await rowsChanged(tx.delete(recordTags).where(tagOn(meetingId, tag)))) > 0;
}
