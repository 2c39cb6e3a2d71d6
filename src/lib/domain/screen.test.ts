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
import { controlPoll, type PollControls } from './polls/lifecycle';

const DRAFT: PollControls = { status: 'draft', resultsVisible: false, resultsView: 'overall' };
const OPEN: PollControls = { ...DRAFT, status: 'open' };

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

	it('takes a question marked answered off the projector, uncovering the poll under it', () => {
		const covered = showOverlay(withPoll, 'question', 'q1');
		const answered = moderateOverlay(covered, 'question', 'q1', 'answer');
		expect(visibleOn(answered)).toEqual({ kind: 'poll', id: 'p1' });
		// Answering another question leaves the one on screen where it is.
		expect(moderateOverlay(covered, 'question', 'q2', 'answer')).toEqual(covered);
	});

	it('shows the poll the moderator opens over a comment on screen, and says so', () => {
		const comment = showOverlay(BLANK_SCREEN, 'comment', 'c1');
		const opened = controlPoll('p2', DRAFT, 'open', comment);
		expect(opened && visibleOn(opened.screen)).toEqual({ kind: 'poll', id: 'p2' });
		expect(opened && isVisible(opened.screen, 'poll', 'p2')).toBe(true);
		expect(opened && isVisible(opened.screen, 'comment', 'c1')).toBe(false);
		// Projecting a poll that is already the poll layer but covered by a comment uncovers it.
		const covered = showOverlay(withPoll, 'comment', 'c1');
		const projected = controlPoll('p1', OPEN, 'project', covered);
		expect(projected && visibleOn(projected.screen)).toEqual({ kind: 'poll', id: 'p1' });
		// Closing or showing results does not change what is on screen.
		expect(controlPoll('p1', OPEN, 'close', covered)?.screen).toEqual(covered);
		expect(controlPoll('p1', OPEN, 'show-results', covered)?.screen).toEqual(covered);
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
