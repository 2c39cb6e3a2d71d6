import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AgendaItem, Card, CardPlacement } from '$lib/domain/agenda';
import type { AgendaEdit, DraftItem, DraftPoll } from '$lib/domain/agendaDraft';
import { type Db, type Tx, db } from '../db';
import { agendaItems, cards, panelists, pollOptions, polls } from '../db/schema';
import { generateId } from '../auth/tokens';

/** A meeting's agenda as stored: items in order, each with its cards and panelists. */
export async function loadAgenda(meetingId: string): Promise<AgendaItem[]> {
	const items = await db()
		.select()
		.from(agendaItems)
		.where(eq(agendaItems.meetingId, meetingId))
		.orderBy(asc(agendaItems.position));
	const cardRows = await db()
		.select()
		.from(cards)
		.where(eq(cards.meetingId, meetingId))
		.orderBy(asc(cards.position));
	const panelistRows = await db()
		.select()
		.from(panelists)
		.where(eq(panelists.meetingId, meetingId))
		.orderBy(asc(panelists.position));
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
export async function writeAgenda(tx: Tx, meetingId: string, items: readonly DraftItem[]): Promise<void> {
	await tx.delete(cards).where(eq(cards.meetingId, meetingId));
	await tx.delete(panelists).where(eq(panelists.meetingId, meetingId));
	await tx.delete(agendaItems).where(eq(agendaItems.meetingId, meetingId));
	for (const [position, item] of items.entries()) {
		await tx.insert(agendaItems).values({
			meetingId,
			id: item.id,
			position,
			kind: item.kind,
			title: item.title,
			body: item.body,
			focusTitle: item.focus?.title ?? null,
			focusBody: item.focus?.body ?? null
		});
		const placed = [
			...item.cards.map((card) => ({ card, placement: 'walkthrough' as const })),
			...(item.focus?.cards ?? []).map((card) => ({ card, placement: 'focus' as const }))
		];
		for (const [index, { card, placement }] of placed.entries())
			await tx.insert(cards).values({ meetingId, itemId: item.id, placement, position: index, ...card });
		for (const [index, panelist] of item.panelists.entries())
			await tx.insert(panelists).values({ meetingId, itemId: item.id, position: index, ...panelist });
	}
}

/** A meeting's polls as the agenda editor and meeting files see them, in order. */
export async function readPolls(tx: Db | Tx, meetingId: string): Promise<DraftPoll[]> {
	const rows = await tx
		.select()
		.from(polls)
		.where(eq(polls.meetingId, meetingId))
		.orderBy(asc(polls.position));
	const options = rows.length
		? await tx
				.select()
				.from(pollOptions)
				.where(
					inArray(
						pollOptions.pollId,
						rows.map((row) => row.id)
					)
				)
				.orderBy(asc(pollOptions.position))
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
export async function writePolls(tx: Tx, meetingId: string, wanted: AgendaEdit['polls']): Promise<void> {
	const stored = new Map((await readPolls(tx, meetingId)).map((poll) => [poll.id, poll]));
	const kept = new Set(wanted.map((poll) => poll.id));
	for (const poll of stored.values()) {
		if (!kept.has(poll.id) && poll.status === 'draft') await tx.delete(polls).where(eq(polls.id, poll.id));
	}
	for (const [position, poll] of wanted.entries()) {
		const existing = stored.get(poll.id);
		if (existing && existing.status !== 'draft') {
			await tx.update(polls).set({ position }).where(eq(polls.id, poll.id));
			continue;
		}
		const { itemId, kind, question, maxPicks, wordLimit } = poll;
		const pollId = existing ? poll.id : generateId();
		if (existing) {
			await tx
				.update(polls)
				.set({ position, itemId, kind, question, maxPicks, wordLimit })
				.where(and(eq(polls.id, pollId), eq(polls.meetingId, meetingId)));
			await tx.delete(pollOptions).where(eq(pollOptions.pollId, pollId));
		} else {
			await tx
				.insert(polls)
				.values({ id: pollId, meetingId, position, itemId, kind, question, maxPicks, wordLimit });
		}
		for (const [index, option] of poll.options.entries())
			await tx.insert(pollOptions).values({ pollId, position: index, ...option });
	}
}
