import { removePoll, showPoll, type PollAction, type Screen } from '../screen';
import type { PollKind, PollSpec, PollStatus, ResultsView } from './types';

/** The part of a poll the moderator's controls change. */
export interface PollControls {
	status: PollStatus;
	resultsVisible: boolean;
	resultsView: ResultsView;
}

/**
 * What a control does: the poll's new controls (opening starts a new round of ballots, closing
 * freezes the final results) and the projector's new screen. Null when it changes nothing.
 */
export interface PollTransition {
	poll: PollControls;
	opened: boolean;
	closed: boolean;
	screen: Screen;
}

/**
 * The rules of a poll's life: draft → open → closed (and open again). Opening puts the poll on the
 * projector over anything shown there; results are shown to the room only when the moderator
 * says so.
 */
export function controlPoll(
	pollId: string,
	poll: PollControls,
	action: PollAction,
	screen: Screen
): PollTransition | null {
	const { status, resultsVisible, resultsView } = poll;
	const change = (next: Partial<PollControls>, nextScreen = screen, opened = false, closed = false) => ({
		poll: { status, resultsVisible, resultsView, ...next },
		opened,
		closed,
		screen: nextScreen
	});
	switch (action) {
		case 'open':
			return status === 'open' ? null : change({ status: 'open' }, showPoll(screen, pollId), true);
		case 'close':
			return status === 'open' ? change({ status: 'closed' }, screen, false, true) : null;
		case 'show-results':
		case 'hide-results': {
			const visible = action === 'show-results';
			return resultsVisible === visible ? null : change({ resultsVisible: visible });
		}
		case 'view-overall':
		case 'view-breakdown': {
			const view = action === 'view-overall' ? 'overall' : 'breakdown';
			return resultsView === view ? null : change({ resultsView: view });
		}
		case 'project':
			return screen.pollId === pollId && !screen.overlay ? null : change({}, showPoll(screen, pollId));
		case 'unproject':
			return screen.pollId === pollId ? change({}, removePoll(screen, pollId)) : null;
	}
}

/** A poll as the moderator drafts it in the console. */
export interface PollDraft {
	kind: PollKind;
	question: string;
	options: string[];
	maxPicks: number | null;
	wordLimit: number | null;
}

/** The default word limit of open text: the BPF's "100 words or less". */
export const DEFAULT_WORD_LIMIT = 100;

/** Checks a new poll and gives it its options' ids; the reason when it cannot be a poll. */
export function specOf(draft: PollDraft): { ok: true; spec: PollSpec } | { ok: false; error: string } {
	const { kind, question, options, maxPicks, wordLimit } = draft;
	const withOptions = kind === 'single' || kind === 'multiple' || kind === 'ranking';
	if (withOptions && options.length < 2)
		return { ok: false, error: 'A choice poll needs at least two options.' };
	if (!withOptions && options.length > 0) return { ok: false, error: 'This kind of poll has no options.' };
	if (new Set(options.map((option) => option.toLowerCase())).size !== options.length) {
		return { ok: false, error: 'Two options have the same text.' };
	}
	return {
		ok: true,
		spec: {
			kind,
			question,
			options: options.map((label, index) => ({ id: `o${index + 1}`, label })),
			maxPicks: kind === 'multiple' ? maxPicks : null,
			wordLimit: kind === 'open_text' ? (wordLimit ?? DEFAULT_WORD_LIMIT) : null
		}
	};
}
