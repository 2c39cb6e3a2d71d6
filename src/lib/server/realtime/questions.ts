import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { initialStatus, isPublic, type QuestionStatus } from '$lib/domain/questions';
import type { StakeholderGroup } from '$lib/domain/meeting';
import type { QuestionInfo } from '$lib/realtime/protocol';
import { db } from '../db';
import { participants } from '../db/schema';
import { findMeetingById } from '../meetings/store';
import { storePollChange as applyOnce } from '../polls/store';
import {
	allQuestions,
	findQuestion,
	insertQuestion,
	moderateQuestion,
	questionsState,
	storePremoderation,
	storeUpvote
} from '../questions/store';
import { ackOf, describeIssues, fail, guarded } from './ack';
import { hub, meetingRoom, moderatorRoom, type PlenarySocket } from './hub';
import { moderatorOf, staffOf } from './moderators';
import { RateLimit } from './rateLimit';

const clientId = z.string().min(8).max(64);
const askSchema = z.object({
	clientId,
	text: z
		.string()
		.trim()
		.min(3, 'Write a question of at least a few words.')
		.max(500, 'Keep the question under 500 characters.'),
	anonymous: z.boolean()
});
const upvoteSchema = z.object({ clientId, questionId: z.string().min(1).max(64), up: z.boolean() });
const moderateSchema = z.object({
	clientId,
	questionId: z.string().min(1).max(64),
	action: z.enum(['approve', 'hide', 'answer', 'project', 'unproject'])
});
const settingsSchema = z.object({ clientId, premoderation: z.boolean() });

/** Five questions a minute and a burst of upvotes per participant: enough for a person, not for a script. */
const asking = new RateLimit(5, 60_000);
const upvoting = new RateLimit(60, 60_000);

const pending = new Map<string, ReturnType<typeof setTimeout>>();
const noVersion = { bumpVersion: false };

/** Coalesced: an upvote burst is one update per audience every quarter second. */
export function announceQuestions(meetingId: string): void {
	if (pending.has(meetingId)) return;
	const timer = setTimeout(() => {
		pending.delete(meetingId);
		const meeting = findMeetingById(meetingId);
		const io = hub.io;
		if (!meeting || !io) return;
		const all = allQuestions(meetingId);
		io.to(meetingRoom(meetingId))
			.except(moderatorRoom(meetingId))
			.emit('questions:changed', questionsState(meeting, false, all));
		io.to(moderatorRoom(meetingId)).emit('questions:changed', questionsState(meeting, true, all));
	}, 250);
	timer.unref();
	pending.set(meetingId, timer);
}

export function registerQuestionHandlers(socket: PlenarySocket): void {
	const { meetingId } = socket.data;

	socket.on('question:ask', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ question: QuestionInfo }>(callback);
		void guarded(ack, () => {
			const participantId = socket.data.participantId;
			if (socket.data.role !== 'attendee' || !participantId)
				return fail('unauthorised', 'Join the meeting from its page to ask.');
			const parsed = askSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const meeting = findMeetingById(meetingId);
			if (!meeting) return fail('not_found', 'This meeting no longer exists.');
			if (!asking.allow(participantId))
				return fail('conflict', 'You have asked several questions in a row: wait a minute before the next.');
			const profile = db().select().from(participants).where(eq(participants.id, participantId)).get();
			let created: QuestionInfo | null = null;
			applyOnce(
				meetingId,
				participantId,
				parsed.data.clientId,
				(tx) => {
					const row = insertQuestion(tx, meetingId, {
						participantId,
						authorName: parsed.data.anonymous ? null : (profile?.displayName ?? null),
						stakeholderGroup: (profile?.stakeholderGroup as StakeholderGroup | null) ?? null,
						mode: profile?.mode ?? null,
						text: parsed.data.text,
						status: initialStatus(meeting.premoderation)
					});
					created = {
						id: row.id,
						text: row.text,
						author: row.authorName,
						group: row.stakeholderGroup as StakeholderGroup | null,
						mode: row.mode,
						status: row.status,
						upvotes: 0,
						askedAt: row.askedAt.toISOString()
					};
					return true;
				},
				noVersion
			);
			announceQuestions(meetingId);
			if (created) return { data: { question: created } };
			return fail('conflict', 'This question was already received.');
		});
	});

	socket.on('question:upvote', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ questionId: string; up: boolean }>(callback);
		void guarded(ack, () => {
			const participantId = socket.data.participantId;
			if (socket.data.role !== 'attendee' || !participantId)
				return fail('unauthorised', 'Join the meeting from its page to upvote.');
			const parsed = upvoteSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const question = findQuestion(meetingId, parsed.data.questionId);
			if (!question || !isPublic(question.status))
				return fail('not_found', 'This question is not open for upvotes.');
			if (!upvoting.allow(participantId))
				return fail('conflict', 'Too many upvotes at once: try again in a minute.');
			const { questionId, up } = parsed.data;
			const { changed } = applyOnce(
				meetingId,
				participantId,
				parsed.data.clientId,
				(tx) => storeUpvote(tx, questionId, participantId, up),
				noVersion
			);
			if (changed) announceQuestions(meetingId);
			return { data: { questionId, up } };
		});
	});

	socket.on('question:moderate', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ status: QuestionStatus }>(callback);
		void guarded(ack, () => {
			const moderator = staffOf(socket.data, ['moderator', 'remote_moderator']);
			if ('error' in moderator) return moderator;
			const parsed = moderateSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const question = findQuestion(meetingId, parsed.data.questionId);
			if (!question) return fail('not_found', 'This question does not exist in this meeting.');
			// The remote moderator brings remote questions forward (or holds them back), nothing more.
			const remoteOnly = !moderator.roles.has('moderator');
			if (remoteOnly && (question.mode !== 'remote' || !['approve', 'hide'].includes(parsed.data.action))) {
				return fail('forbidden', 'A remote moderator approves or hides remote questions only.');
			}
			if (parsed.data.action === 'project' && question.status === 'hidden')
				return fail('invalid', 'A hidden question cannot go on the projector.');
			const { changed } = applyOnce(
				meetingId,
				moderator.user.id,
				parsed.data.clientId,
				(tx) => moderateQuestion(tx, meetingId, question, parsed.data.action),
				noVersion
			);
			if (changed) announceQuestions(meetingId);
			return { data: { status: findQuestion(meetingId, question.id)?.status ?? question.status } };
		});
	});

	socket.on('question:settings', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ premoderation: boolean }>(callback);
		void guarded(ack, () => {
			const moderator = moderatorOf(socket.data);
			if ('error' in moderator) return moderator;
			const parsed = settingsSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const { premoderation } = parsed.data;
			const { changed } = applyOnce(
				meetingId,
				moderator.user.id,
				parsed.data.clientId,
				(tx) => storePremoderation(tx, meetingId, premoderation),
				noVersion
			);
			if (changed) announceQuestions(meetingId);
			return { data: { premoderation } };
		});
	});
}
