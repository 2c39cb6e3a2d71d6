import { z } from 'zod';
import { initialStatus, isPublic, type QuestionStatus } from '$lib/domain/questions';
import type { QuestionInfo } from '$lib/realtime/protocol';
import { findMeetingById } from '../meetings/store';
import { applyCommand, applyCommandSoon } from '../commands';
import {
	allQuestions,
	findQuestion,
	insertQuestion,
	moderateQuestion,
	questionsState,
	storePremoderation,
	storeUpvote
} from '../questions/store';
import { profileOf } from '../participants';
import { ackOf, describeIssues, fail, guarded, withinLimit } from './ack';
import { limits } from '../limits';
import { hub, type PlenarySocket } from './hub';
import { attendeeOf, moderatorOf, staffOf } from './access';

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

/** Coalesced: an upvote burst is a few updates a second on the projector, one a second on phones. */
export function announceQuestions(meetingId: string): void {
	hub.live(meetingId, 'questions', (audience) => {
		const meeting = findMeetingById(meetingId);
		if (!meeting) return;
		const all = allQuestions(meetingId);
		hub.emitTo(meetingId, audience, 'questions:changed', (staff) => [questionsState(meeting, staff, all)]);
	});
}

export function registerQuestionHandlers(socket: PlenarySocket): void {
	const { meetingId } = socket.data;

	socket.on('question:ask', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ question: QuestionInfo }>(callback);
		void guarded(ack, async () => {
			const attendee = attendeeOf(socket.data, 'Join the meeting from its page to ask.');
			if ('error' in attendee) return attendee;
			const { participantId } = attendee;
			const parsed = askSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const meeting = findMeetingById(meetingId);
			if (!meeting) return fail('not_found', 'This meeting no longer exists.');
			const limited = await withinLimit(
				limits.question,
				participantId,
				'You have asked several questions in a row'
			);
			if (limited) return limited;
			const profile = profileOf(participantId);
			let created: QuestionInfo | null = null;
			applyCommand(meetingId, participantId, parsed.data.clientId, (tx) => {
				created = insertQuestion(tx, meetingId, {
					participantId,
					authorName: parsed.data.anonymous ? null : profile.displayName,
					stakeholderGroup: profile.stakeholderGroup,
					mode: profile.mode,
					text: parsed.data.text,
					status: initialStatus(meeting.premoderation)
				});
				return true;
			});
			announceQuestions(meetingId);
			if (created) return { data: { question: created } };
			return fail('conflict', 'This question was already received.');
		});
	});

	socket.on('question:upvote', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ questionId: string; up: boolean }>(callback);
		void guarded(ack, async () => {
			const attendee = attendeeOf(socket.data, 'Join the meeting from its page to upvote.');
			if ('error' in attendee) return attendee;
			const { participantId } = attendee;
			const parsed = upvoteSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const question = findQuestion(meetingId, parsed.data.questionId);
			if (!question || !isPublic(question.status))
				return fail('not_found', 'This question is not open for upvotes.');
			const limited = await withinLimit(limits.upvote, participantId, 'Too many upvotes at once');
			if (limited) return limited;
			const { questionId, up } = parsed.data;
			const { changed } = await applyCommandSoon(meetingId, participantId, parsed.data.clientId, (tx) =>
				storeUpvote(tx, questionId, participantId, up)
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
			const { changed } = applyCommand(meetingId, moderator.user.id, parsed.data.clientId, (tx) =>
				moderateQuestion(tx, meetingId, question, parsed.data.action)
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
			const { changed } = applyCommand(meetingId, moderator.user.id, parsed.data.clientId, (tx) =>
				storePremoderation(tx, meetingId, premoderation)
			);
			if (changed) announceQuestions(meetingId);
			return { data: { premoderation } };
		});
	});
}
