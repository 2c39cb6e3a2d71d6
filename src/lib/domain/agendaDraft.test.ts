import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	changeKind,
	checkAgendaEdit,
	cursorAfterEdit,
	moveEntry,
	newItem,
	remapPosition,
	removeItem,
	type AgendaDraft,
	type DraftItem,
	type DraftPoll
} from './agendaDraft';

const card = (id: string) => ({ id, title: `Card ${id}`, body: '' });

const walkthrough: DraftItem = {
	...newItem('walkthrough', 'options', 'Policy options'),
	cards: [card('a'), card('b'), card('c')],
	focus: { title: 'Highlights', body: '', cards: [card('h')] }
};
const intro = newItem('info', 'intro', 'Introduction');
const panel: DraftItem = {
	...newItem('panel', 'panel', 'Panelists'),
	panelists: [{ id: 'p1', name: 'Ana', affiliation: 'ITU', stakeholderGroup: 'intergovernmental' }]
};

const poll = (overrides: Partial<DraftPoll> = {}): DraftPoll => ({
	id: 'poll-1',
	itemId: 'options',
	kind: 'single',
	question: 'Which first?',
	options: [
		{ id: 'a', label: 'A' },
		{ id: 'b', label: 'B' }
	],
	maxPicks: null,
	wordLimit: null,
	status: 'draft',
	...overrides
});

const draft = (items: DraftItem[], polls: DraftPoll[] = []): AgendaDraft => ({ items, polls });
const unused = { visitedItems: new Set<string>(), usedCards: new Set<string>() };

describe('moveEntry', () => {
	it('moves an entry up and down and keeps every entry', () => {
		expect(moveEntry(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
		expect(moveEntry(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
	});

	it('leaves the list alone when the move would leave it', () => {
		expect(moveEntry(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
		expect(moveEntry(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
		expect(moveEntry(['a', 'b'], 5, -1)).toEqual(['a', 'b']);
	});

	it('is a permutation for any move', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer()),
				fc.integer({ min: -3, max: 10 }),
				fc.integer({ min: -5, max: 5 }),
				(list, index, delta) => {
					expect(moveEntry(list, index, delta).toSorted()).toEqual(list.toSorted());
				}
			)
		);
	});
});

describe('item edits', () => {
	it('drops cards and panelists that the new kind does not have', () => {
		expect(changeKind(walkthrough, 'info').cards).toEqual([]);
		expect(changeKind(walkthrough, 'info').focus).toEqual(walkthrough.focus);
		expect(changeKind(panel, 'discussion').panelists).toEqual([]);
		expect(changeKind(panel, 'panel').panelists).toHaveLength(1);
	});

	it('keeps the polls of a removed item, no longer tied to it', () => {
		const edited = removeItem(draft([intro, walkthrough], [poll()]), 1);
		expect(edited.items.map((item) => item.id)).toEqual(['intro']);
		expect(edited.polls).toEqual([poll({ itemId: null })]);
	});
});

describe('remapPosition', () => {
	it('follows the item and the card by id when items and cards move', () => {
		const before = [intro, walkthrough, panel];
		const reordered = { ...walkthrough, cards: [card('c'), card('a'), card('b')] };
		const after = [panel, reordered, intro];
		// Step 2 was card b; it is now the third card, step 3.
		expect(remapPosition(before, after, { item: 1, step: 2 })).toEqual({ item: 1, step: 3 });
		expect(remapPosition(before, after, { item: 0, step: 0 })).toEqual({ item: 2, step: 0 });
		// The focus step follows the number of cards.
		const fewer = { ...walkthrough, cards: [card('a')] };
		expect(remapPosition(before, [intro, fewer], { item: 1, step: 4 })).toEqual({ item: 1, step: 2 });
	});

	it('falls back to the overview when the card is gone, and to null when the item is', () => {
		const fewer = { ...walkthrough, cards: [card('a')] };
		expect(remapPosition([walkthrough], [fewer], { item: 0, step: 3 })).toEqual({ item: 0, step: 0 });
		expect(remapPosition([intro, walkthrough], [walkthrough], { item: 0, step: 0 })).toBeNull();
	});

	it('puts the cursor on the item that took the removed one’s place', () => {
		expect(cursorAfterEdit([intro, walkthrough, panel], [intro, panel], { item: 1, step: 2 })).toEqual({
			item: 1,
			step: 0
		});
		expect(cursorAfterEdit([intro, walkthrough], [intro], { item: 1, step: 2 })).toEqual({
			item: 0,
			step: 0
		});
	});
});

describe('checkAgendaEdit', () => {
	const before = draft([intro, walkthrough, panel], [poll(), poll({ id: 'poll-2', status: 'closed' })]);

	it('accepts any edit of what the session has not used', () => {
		const after = draft([panel], [poll({ id: 'poll-2', status: 'closed', itemId: 'options' })]);
		// The closed poll's item is gone: that is refused, everything else is fine.
		expect(checkAgendaEdit(before, after, unused)).toEqual([
			{ where: 'poll “Which first?”', message: 'the item of an opened poll stays on the agenda' }
		]);
		const keepPoll = draft([intro, walkthrough], [before.polls[1]]);
		expect(checkAgendaEdit(before, keepPoll, unused)).toEqual([]);
	});

	it('refuses to remove a visited item or a used card', () => {
		const use = { visitedItems: new Set(['intro']), usedCards: new Set(['b', 'h']) };
		const after = draft([{ ...walkthrough, cards: [card('a')], focus: null }, panel], before.polls);
		expect(checkAgendaEdit(before, after, use).map((problem) => problem.where)).toEqual([
			'“Introduction”',
			'“Card b” in “Policy options”',
			'“Card h” in “Policy options”'
		]);
	});

	it('lets a used card move to another place and be reworded', () => {
		const use = { visitedItems: new Set(['options']), usedCards: new Set(['a']) };
		const moved = { ...walkthrough, cards: [card('b'), { ...card('a'), title: 'Reworded' }] };
		expect(checkAgendaEdit(before, draft([moved, intro, panel], before.polls), use)).toEqual([]);
	});

	it('refuses to remove or rewrite an opened poll, and allows both for a draft', () => {
		const rewritten = draft(before.items, [
			poll({ question: 'Changed?' }),
			poll({ id: 'poll-2', status: 'closed', question: 'Changed?' })
		]);
		expect(checkAgendaEdit(before, rewritten, unused)).toEqual([
			{ where: 'poll “Which first?”', message: 'an opened poll cannot be changed' }
		]);
		expect(checkAgendaEdit(before, draft(before.items, []), unused)).toEqual([
			{ where: 'poll “Which first?”', message: 'an opened poll cannot be removed' }
		]);
	});
});
