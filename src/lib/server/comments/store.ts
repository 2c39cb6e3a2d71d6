import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { RecordFacts } from '$lib/domain/record/facts';
import { COMMENTS_SHOWN_PER_CARD, deadlineInForce, newestComments } from '$lib/domain/comments';
import type { CommentInfo, CommentsState, TagInfo } from '$lib/realtime/protocol';
import { db, prepared, type Tx } from '../db';
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
export function markCounts(meetingId: string): { cardId: string; count: number }[] {
	return commentReads().markCounts.all({ meetingId });
}

/** Every comment of a meeting, hidden ones too (the record says they were hidden), oldest first. */
export function commentFactsOf(meetingId: string): RecordFacts['comments'] {
	return db()
		.select()
		.from(comments)
		.where(eq(comments.meetingId, meetingId))
		.orderBy(asc(comments.createdAt))
		.all()
		.map((row) => ({
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
export function tagFactsOf(meetingId: string): RecordFacts['tags'] {
	return (
		db()
			.select({
				target: recordTags.target,
				targetId: recordTags.targetId,
				tag: recordTags.tag,
				at: recordTags.createdAt
			})
			.from(recordTags)
			.where(eq(recordTags.meetingId, meetingId))
			// Tags made in the same millisecond keep the order they were made in.
			.orderBy(asc(recordTags.createdAt), sql`rowid`)
			.all()
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
export function isTagged(tx: Tx, meetingId: string, tag: TagInfo): boolean {
	return tx.select({ tag: recordTags.tag }).from(recordTags).where(tagOn(meetingId, tag)).get() !== undefined;
}

export function commentsState(meeting: Meeting, staff: boolean): CommentsState {
	const reads = commentReads();
	const rows = reads.ofMeeting.all({ meetingId: meeting.id });
	const marks = staff ? markCounts(meeting.id) : [];
	const tags = staff ? reads.tags.all({ meetingId: meeting.id }) : [];
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

export function marksOf(participantId: string): string[] {
	return commentReads()
		.marksOf.all({ participantId })
		.map((mark) => mark.cardId);
}

export function insertComment(
	tx: Tx,
	meetingId: string,
	comment: Omit<CommentRow, 'id' | 'meetingId' | 'hidden' | 'createdAt'>
): CommentInfo {
	const row = tx
		.insert(comments)
		.values({ id: generateId(), meetingId, createdAt: new Date(), ...comment })
		.returning()
		.get();
	return asInfo(row);
}

export function findComment(meetingId: string, commentId: string): CommentRow | undefined {
	return db()
		.select()
		.from(comments)
		.where(and(eq(comments.meetingId, meetingId), eq(comments.id, commentId)))
		.get();
}

export function storeMark(
	tx: Tx,
	meetingId: string,
	cardId: string,
	participantId: string,
	marked: boolean
): boolean {
	if (marked)
		return (
			tx.insert(cardMarks).values({ meetingId, cardId, participantId }).onConflictDoNothing().run().changes >
			0
		);
	return (
		tx
			.delete(cardMarks)
			.where(
				and(
					eq(cardMarks.meetingId, meetingId),
					eq(cardMarks.cardId, cardId),
					eq(cardMarks.participantId, participantId)
				)
			)
			.run().changes > 0
	);
}

export function storeCommentHidden(tx: Tx, commentId: string, hidden: boolean): boolean {
	return tx.update(comments).set({ hidden }).where(eq(comments.id, commentId)).run().changes > 0;
}

export function storeDeadline(tx: Tx, meetingId: string, deadline: Date | null): boolean {
	tx.update(meetings).set({ commentDeadline: deadline }).where(eq(meetings.id, meetingId)).run();
	return true;
}

export function storeTag(tx: Tx, meetingId: string, tag: TagInfo, userId: string, on: boolean): boolean {
	if (on) {
		return (
			tx
				.insert(recordTags)
				.values({ meetingId, ...tag, userId, createdAt: new Date() })
				.onConflictDoNothing()
				.run().changes > 0
		);
	}
	return tx.delete(recordTags).where(tagOn(meetingId, tag)).run().changes > 0;
}
