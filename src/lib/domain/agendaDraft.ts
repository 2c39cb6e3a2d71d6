import { stepsOf, type AgendaItem, type ItemKind, type Position } from './agenda';
import type { PollSpec, PollStatus } from './polls/types';

/**
 * The agenda as an organiser edits it: items with their cards and panelists, and the polls
 * prepared for them. Pure: the editor page changes a draft in memory, the server checks the
 * change against what the session already did and stores it.
 */
export type DraftItem = Omit<AgendaItem, 'commentDeadline'>;

/** A prepared poll: what it asks (PollSpec), the item it belongs to, and how far it got. */
export interface DraftPoll extends PollSpec {
	id: string;
	itemId: string | null;
	/** Only a draft poll may still change; an opened one is part of the record. */
	status: PollStatus;
}

export interface AgendaDraft {
	items: DraftItem[];
	polls: DraftPoll[];
}

/** A draft as an editor or a file sends it: how far each poll got is the server's to know. */
export interface AgendaEdit {
	items: DraftItem[];
	polls: Omit<DraftPoll, 'status'>[];
}

/** Moves the entry at `index` by `delta` places; out of range leaves the list as it was. */
export function moveEntry<T>(list: readonly T[], index: number, delta: number): T[] {
	const target = index + delta;
	if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
	const moved = [...list];
	const [entry] = moved.splice(index, 1);
	moved.splice(target, 0, entry);
	return moved;
}

export function replaceEntry<T>(list: readonly T[], index: number, entry: T): T[] {
	return list.map((current, at) => (at === index ? entry : current));
}

export function removeEntry<T>(list: readonly T[], index: number): T[] {
	return list.filter((_, at) => at !== index);
}

/** A new, empty item of a kind; walkthroughs and discussions start with what they need to show. */
export function newItem(kind: ItemKind, id: string, title: string): DraftItem {
	return { id, kind, title, body: '', cards: [], focus: null, panelists: [] };
}

/**
 * Changes an item's kind. Cards belong to walkthroughs and panelists to panels: switching away
 * drops them, which the server refuses when the session already used them.
 */
export function changeKind(item: DraftItem, kind: ItemKind): DraftItem {
	return {
		...item,
		kind,
		cards: kind === 'walkthrough' ? item.cards : [],
		panelists: kind === 'panel' ? item.panelists : []
	};
}

/** Removes an item and lets its prepared polls float free of it rather than vanish. */
export function removeItem(draft: AgendaDraft, index: number): AgendaDraft {
	const removed = draft.items[index];
	if (!removed) return draft;
	return {
		items: removeEntry(draft.items, index),
		polls: draft.polls.map((poll) => (poll.itemId === removed.id ? { ...poll, itemId: null } : poll))
	};
}

/** What a step is, independent of its index: the overview, a card by id, or the focus. */
type StepKey = { kind: 'overview' } | { kind: 'card'; cardId: string } | { kind: 'focus' };

function stepKeyOf(item: DraftItem, step: number): StepKey | null {
	const found = stepsOf(item)[step];
	if (!found) return null;
	if (found.kind === 'card') return { kind: 'card', cardId: found.card.id };
	return { kind: found.kind };
}

function stepIndexOf(item: DraftItem, key: StepKey): number {
	const index = stepsOf(item).findIndex(
		(step) =>
			step.kind === key.kind && (key.kind !== 'card' || (step.kind === 'card' && step.card.id === key.cardId))
	);
	return Math.max(0, index);
}

/**
 * Where a position of the old agenda is in the new one: the same item and step by id, wherever
 * they moved. A step that is gone falls back to the item's overview; an item that is gone, to null.
 */
export function remapPosition(
	before: readonly DraftItem[],
	after: readonly DraftItem[],
	position: Position
): Position | null {
	const item = before[position.item];
	if (!item) return null;
	const index = after.findIndex((candidate) => candidate.id === item.id);
	if (index < 0) return null;
	const key = stepKeyOf(item, position.step) ?? { kind: 'overview' };
	return { item: index, step: stepIndexOf(after[index], key) };
}

/** The live cursor after an edit: where it was, or, if its item is gone, the item now in its place. */
export function cursorAfterEdit(
	before: readonly DraftItem[],
	after: readonly DraftItem[],
	position: Position
): Position {
	return (
		remapPosition(before, after, position) ?? { item: Math.min(position.item, after.length - 1), step: 0 }
	);
}

/** What the session already did with the agenda, which an edit must not take away. */
export interface SessionUse {
	/** Items the cursor visited since the session started. */
	visitedItems: ReadonlySet<string>;
	/** Cards shown since the start, commented on, marked or tagged. */
	usedCards: ReadonlySet<string>;
}

export interface EditProblem {
	/** Where to look, in the organiser's words: "Item 3, “Policy options”". */
	where: string;
	message: string;
}

/**
 * Checks a new draft against the stored one and what the session did: nothing the record holds
 * (visited items, used cards, opened polls) may be removed or rewritten.
 */
export function checkAgendaEdit(before: AgendaDraft, after: AgendaEdit, use: SessionUse): EditProblem[] {
	const problems: EditProblem[] = [];
	const keptItems = new Set(after.items.map((item) => item.id));
	for (const item of before.items) {
		if (!keptItems.has(item.id) && use.visitedItems.has(item.id)) {
			problems.push({
				where: `“${item.title}”`,
				message: 'the session already went through this item, so it stays on the agenda'
			});
		}
	}
	const keptCards = new Set(after.items.flatMap((item) => cardsOf(item).map((card) => card.id)));
	for (const item of before.items) {
		for (const card of cardsOf(item)) {
			if (!keptCards.has(card.id) && use.usedCards.has(card.id)) {
				problems.push({
					where: `“${card.title}” in “${item.title}”`,
					message: 'this card was shown, commented on or tagged, so it stays'
				});
			}
		}
	}
	const afterPolls = new Map(after.polls.map((poll) => [poll.id, poll]));
	for (const poll of before.polls) {
		if (poll.status === 'draft') continue;
		const kept = afterPolls.get(poll.id);
		if (!kept) {
			problems.push({ where: `poll “${poll.question}”`, message: 'an opened poll cannot be removed' });
		} else if (poll.itemId !== null && !keptItems.has(poll.itemId)) {
			problems.push({
				where: `poll “${poll.question}”`,
				message: 'the item of an opened poll stays on the agenda'
			});
		} else if (!samePoll(poll, kept)) {
			problems.push({ where: `poll “${poll.question}”`, message: 'an opened poll cannot be changed' });
		}
	}
	return problems;
}

function cardsOf(item: DraftItem) {
	return [...item.cards, ...(item.focus?.cards ?? [])];
}

function samePoll(a: AgendaEdit['polls'][number], b: AgendaEdit['polls'][number]): boolean {
	return (
		a.itemId === b.itemId &&
		a.kind === b.kind &&
		a.question === b.question &&
		a.maxPicks === b.maxPicks &&
		a.wordLimit === b.wordLimit &&
		JSON.stringify(a.options) === JSON.stringify(b.options)
	);
}
