import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '$lib/domain/agenda';
import type { PollInfo } from '$lib/realtime/protocol';
import { translate } from '$lib/server/i18n';
import { announcementsBetween, seenIn, type Translate, type Watched } from './announcements';

const item = (id: string, overrides: Partial<AgendaItem> = {}): AgendaItem => ({
	id,
	kind: 'info',
	title: `Item ${id}`,
	body: '',
	cards: [],
	focus: null,
	panelists: [],
	...overrides
});

const poll = (id: string, status: PollInfo['status']): PollInfo => ({
	id,
	itemId: null,
	kind: 'single',
	question: `Question ${id}?`,
	options: [],
	maxPicks: null,
	wordLimit: null,
	status,
	resultsVisible: false,
	resultsView: 'overall',
	reopened: false,
	ballots: 0
});

const speaker = (id: string) => ({
	id,
	name: 'Rosa',
	group: null,
	mode: 'remote' as const,
	requestedAt: '2017-12-19T10:00:00Z',
	startedAt: '2017-12-19T10:05:00Z'
});

function meeting(overrides: Partial<Watched> = {}): Watched {
	return {
		agenda: [
			item('a'),
			item('b', {
				kind: 'walkthrough',
				title: 'Policy options',
				cards: [{ id: 'dos', title: 'Denial of service', body: '' }]
			})
		],
		position: { item: 0, step: 0 },
		polls: [poll('p', 'draft')],
		floor: { speaking: null, mine: 'mine' },
		...overrides
	};
}

/** The English words, as a phone set to English says them. */
const t: Translate = (id, values) => translate('en', id, values);

const between = (before: Watched, after: Watched) => announcementsBetween(seenIn(before), seenIn(after), t);

describe('announcementsBetween', () => {
	it('says nothing when nothing announced changed', () => {
		expect(between(meeting(), meeting())).toEqual({ polite: [], urgent: null });
	});

	it('names the new item and the new card', () => {
		expect(between(meeting(), meeting({ position: { item: 1, step: 0 } })).polite).toEqual([
			'Now: item 2 of 2, Policy options'
		]);
		expect(between(meeting(), meeting({ position: { item: 1, step: 1 } })).polite).toEqual([
			'Now: Policy options, card 1 of 1: Denial of service'
		]);
	});

	it('announces a poll when it opens, not while it stays open', () => {
		const open = meeting({ polls: [poll('p', 'open')] });
		expect(between(meeting(), open).polite).toEqual(['Poll open: Question p?']);
		expect(between(open, open).polite).toEqual([]);
	});

	it("says at once that it is the phone's turn, and only its own", () => {
		const queued = meeting();
		expect(between(queued, meeting({ floor: { speaking: speaker('mine'), mine: 'mine' } })).urgent).toBe(
			'It is your turn to speak.'
		);
		expect(
			between(queued, meeting({ floor: { speaking: speaker('other'), mine: 'mine' } })).urgent
		).toBeNull();
		expect(between(queued, meeting({ floor: { speaking: null, mine: null } })).urgent).toBeNull();
	});

	it("says it in the reader's language, and a new language alone is not news", () => {
		const loud: Translate = (id, values) => t(id, values).toUpperCase();
		const moved = meeting({ position: { item: 1, step: 0 } });
		expect(announcementsBetween(seenIn(meeting()), seenIn(moved), loud).polite).toEqual([
			'NOW: ITEM 2 OF 2, POLICY OPTIONS'
		]);
		expect(announcementsBetween(seenIn(moved), seenIn(moved), loud)).toEqual({ polite: [], urgent: null });
	});
});
