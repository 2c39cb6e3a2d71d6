import { commentsOpen } from '$lib/domain/comments';
import { moderateOverlay } from '$lib/domain/screen';
import {
	findComment,
	insertComment,
	storeCommentHidden,
	commentDeadlineOf,
	storeDeadline,
	storeMark,
	storeTag
} from '../comments/store';
import { agendaOf } from '../meetings/snapshot';
import { changeScreen, nextVersion } from '../meetings/state';
import { findQuestion } from '../questions/store';
import { profileOf } from '../participants';
import { limits } from '../limits';
import { fail, onCommand } from './command';

const commentsChanged = (meetingId: string) => [{ name: 'comments.changed', meetingId } as const];
const NO_CARD = 'There is no such card in this meeting.';

async function cardExists(meetingId: string, id: string): Promise<boolean> {
	return (await agendaOf(meetingId)).some((item) =>
		[...item.cards, ...(item.focus?.cards ?? [])].some((card) => card.id === id)
	);
}

/** Comments and priority marks on cards, their moderation, and the record's tags. */
export function registerCommentCommands(): void {
	onCommand('card:comment', {
		who: 'attendee',
		limit: { limit: limits.comment, what: 'You have sent several comments in a row' },
		async decide(tx, { cardId, text }, { meetingId, caller: { participantId }, meeting }) {
			if (!(await cardExists(meetingId, cardId))) return fail('not_found', NO_CARD);
			const deadline = commentDeadlineOf(await meeting());
			if (!commentsOpen(deadline, new Date()))
				return fail('conflict', `Comments closed on ${deadline} (UTC).`);
			const profile = await profileOf(participantId);
			const comment = await insertComment(tx, meetingId, {
				cardId,
				participantId,
				authorName: profile.displayName,
				stakeholderGroup: profile.stakeholderGroup,
				mode: profile.mode,
				text
			});
			return { data: { comment }, events: commentsChanged(meetingId) };
		}
	});

	onCommand('card:priority', {
		who: 'attendee',
		limit: { limit: limits.mark, what: 'Too many changes at once' },
		async decide(tx, { cardId, marked }, { meetingId, caller: { participantId } }) {
			if (!(await cardExists(meetingId, cardId))) return fail('not_found', NO_CARD);
			const changed = await storeMark(tx, meetingId, cardId, participantId, marked);
			return { data: { cardId, marked }, events: changed ? commentsChanged(meetingId) : [] };
		}
	});

	onCommand('comment:moderate', {
		who: ['moderator', 'rapporteur'],
		async decide(tx, { commentId, action }, { meetingId, caller, meeting }) {
			if (!(await findComment(meetingId, commentId)))
				return fail('not_found', 'This comment does not exist in this meeting.');
			if (!caller.roles.has('moderator') && action !== 'project' && action !== 'unproject') {
				return fail('forbidden', 'Only a moderator hides comments.');
			}
			if (action === 'hide' || action === 'show') await storeCommentHidden(tx, commentId, action === 'hide');
			const screen = await changeScreen(tx, await meeting(), (on) =>
				moderateOverlay(on, 'comment', commentId, action)
			);
			return { data: { done: true }, events: [...commentsChanged(meetingId), ...screen] };
		}
	});

	onCommand('comments:deadline', {
		who: ['moderator'],
		async decide(tx, command, { meetingId }) {
			const deadline = command.deadline ? new Date(command.deadline) : null;
			await storeDeadline(tx, meetingId, deadline);
			// The meeting's own deadline changes too (what the console shows in a rehearsal): a new
			// version, so that clients take the meeting:changed that carries it (and the comments).
			await nextVersion(tx, meetingId);
			const events = [{ name: 'meeting.changed', meetingId } as const];
			return { data: { deadline: deadline?.toISOString() ?? null }, events };
		}
	});

	onCommand('record:tag', {
		who: ['moderator', 'rapporteur'],
		async decide(tx, { target, targetId, tag, on }, { meetingId, caller }) {
			const exists =
				target === 'card'
					? await cardExists(meetingId, targetId)
					: target === 'comment'
						? !!(await findComment(meetingId, targetId))
						: !!(await findQuestion(meetingId, targetId));
			if (!exists) return fail('not_found', `There is no such ${target} in this meeting.`);
			const changed = await storeTag(tx, meetingId, { target, targetId, tag }, caller.user.id, on);
			return { data: { on }, events: changed ? commentsChanged(meetingId) : [] };
		}
	});
}
