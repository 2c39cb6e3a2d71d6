import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AgendaItem, Card, CardPlacement } from '$lib/domain/agenda';
import type { AgendaEdit, DraftItem, DraftPoll } from '$lib/domain/agendaDraft';
import { db, type Db, type Tx } from '../db';
import { agendaItems, cards, panelists, pollOptions, polls } from '../db/schema';
import { generateId } from '../auth/tokens';

/** A meeting's agenda as stored: items in order, each with its cards and panelists. */
export function loadAgenda(meetingId: string): AgendaItem[] {
	const items = db()
		.select()
		.from(agendaItems)
		.where(eq(agendaItems.meetingId, meetingId))
		.orderBy(asc(agendaItems.position))
		.all();
	const cardRows = db()
		.select()
		.from(cards)
		.where(eq(cards.meetingId, meetingId))
		.orderBy(asc(cards.position))
		.all();
	const panelistRows = db()
		.select()
		.from(panelists)
		.where(eq(panelists.meetingId, meetingId))
		.orderBy(asc(panelists.position))
		.all();
	const cardsOf = (itemId: string, placement: CardPlacement): Card[] =>
		cardRows
			.filter((card) => card.itemId === itemId && card.placement === placement)
			.map(({ id, title, body }) => ({ id, title, body }));
	return items.map((item) => ({
		id: item.id,
		kind: item.kind,
		title: item.title,
		body: item.body,
		cards: cardsOf(item.id, 'walkthrough'),
		focus:
			item.focusTitle === null
				? null
				: { title: item.focusTitle, body: item.focusBody ?? '', cards: cardsOf(item.id, 'focus') },
		panelists: panelistRows
			.filter((panelist) => panelist.itemId === item.id)
			.map(({ id, name, affiliation, stakeholderGroup }) => ({ id, name, affiliation, stakeholderGroup }))
	}));
}

/** Replaces a meeting's agenda (items, cards, panelists) with `items`, in the caller's transaction. */
export function writeAgenda(tx: Tx, meetingId: string, items: readonly DraftItem[]): void {
	tx.delete(cards).where(eq(cards.meetingId, meetingId)).run();
	tx.delete(panelists).where(eq(panelists.meetingId, meetingId)).run();
	tx.delete(agendaItems).where(eq(agendaItems.meetingId, meetingId)).run();
	items.forEach((item, position) => {
		tx.insert(agendaItems)
			.values({
				meetingId,
				id: item.id,
				position,
				kind: item.kind,
				title: item.title,
				body: item.body,
				focusTitle: item.focus?.title ?? null,
				focusBody: item.focus?.body ?? null
			})
			.run();
		const placed = [
			...item.cards.map((card) => ({ card, placement: 'walkthrough' as const })),
			...(item.focus?.cards ?? []).map((card) => ({ card, placement: 'focus' as const }))
		];
		placed.forEach(({ card, placement }, index) =>
			tx
				.insert(cards)
				.values({ meetingId, itemId: item.id, placement, position: index, ...card })
				.run()
		);
		item.panelists.forEach((panelist, index) =>
			tx
				.insert(panelists)
				.values({ meetingId, itemId: item.id, position: index, ...panelist })
				.run()
		);
	});
}

/** A meeting's polls as the agenda editor and meeting files see them, in order. */
export function readPolls(tx: Db | Tx, meetingId: string): DraftPoll[] {
	const rows = tx
		.select()
		.from(polls)
		.where(eq(polls.meetingId, meetingId))
		.orderBy(asc(polls.position))
		.all();
	const options = rows.length
		? tx
				.select()
				.from(pollOptions)
				.where(
					inArray(
						pollOptions.pollId,
						rows.map((row) => row.id)
					)
				)
				.orderBy(asc(pollOptions.position))
				.all()
		: [];
	return rows.map((row) => ({
		id: row.id,
		itemId: row.itemId,
		kind: row.kind,
		question: row.question,
		options: options.filter((option) => option.pollId === row.id).map(({ id, label }) => ({ id, label })),
		maxPicks: row.maxPicks,
		wordLimit: row.wordLimit,
		status: row.status
	}));
}

/**
 * Brings a meeting's polls in line with `wanted`: drafts are added, rewritten or removed, opened
 * polls only take their new place in the order (the caller has checked they are otherwise unchanged).
 * A poll in `wanted` whose id is not stored is new and gets an id of its own.
 */
export function writePolls(tx: Tx, meetingId: string, wanted: AgendaEdit['polls']): void {
	const stored = new Map(readPolls(tx, meetingId).map((poll) => [poll.id, poll]));
	const kept = new Set(wanted.map((poll) => poll.id));
	for (const poll of stored.values()) {
		if (!kept.has(poll.id) && poll.status === 'draft') tx.delete(polls).where(eq(polls.id, poll.id)).run();
	}
	wanted.forEach((poll, position) => {
		const existing = stored.get(poll.id);
		if (existing && existing.status !== 'draft') {
			tx.update(polls).set({ position }).where(eq(polls.id, poll.id)).run();
			return;
		}
		const { itemId, kind, question, maxPicks, wordLimit } = poll;
		const pollId = existing ? poll.id : generateId();
		if (existing) {
			tx.update(polls)
				.set({ position, itemId, kind, question, maxPicks, wordLimit })
				.where(and(eq(polls.id, pollId), eq(polls.meetingId, meetingId)))
				.run();
			tx.delete(pollOptions).where(eq(pollOptions.pollId, pollId)).run();
		} else {
			tx.insert(polls)
				.values({ id: pollId, meetingId, position, itemId, kind, question, maxPicks, wordLimit })
				.run();
		}
		poll.options.forEach((option, index) =>
			tx
				.insert(pollOptions)
				.values({ pollId, position: index, ...option })
				.run()
		);
	});
}
