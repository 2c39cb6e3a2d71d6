import type { ProjectorTheme } from '$lib/domain/meeting';
import type {
	AddSpeaker,
	AgendaTarget,
	CreatePoll,
	DeclareTopic,
	FloorSettings,
	PollAction,
	QuestionAction,
	RecordTextTarget,
	TagInfo
} from './protocol';
import { ScreenMeeting } from './screenMeeting';

/**
 * The live meeting as the moderator, the remote moderator and the rapporteur work it: the
 * commands the server allows their roles. Kept apart so an attendee's phone does not load them.
 */
export class StaffMeeting extends ScreenMeeting {
	move(to: AgendaTarget) {
		return this.command((socket, clientId) => socket.emitWithAck('agenda:move', { clientId, to }));
	}

	setProjectorTheme(theme: ProjectorTheme) {
		return this.command((socket, clientId) => socket.emitWithAck('projector:theme', { clientId, theme }));
	}

	/** Steps the projector to a page of what it shows now (`view`, see components/projector/paging.ts). */
	pageProjector(view: string, page: number) {
		return this.command((socket, clientId) => socket.emitWithAck('projector:page', { clientId, view, page }));
	}

	controlPoll(pollId: string, action: PollAction) {
		return this.command((socket, clientId) =>
			socket.emitWithAck('poll:control', { clientId, pollId, action })
		);
	}

	createPoll(poll: Omit<CreatePoll, 'clientId'>) {
		return this.command((socket, clientId) => socket.emitWithAck('poll:create', { clientId, ...poll }));
	}

	addSpeaker(speaker: Omit<AddSpeaker, 'clientId'>) {
		return this.command((socket, clientId) => socket.emitWithAck('floor:add', { clientId, ...speaker }));
	}

	removeSpeaker(requestId: string) {
		return this.command((socket, clientId) => socket.emitWithAck('floor:remove', { clientId, requestId }));
	}

	callNextSpeaker() {
		return this.command((socket, clientId) => socket.emitWithAck('floor:next', { clientId }));
	}

	/** Gives the floor to a panelist of a panel item: the console marks them speaking. */
	givePanelistTheFloor(panelistId: string) {
		return this.command((socket, clientId) => socket.emitWithAck('floor:panelist', { clientId, panelistId }));
	}

	endTurn() {
		return this.command((socket, clientId) => socket.emitWithAck('floor:end', { clientId }));
	}

	floorSettings(settings: Omit<FloorSettings, 'clientId'>) {
		return this.command((socket, clientId) =>
			socket.emitWithAck('floor:settings', { clientId, ...settings })
		);
	}

	moderateQuestion(questionId: string, action: QuestionAction) {
		return this.command((socket, clientId) =>
			socket.emitWithAck('question:moderate', { clientId, questionId, action })
		);
	}

	setPremoderation(premoderation: boolean) {
		return this.command((socket, clientId) =>
			socket.emitWithAck('question:settings', { clientId, premoderation })
		);
	}

	moderateComment(commentId: string, action: 'hide' | 'show' | 'project' | 'unproject') {
		return this.command((socket, clientId) =>
			socket.emitWithAck('comment:moderate', { clientId, commentId, action })
		);
	}

	setCommentDeadline(deadline: string | null) {
		return this.command((socket, clientId) =>
			socket.emitWithAck('comments:deadline', { clientId, deadline })
		);
	}

	tag(tag: TagInfo, on: boolean) {
		return this.command((socket, clientId) => socket.emitWithAck('record:tag', { clientId, ...tag, on }));
	}

	moderateText(pollId: string, key: string, status: 'approved' | 'hidden') {
		return this.command((socket, clientId) =>
			socket.emitWithAck('poll:moderate', { clientId, pollId, key, status })
		);
	}

	sessionClock(action: 'start' | 'end' | 'reopen') {
		return this.command((socket, clientId) => socket.emitWithAck('session:clock', { clientId, action }));
	}

	/** Retries carry the same client id, so a save that arrived twice is not taken for a conflict. */
	/** `accept`: a report field kept as the session prefilled it, which the record then calls accepted. */
	writeRecordText(target: RecordTextTarget, text: string, baseRevision: number, accept = false) {
		return this.command((socket, clientId) =>
			socket.emitWithAck('record:write', { clientId, target, text, baseRevision, accept })
		);
	}

	declareTopic(topic: Omit<DeclareTopic, 'clientId'>) {
		return this.command((socket, clientId) => socket.emitWithAck('topic:declare', { clientId, ...topic }));
	}

	rewordTopic(topicId: string, wording: string) {
		return this.command((socket, clientId) =>
			socket.emitWithAck('topic:reword', { clientId, topicId, wording })
		);
	}

	withdrawTopic(topicId: string) {
		return this.command((socket, clientId) => socket.emitWithAck('topic:withdraw', { clientId, topicId }));
	}
}
