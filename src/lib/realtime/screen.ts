import { screenFrom, type Screen } from '$lib/domain/screen';
import type { MeetingSnapshot } from './protocol';

/** What the projector shows, from the snapshot every client holds: the console and the projector agree. */
export function screenOfSnapshot(snapshot: MeetingSnapshot): Screen {
	return screenFrom({
		pollId: snapshot.onScreenPollId,
		questionId: snapshot.qa.onScreenQuestionId,
		commentId: snapshot.comments.onScreenCommentId
	});
}
