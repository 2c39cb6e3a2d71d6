import { initialStatus, isPublic, statusAfter } from '$lib/domain/questions';
import { moderateOverlay } from '$lib/domain/screen';
import {
	findQuestion,
	insertQuestion,
	questionsState,
	storePremoderation,
	storeQuestionStatus,
	storeUpvote
} from '../questions/store';
import { changeScreen } from '../meetings/state';
import { profileOf } from '../participants';
import { limits } from '../limits';
import { fail, onCommand, onRead } from './command';
import { findMeetingById } from '../meetings/store';
import { validateSessionToken } from '../auth/session';
import { rolesIn } from '../auth/roles';
import { describeIssues, moreQuestionsSchema } from '$lib/realtime/schemas';
import type { PlenarySocket } from './hub';

/** A staff connection's session is checked again on every read of what only staff see. */
async function staffStill(token: string | null, meetingId: string): Promise<boolean> {
	const user = token ? (await validateSessionToken(token)).user : null;
	return !!user && (await rolesIn(user, meetingId)).size > 0;
}

const questionsChanged = (meetingId: string) => [{ name: 'questions.changed', meetingId } as const];

/** More of the list than updates carry, as this connection's role may see it. */
export function registerQuestionReads(socket: PlenarySocket): void {
	onRead(
		socket,
		'questions:more',
		{ limit: limits.moreQuestions, what: 'Too many requests for more questions' },
		async (payload) => {
			const query = moreQuestionsSchema.safeParse(payload);
			if (!query.success) return fail('invalid', describeIssues(query.error));
			const meeting = await findMeetingById(socket.data.meetingId);
			if (!meeting) return fail('not_found', 'This meeting no longer exists.');
			const staff = socket.data.role === 'moderator';
			if (staff && !(await staffStill(socket.data.sessionToken, meeting.id)))
				return fail('unauthorised', 'Sign in to do this.');
			return { data: await questionsState(meeting, staff, query.data.count) };
		}
	);
}

export function registerQuestionCommands(): void {
	onCommand('question:ask', {
		who: 'attendee',
		limit: { limit: limits.question, what: 'You have asked several questions in a row' },
		async decide(tx, { text, anonymous }, { meetingId, caller: { participantId }, meeting }) {
			const profile = await profileOf(participantId);
			// Anonymous means no one can tell who: with three people in a group, the group names them.
			// So an anonymous question keeps neither, anywhere; it is the moderator's to moderate.
			const question = await insertQuestion(tx, meetingId, {
				participantId,
				authorName: anonymous ? null : profile.displayName,
				stakeholderGroup: anonymous ? null : profile.stakeholderGroup,
				mode: anonymous ? null : profile.mode,
				text,
				status: initialStatus((await meeting()).premoderation)
			});
			return { data: { question }, events: questionsChanged(meetingId) };
		}
	});

	onCommand('question:upvote', {
		who: 'attendee',
		limit: { limit: limits.upvote, what: 'Too many upvotes at once' },
		burst: true,
		async decide(tx, { questionId, up }, { meetingId, caller: { participantId } }) {
			const question = await findQuestion(meetingId, questionId);
			if (!question || !isPublic(question.status))
				return fail('not_found', 'This question is not open for upvotes.');
			const changed = await storeUpvote(tx, questionId, participantId, up);
			return { data: { questionId, up }, events: changed ? questionsChanged(meetingId) : [] };
		}
	});

	onCommand('question:moderate', {
		who: ['moderator', 'remote_moderator'],
		async decide(tx, { questionId, action }, { meetingId, caller, meeting }) {
			const question = await findQuestion(meetingId, questionId);
			if (!question) return fail('not_found', 'This question does not exist in this meeting.');
			// The remote moderator brings remote questions forward (or holds them back), nothing more.
			const remoteOnly = !caller.roles.has('moderator');
			if (remoteOnly && (question.mode !== 'remote' || !['approve', 'hide'].includes(action))) {
				return fail('forbidden', 'A remote moderator approves or hides remote questions only.');
			}
			if (action === 'project' && question.status === 'hidden')
				return fail('invalid', 'A hidden question cannot go on the projector.');
			const status = statusAfter(action);
			if (status) await storeQuestionStatus(tx, question, status);
			const screen = await changeScreen(tx, await meeting(), (on) =>
				moderateOverlay(on, 'question', questionId, action)
			);
			return {
				data: { status: status ?? question.status },
				events: [...questionsChanged(meetingId), ...screen]
			};
		}
	});

	onCommand('question:settings', {
		who: ['moderator'],
		async decide(tx, { premoderation }, { meetingId }) {
			await storePremoderation(tx, meetingId, premoderation);
			return { data: { premoderation }, events: questionsChanged(meetingId) };
		}
	});
}
