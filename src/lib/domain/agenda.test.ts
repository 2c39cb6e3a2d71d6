import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	advance,
	isAtEnd,
	isAtStart,
	isValidPosition,
	jump,
	retreat,
	START,
	stepAt,
	stepsOf,
	type AgendaItem,
	type ItemKind,
	type Position
} from './agenda';

function item(kind: ItemKind, cards = 0, focus = false): AgendaItem {
	const makeCards = (prefix: string, count: number) =>
		Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, title: `Card ${i}`, body: '' }));
	return {
		id: `${kind}-${cards}-${focus}`,
		kind,
		title: kind,
		body: '',
		cards: makeCards('c', cards),
		focus: focus ? { title: 'Focus', body: '', cards: makeCards('f', 2) } : null,
		panelists: []
	};
}

const agenda = [item('info'), item('panel'), item('walkthrough', 3, true), item('agreement')];

describe('agenda cursor', () => {
	it('counts one step for a plain item and one per card plus the focus for a walkthrough', () => {
		expect(stepsOf(agenda[0]).length).toBe(1);
		expect(stepsOf(agenda[2]).map((s) => s.kind)).toEqual(['overview', 'card', 'card', 'card', 'focus']);
	});

	it('does not step through the cards of a discussion, it shows them together', () => {
		expect(stepsOf(item('discussion', 2)).length).toBe(1);
	});

	it('steps card by card through a walkthrough and on to the next item', () => {
		const visited: Position[] = [START];
		let position = START;
		while (!isAtEnd(agenda, position)) {
			position = advance(agenda, position);
			visited.push(position);
		}
		expect(visited).toEqual([
			{ item: 0, step: 0 },
			{ item: 1, step: 0 },
			{ item: 2, step: 0 },
			{ item: 2, step: 1 },
			{ item: 2, step: 2 },
			{ item: 2, step: 3 },
			{ item: 2, step: 4 },
			{ item: 3, step: 0 }
		]);
		expect(stepAt(agenda, { item: 2, step: 2 })).toMatchObject({ kind: 'card', number: 2, of: 3 });
	});

	it('stays put past either end', () => {
		expect(retreat(agenda, START)).toEqual(START);
		expect(isAtStart(agenda, START)).toBe(true);
		const last = { item: 3, step: 0 };
		expect(advance(agenda, last)).toEqual(last);
	});

	it('goes back from an item start to the last step of the item before', () => {
		expect(retreat(agenda, { item: 3, step: 0 })).toEqual({ item: 2, step: 4 });
	});

	it('jumps to any item or step that exists and refuses the rest', () => {
		expect(jump(agenda, { item: 2 })).toEqual({ item: 2, step: 0 });
		expect(jump(agenda, { item: 2, step: 4 })).toEqual({ item: 2, step: 4 });
		expect(jump(agenda, { item: 2, step: 5 })).toBeNull();
		expect(jump(agenda, { item: 4 })).toBeNull();
		expect(jump(agenda, { item: -1 })).toBeNull();
		expect(jump(agenda, { item: 1.5 })).toBeNull();
		expect(jump(agenda, { item: 0, step: -1 })).toBeNull();
	});

	it('has nowhere to go in an empty agenda', () => {
		expect(advance([], START)).toEqual(START);
		expect(retreat([], START)).toEqual(START);
		expect(jump([], { item: 0 })).toBeNull();
	});
});

describe('agenda cursor properties', () => {
	const agendas = fc.array(
		fc
			.tuple(
				fc.constantFrom<ItemKind>('info', 'panel', 'walkthrough', 'discussion', 'agreement'),
				fc.nat(6),
				fc.boolean()
			)
			.map(([kind, cards, focus]) => item(kind, cards, focus)),
		{ minLength: 1, maxLength: 8 }
	);
	const moves = fc.array(fc.constantFrom('next', 'previous'), { maxLength: 60 });

	it('never leaves the agenda, whatever the clicker does', () => {
		fc.assert(
			fc.property(agendas, moves, (items, sequence) => {
				let position = START;
				for (const move of sequence) {
					position = move === 'next' ? advance(items, position) : retreat(items, position);
					expect(isValidPosition(items, position)).toBe(true);
				}
			})
		);
	});

	it('undoes a step with the opposite step, except at the ends', () => {
		fc.assert(
			fc.property(agendas, fc.nat(100), (items, n) => {
				let position = START;
				for (let i = 0; i < n; i++) position = advance(items, position);
				if (!isAtEnd(items, position)) expect(retreat(items, advance(items, position))).toEqual(position);
				if (!isAtStart(items, position)) expect(advance(items, retreat(items, position))).toEqual(position);
			})
		);
	});

	it('visits every step exactly once from start to end', () => {
		fc.assert(
			fc.property(agendas, (items) => {
				const total = items.reduce((sum, it) => sum + stepsOf(it).length, 0);
				let position = START;
				let visits = 1;
				while (!isAtEnd(items, position)) {
					position = advance(items, position);
					visits++;
				}
				expect(visits).toBe(total);
			})
		);
	});
});
