import type { StakeholderGroup } from './meeting';

export const ITEM_KINDS = ['info', 'panel', 'walkthrough', 'discussion', 'agreement'] as const;

export type ItemKind = (typeof ITEM_KINDS)[number];

/** Where a card sits in its item: walked through in order, or in focus at the end. */
export const CARD_PLACEMENTS = ['walkthrough', 'focus'] as const;

export type CardPlacement = (typeof CARD_PLACEMENTS)[number];

export interface Card {
	id: string;
	title: string;
	body: string;
}

export interface Panelist {
	id: string;
	name: string;
	affiliation: string;
	stakeholderGroup: StakeholderGroup;
}

/** The part of an item that closes it: the cards the room discusses after the walkthrough. */
export interface Focus {
	title: string;
	body: string;
	cards: Card[];
}

export interface AgendaItem {
	id: string;
	kind: ItemKind;
	title: string;
	body: string;
	cards: Card[];
	focus: Focus | null;
	panelists: Panelist[];
	/** Walkthroughs: when comments on the cards close (ISO, UTC), null when they stay open. */
	commentDeadline?: string | null;
}

/**
 * Where the session stands: an agenda item and a step inside it. Step 0 is the item itself;
 * a walkthrough then has one step per card; an item with a focus ends on it.
 */
export interface Position {
	item: number;
	step: number;
}

export type Step =
	| { kind: 'overview' }
	| { kind: 'card'; card: Card; number: number; of: number }
	| { kind: 'focus'; focus: Focus };

export const START: Position = { item: 0, step: 0 };

export function stepsOf(item: AgendaItem): Step[] {
	const steps: Step[] = [{ kind: 'overview' }];
	if (item.kind === 'walkthrough') {
		item.cards.forEach((card, index) =>
			steps.push({ kind: 'card', card, number: index + 1, of: item.cards.length })
		);
	}
	if (item.focus) steps.push({ kind: 'focus', focus: item.focus });
	return steps;
}

export function isValidPosition(agenda: readonly AgendaItem[], position: Position): boolean {
	const item = agenda[position.item];
	return (
		item !== undefined &&
		Number.isInteger(position.step) &&
		position.step >= 0 &&
		position.step < stepsOf(item).length
	);
}

/** The next step: the next card of a walkthrough, or the next item. Stays put at the very end. */
export function advance(agenda: readonly AgendaItem[], position: Position): Position {
	const item = agenda[position.item];
	if (!item) return position;
	if (position.step + 1 < stepsOf(item).length) return { item: position.item, step: position.step + 1 };
	if (position.item + 1 < agenda.length) return { item: position.item + 1, step: 0 };
	return position;
}

/** The previous step; going back from an item's start lands on the last step of the one before. */
export function retreat(agenda: readonly AgendaItem[], position: Position): Position {
	if (position.step > 0) return { item: position.item, step: position.step - 1 };
	const previous = agenda[position.item - 1];
	if (!previous) return position;
	return { item: position.item - 1, step: stepsOf(previous).length - 1 };
}

/** Jump to any item (its start) or any step of it; returns null when the target does not exist. */
export function jump(
	agenda: readonly AgendaItem[],
	target: { item: number; step?: number }
): Position | null {
	const position = { item: target.item, step: target.step ?? 0 };
	return isValidPosition(agenda, position) ? position : null;
}

export function stepAt(agenda: readonly AgendaItem[], position: Position): Step | null {
	const item = agenda[position.item];
	return item ? (stepsOf(item)[position.step] ?? null) : null;
}

export function samePosition(a: Position, b: Position): boolean {
	return a.item === b.item && a.step === b.step;
}

export function isAtEnd(agenda: readonly AgendaItem[], position: Position): boolean {
	return samePosition(advance(agenda, position), position);
}

export function isAtStart(agenda: readonly AgendaItem[], position: Position): boolean {
	return samePosition(retreat(agenda, position), position);
}

/** A short label of a step for lists and previews: "Policy options · 3 of 11: Industrial control systems". */
export function stepLabel(agenda: readonly AgendaItem[], position: Position): string {
	const item = agenda[position.item];
	const step = stepAt(agenda, position);
	if (!item || !step) return '';
	if (step.kind === 'card') return `${item.title} · ${step.number} of ${step.of}: ${step.card.title}`;
	if (step.kind === 'focus') return `${item.title} · ${step.focus.title}`;
	return item.title;
}

/** The cards a step puts in front of the room: the card walked through, or the cards in focus. */
export function cardsInStep(agenda: readonly AgendaItem[], position: Position): Card[] {
	const step = stepAt(agenda, position);
	if (step?.kind === 'card') return [step.card];
	if (step?.kind === 'focus') return step.focus.cards;
	return [];
}
