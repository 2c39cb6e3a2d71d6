/**
 * What the projector shows. The agenda step is always there underneath; the moderator can put a
 * poll over it, and a question or a comment over either. One thing is visible at a time: the
 * highest layer that is set. Taking a question off shows the poll under it again. The latest
 * action wins: opening or projecting a poll takes off a question or comment on top of it, and
 * every screen (the projector, the console's preview and its "on the projector" marks) reads
 * what is shown through `visibleOn`.
 */
export interface Screen {
	pollId: string | null;
	overlay: { kind: 'question' | 'comment'; id: string } | null;
}

export const BLANK_SCREEN: Screen = { pollId: null, overlay: null };

/** The screen from the ids stored and sent for each layer (a question and a comment are never both set). */
export function screenFrom(ids: {
	pollId: string | null;
	questionId: string | null;
	commentId: string | null;
}): Screen {
	const overlay = ids.questionId
		? ({ kind: 'question', id: ids.questionId } as const)
		: ids.commentId
			? ({ kind: 'comment', id: ids.commentId } as const)
			: null;
	return { pollId: ids.pollId, overlay };
}

/** What the room sees now. */
export type Visible =
	| { kind: 'step' }
	| { kind: 'poll'; id: string }
	| { kind: 'question'; id: string }
	| { kind: 'comment'; id: string };

export function visibleOn(screen: Screen): Visible {
	if (screen.overlay) return { ...screen.overlay };
	if (screen.pollId) return { kind: 'poll', id: screen.pollId };
	return { kind: 'step' };
}

/** Whether this poll, question or comment is what the room sees now. */
export function isVisible(screen: Screen, kind: Visible['kind'], id: string): boolean {
	const visible = visibleOn(screen);
	return visible.kind === kind && 'id' in visible && visible.id === id;
}

/** A poll goes on screen over the step, and takes off whatever covered the screen. */
export const showPoll = (_screen: Screen, pollId: string): Screen => ({ pollId, overlay: null });

export const removePoll = (screen: Screen, pollId: string): Screen =>
	screen.pollId === pollId ? { ...screen, pollId: null } : screen;

/** A question or a comment goes on top, over the poll if there is one. */
export const showOverlay = (screen: Screen, kind: 'question' | 'comment', id: string): Screen => ({
	...screen,
	overlay: { kind, id }
});

/** Taking a question or comment off (or hiding it) uncovers what was under it. */
export function removeOverlay(screen: Screen, kind: 'question' | 'comment', id: string): Screen {
	return screen.overlay?.kind === kind && screen.overlay.id === id ? { ...screen, overlay: null } : screen;
}

/**
 * A moderator's action on a question or comment, as the screen sees it: on, off, or hidden. A
 * question marked answered is done, so it comes off the projector too.
 */
export function moderateOverlay(
	screen: Screen,
	kind: 'question' | 'comment',
	id: string,
	action: QuestionAction | CommentAction
): Screen {
	if (action === 'project') return showOverlay(screen, kind, id);
	if (action === 'unproject' || action === 'hide' || action === 'answer')
		return removeOverlay(screen, kind, id);
	return screen;
}

/** Moving the agenda clears the screen down to the new step. */
export const clearScreen = (): Screen => BLANK_SCREEN;

export function sameScreen(a: Screen, b: Screen): boolean {
	return a.pollId === b.pollId && a.overlay?.kind === b.overlay?.kind && a.overlay?.id === b.overlay?.id;
}

/** What a moderator can do to a poll from the console. */
export const POLL_ACTIONS = [
	'open',
	'close',
	'show-results',
	'hide-results',
	'view-overall',
	'view-breakdown',
	'project',
	'unproject'
] as const;
export type PollAction = (typeof POLL_ACTIONS)[number];

export const QUESTION_ACTIONS = ['approve', 'hide', 'answer', 'project', 'unproject'] as const;
export type QuestionAction = (typeof QUESTION_ACTIONS)[number];

export const COMMENT_ACTIONS = ['hide', 'show', 'project', 'unproject'] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];
