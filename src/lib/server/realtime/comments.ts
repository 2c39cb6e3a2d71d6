import { z } from 'zod';
import { commentsOpen, TAG_TARGETS, TAGS } from '$lib/domain/comments';
import type { CommentInfo } from '$lib/realtime/protocol';
import {
	findComment,
	insertComment,
	moderateComment,
	storeDeadline,
	storeMark,
	storeTag,
	commentsState
} from '../comments/store';
import { agendaOf } from '../meetings/snapshot';
import { findMeetingById } from '../meetings/store';
import { applyCommand } from '../commands';
import { findQuestion } from '../questions/store';
import { profileOf } from '../participants';
import { ackOf, describeIssues, fail, guarded, withinLimit } from './ack';
import { limits } from '../limits';
import { hub, type PlenarySocket } from './hub';
import { attendeeOf, moderatorOf, staffOf } from './access';

const clientId = z.string().min(8).max(64);
const cardId = z.string().min(1).max(64);
const commentSchema = z.object({
	clientId,
	cardId,
	text: z
		.string()
		.trim()
		.min(2, 'Write a comment first.')
		.max(1000, 'Keep the comment under 1,000 characters.')
});
const markSchema = z.object({ clientId, cardId, marked: z.boolean() });
const moderateSchema = z.object({
	clientId,
	commentId: z.string().min(1).max(64),
	action: z.enum(['hide', 'show', 'project', 'unproject'])
});
const deadlineSchema = z.object({ clientId, deadline: z.iso.datetime({ offset: true }).nullable() });
const tagSchema = z.object({
	clientId,
	target: z.enum(TAG_TARGETS),
	targetId: z.string().min(1).max(64),
	tag: z.enum(TAGS),
	on: z.boolean()
});

export function announceComments(meetingId: string): void {
	hub.live(meetingId, 'comments', (audience) => {
		const meeting = findMeetingById(meetingId);
		if (!meeting) return;
		hub.emitTo(meetingId, audience, 'comments:changed', (staff) => [commentsState(meeting, staff)]);
	});
}

function cardExists(meetingId: string, id: string): boolean {
	return agendaOf(meetingId).some((item) =>
		[...item.cards, ...(item.focus?.cards ?? [])].some((card) => card.id === id)
	);
}

export function registerCommentHandlers(socket: PlenarySocket): void {
	const { meetingId } = socket.data;

	socket.on('card:comment', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ comment: CommentInfo }>(callback);
		void guarded(ack, async () => {
			const attendee = attendeeOf(socket.data, 'Join the meeting from its page to comment.');
			if ('error' in attendee) return attendee;
			const { participantId } = attendee;
			const parsed = commentSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const meeting = findMeetingById(meetingId);
			if (!meeting) return fail('not_found', 'This meeting no longer exists.');
			if (!cardExists(meetingId, parsed.data.cardId))
				return fail('not_found', 'There is no such card in this meeting.');
			const deadline = meeting.commentDeadline?.toISOString() ?? null;
			if (!commentsOpen(deadline, new Date()))
				return fail('conflict', `Comments closed on ${deadline} (UTC).`);
			const limited = await withinLimit(
				limits.comment,
				participantId,
				'You have sent several comments in a row'
			);
			if (limited) return limited;
			const profile = profileOf(participantId);
			let created: CommentInfo | null = null;
			applyCommand(meetingId, participantId, parsed.data.clientId, (tx) => {
				created = insertComment(tx, meetingId, {
					cardId: parsed.data.cardId,
					participantId,
					authorName: profile.displayName,
					stakeholderGroup: profile.stakeholderGroup,
					mode: profile.mode,
					text: parsed.data.text
				});
				return true;
			});
			announceComments(meetingId);
			return created
				? { data: { comment: created } }
				: fail('conflict', 'This comment was already received.');
		});
	});

	socket.on('card:priority', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ cardId: string; marked: boolean }>(callback);
		void guarded(ack, async () => {
			const attendee = attendeeOf(socket.data, 'Join the meeting from its page first.');
			if ('error' in attendee) return attendee;
			const { participantId } = attendee;
			const parsed = markSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			if (!cardExists(meetingId, parsed.data.cardId))
				return fail('not_found', 'There is no such card in this meeting.');
			const limited = await withinLimit(limits.mark, participantId, 'Too many changes at once');
			if (limited) return limited;
			const { cardId: card, marked } = parsed.data;
			const { changed } = applyCommand(meetingId, participantId, parsed.data.clientId, (tx) =>
				storeMark(tx, meetingId, card, participantId, marked)
			);
			if (changed) announceComments(meetingId);
			return { data: { cardId: card, marked } };
		});
	});

	socket.on('comment:moderate', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ done: boolean }>(callback);
		void guarded(ack, () => {
			const staff = staffOf(socket.data, ['moderator', 'rapporteur']);
			if ('error' in staff) return staff;
			const parsed = moderateSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const { commentId, action } = parsed.data;
			if (!findComment(meetingId, commentId))
				return fail('not_found', 'This comment does not exist in this meeting.');
			if (!staff.roles.has('moderator') && action !== 'project' && action !== 'unproject') {
				return fail('forbidden', 'Only a moderator hides comments.');
			}
			const { changed } = applyCommand(meetingId, staff.user.id, parsed.data.clientId, (tx) =>
				moderateComment(tx, meetingId, commentId, action)
			);
			if (changed) announceComments(meetingId);
			return { data: { done: changed } };
		});
	});

	socket.on('comments:deadline', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ deadline: string | null }>(callback);
		void guarded(ack, () => {
			const moderator = moderatorOf(socket.data);
			if ('error' in moderator) return moderator;
			const parsed = deadlineSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const deadline = parsed.data.deadline ? new Date(parsed.data.deadline) : null;
			const { changed } = applyCommand(meetingId, moderator.user.id, parsed.data.clientId, (tx) =>
				storeDeadline(tx, meetingId, deadline)
			);
			if (changed) announceComments(meetingId);
			return { data: { deadline: deadline?.toISOString() ?? null } };
		});
	});

	socket.on('record:tag', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ on: boolean }>(callback);
		void guarded(ack, () => {
			const staff = staffOf(socket.data, ['moderator', 'rapporteur']);
			if ('error' in staff) return staff;
			const parsed = tagSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const { target, targetId, tag, on } = parsed.data;
			const exists =
				target === 'card'
					? cardExists(meetingId, targetId)
					: target === 'comment'
						? !!findComment(meetingId, targetId)
						: !!findQuestion(meetingId, targetId);
			if (!exists) return fail('not_found', `There is no such ${target} in this meeting.`);
			const { changed } = applyCommand(meetingId, staff.user.id, parsed.data.clientId, (tx) =>
				storeTag(tx, meetingId, { target, targetId, tag }, staff.user.id, on)
			);
			if (changed) announceComments(meetingId);
			return { data: { on } };
		});
	});
}
