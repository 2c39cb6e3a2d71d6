import { describe, expect, it } from 'vitest';
import { BLANK_SCREEN, showOverlay, showPoll, visibleOn } from '../screen';
import { controlPoll, specOf, type PollControls } from './lifecycle';

const draft: PollControls = { status: 'draft', resultsVisible: false, resultsView: 'overall' };
const open: PollControls = { ...draft, status: 'open' };

describe('a poll’s life', () => {
	it('opens onto the projector, over a question that was there', () => {
		const screen = showOverlay(BLANK_SCREEN, 'question', 'q1');
		const opened = controlPoll('p1', draft, 'open', screen);
		expect(opened).toMatchObject({ poll: { status: 'open' }, opened: true, closed: false });
		expect(visibleOn(opened!.screen)).toEqual({ kind: 'poll', id: 'p1' });
	});

	it('closes only when open, freezing the results, and leaves the screen as it was', () => {
		const screen = showPoll(BLANK_SCREEN, 'p1');
		expect(controlPoll('p1', draft, 'close', screen)).toBeNull();
		expect(controlPoll('p1', open, 'close', screen)).toMatchObject({
			poll: { status: 'closed' },
			closed: true,
			screen
		});
		expect(controlPoll('p1', open, 'open', screen)).toBeNull();
	});

	it('changes nothing when the results or their view are already as asked', () => {
		expect(controlPoll('p1', draft, 'hide-results', BLANK_SCREEN)).toBeNull();
		expect(controlPoll('p1', draft, 'view-overall', BLANK_SCREEN)).toBeNull();
		expect(controlPoll('p1', draft, 'show-results', BLANK_SCREEN)?.poll.resultsVisible).toBe(true);
		expect(controlPoll('p1', draft, 'view-breakdown', BLANK_SCREEN)?.poll.resultsView).toBe('breakdown');
	});

	it('projects and unprojects without touching the poll’s own state', () => {
		const projected = controlPoll('p1', open, 'project', BLANK_SCREEN);
		expect(projected?.poll).toEqual(open);
		expect(projected?.screen.pollId).toBe('p1');
		expect(controlPoll('p1', open, 'project', projected!.screen)).toBeNull();
		expect(controlPoll('p1', open, 'unproject', projected!.screen)?.screen).toEqual(BLANK_SCREEN);
		expect(controlPoll('p2', open, 'unproject', projected!.screen)).toBeNull();
	});

	it('gives only the controls to store, whatever else the poll row carries', () => {
		const row = { ...draft, id: 'p1', question: 'Which?' };
		expect(controlPoll('p1', row, 'open', BLANK_SCREEN)?.poll).toEqual({ ...draft, status: 'open' });
	});
});

describe('a new poll', () => {
	const base = { question: 'Which?', maxPicks: null, wordLimit: null };

	it('needs two distinct options for choice kinds and none for the others', () => {
		expect(specOf({ ...base, kind: 'single', options: ['A'] })).toMatchObject({ ok: false });
		expect(specOf({ ...base, kind: 'ranking', options: ['A', 'a'] })).toMatchObject({ ok: false });
		expect(specOf({ ...base, kind: 'word_cloud', options: ['A'] })).toMatchObject({ ok: false });
		const single = specOf({ ...base, kind: 'single', options: ['A', 'B'] });
		expect(single).toMatchObject({ ok: true, spec: { options: [{ id: 'o1' }, { id: 'o2' }] } });
	});

	it('keeps max picks for multiple choice only and gives open text its default word limit', () => {
		expect(specOf({ ...base, kind: 'multiple', options: ['A', 'B'], maxPicks: 2 })).toMatchObject({
			spec: { maxPicks: 2 }
		});
		expect(specOf({ ...base, kind: 'single', options: ['A', 'B'], maxPicks: 2 })).toMatchObject({
			spec: { maxPicks: null }
		});
		expect(specOf({ ...base, kind: 'open_text', options: [] })).toMatchObject({ spec: { wordLimit: 100 } });
	});
});
