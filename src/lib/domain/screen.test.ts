import { describe, expect, it } from 'vitest';
import {
	BLANK_SCREEN,
	clearScreen,
	isVisible,
	moderateOverlay,
	removePoll,
	screenFrom,
	showOverlay,
	showPoll,
	visibleOn,
	type Screen
} from './screen';

const withPoll = showPoll(BLANK_SCREEN, 'p1');

describe('what the projector shows', () => {
	it('shows the step, then a poll over it, then a question over the poll', () => {
		expect(visibleOn(BLANK_SCREEN)).toEqual({ kind: 'step' });
		expect(visibleOn(withPoll)).toEqual({ kind: 'poll', id: 'p1' });
		const covered = showOverlay(withPoll, 'question', 'q1');
		expect(visibleOn(covered)).toEqual({ kind: 'question', id: 'q1' });
		expect(isVisible(covered, 'poll', 'p1')).toBe(false);
	});

	it('uncovers the poll when the question comes off, or is hidden', () => {
		const covered = showOverlay(withPoll, 'question', 'q1');
		expect(visibleOn(moderateOverlay(covered, 'question', 'q1', 'unproject'))).toEqual({
			kind: 'poll',
			id: 'p1'
		});
		expect(visibleOn(moderateOverlay(covered, 'question', 'q1', 'hide'))).toEqual({ kind: 'poll', id: 'p1' });
		// Another question coming off leaves this one where it is.
		expect(moderateOverlay(covered, 'question', 'q2', 'unproject')).toEqual(covered);
		expect(moderateOverlay(covered, 'question', 'q1', 'approve')).toEqual(covered);
	});

	it('keeps one overlay: a comment put on screen replaces a question, and a question a comment', () => {
		const question = showOverlay(withPoll, 'question', 'q1');
		const comment = moderateOverlay(question, 'comment', 'c1', 'project');
		expect(comment.overlay).toEqual({ kind: 'comment', id: 'c1' });
		expect(moderateOverlay(comment, 'question', 'q1', 'unproject')).toEqual(comment);
	});

	it('puts a projected poll over anything on screen, so the console and the room agree', () => {
		const comment = showOverlay(withPoll, 'comment', 'c1');
		const projected = showPoll(comment, 'p2');
		expect(visibleOn(projected)).toEqual({ kind: 'poll', id: 'p2' });
		expect(isVisible(projected, 'poll', 'p2')).toBe(true);
	});

	it('takes a poll off only when it is the one on screen, and clears all when the agenda moves', () => {
		expect(removePoll(withPoll, 'p2')).toEqual(withPoll);
		expect(removePoll(withPoll, 'p1')).toEqual(BLANK_SCREEN);
		expect(clearScreen()).toEqual(BLANK_SCREEN);
	});

	it('reads the stored ids back into the same screen', () => {
		const screens: Screen[] = [
			BLANK_SCREEN,
			withPoll,
			showOverlay(withPoll, 'question', 'q1'),
			showOverlay(BLANK_SCREEN, 'comment', 'c1')
		];
		for (const screen of screens) {
			const ids = {
				pollId: screen.pollId,
				questionId: screen.overlay?.kind === 'question' ? screen.overlay.id : null,
				commentId: screen.overlay?.kind === 'comment' ? screen.overlay.id : null
			};
			expect(screenFrom(ids)).toEqual(screen);
		}
	});
});
