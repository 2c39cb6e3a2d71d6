import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { MeetingRole } from '$lib/domain/meeting';
import type { RecordFacts } from '$lib/domain/record/facts';
import type { AgreedTopicInfo } from '$lib/realtime/protocol';
import { type Tx, db, first, prepared } from '../db';
import { agreedTopicChanges, agreedTopics, users } from '../db/schema';
import { personNameIfAny } from '../auth/names';

/** Prepared once per database: every snapshot (each join and reconnect) reads them. */
const agreedTopicsByMeeting = prepared((database) =>
	database
		.select({
			id: agreedTopics.id,
			wording: agreedTopics.wording,
			itemId: agreedTopics.itemId,
			pollId: agreedTopics.pollId
		})
		.from(agreedTopics)
		.where(and(eq(agreedTopics.meetingId, sql.placeholder('meetingId')), eq(agreedTopics.status, 'agreed')))
		.orderBy(asc(agreedTopics.position))
		.prepare()
);

/** The topics agreed so far, as the room sees them. */
export async function agreedTopicsOf(meetingId: string): Promise<AgreedTopicInfo[]> {
	return await agreedTopicsByMeeting().execute({ meetingId });
}

export async function findTopic(meetingId: string, topicId: string) {
	return await first(
		db()
			.select()
			.from(agreedTopics)
			.where(and(eq(agreedTopics.meetingId, meetingId), eq(agreedTopics.id, topicId)))
	);
}

export async function declareTopic(
	tx: Tx,
	meetingId: string,
	topic: { id: string; itemId: string | null; pollId: string | null; wording: string },
	userId: string,
	role: MeetingRole
): Promise<void> {
	const position =
		(await (
			await first(tx.select({ n: count() }).from(agreedTopics).where(eq(agreedTopics.meetingId, meetingId)))
		)?.n) ?? 0;
	await tx.insert(agreedTopics).values({ ...topic, meetingId, position, status: 'agreed' });
	await tx
		.insert(agreedTopicChanges)
		.values({ topicId: topic.id, change: 'declared', wording: topic.wording, userId, role, at: new Date() });
}

export async function changeTopic(
	tx: Tx,
	topicId: string,
	change: { kind: 'reworded'; wording: string } | { kind: 'withdrawn' },
	userId: string,
	role: MeetingRole
): Promise<boolean> {
	const topic = await first(tx.select().from(agreedTopics).where(eq(agreedTopics.id, topicId)));
	if (!topic) return false;
	if (change.kind === 'withdrawn') {
		if (topic.status === 'withdrawn') return false;
		await tx.update(agreedTopics).set({ status: 'withdrawn' }).where(eq(agreedTopics.id, topicId));
	} else {
		if (topic.wording === change.wording) return false;
		await tx.update(agreedTopics).set({ wording: change.wording }).where(eq(agreedTopics.id, topicId));
	}
	await tx.insert(agreedTopicChanges).values({
		topicId,
		change: change.kind,
		wording: change.kind === 'reworded' ? change.wording : topic.wording,
		userId,
		role,
		at: new Date()
	});
	return true;
}

/** Every topic ever declared, withdrawn ones too, each with its history of changes. */
export async function topicFactsOf(meetingId: string): Promise<RecordFacts['topics']> {
	const topics = await db().select().from(agreedTopics).where(eq(agreedTopics.meetingId, meetingId));
	if (topics.length === 0) return [];
	const changes = await db()
		.select({
			topicId: agreedTopicChanges.topicId,
			change: agreedTopicChanges.change,
			wording: agreedTopicChanges.wording,
			by: personNameIfAny(),
			role: agreedTopicChanges.role,
			at: agreedTopicChanges.at
		})
		.from(agreedTopicChanges)
		.leftJoin(users, eq(users.id, agreedTopicChanges.userId))
		.where(
			inArray(
				agreedTopicChanges.topicId,
				topics.map((t) => t.id)
			)
		)
		.orderBy(asc(agreedTopicChanges.id));
	return topics.map((topic) => ({
		id: topic.id,
		itemId: topic.itemId,
		pollId: topic.pollId,
		position: topic.position,
		history: changes
			.filter((c) => c.topicId === topic.id)
			.map(({ change, wording, by, role, at }) => ({ change, wording, by, role, at }))
	}));
}
