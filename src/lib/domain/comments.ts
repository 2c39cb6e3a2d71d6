/** Comments close at the deadline exactly, in UTC: a comment at 12:00:00.000Z on the day is late. */
export function commentsOpen(deadline: string | null, now: Date): boolean {
	return deadline === null || now.getTime() < Date.parse(deadline);
}

/**
 * The deadline the server enforces: none in a rehearsal, which keeps the session's real deadline in
 * its data (the record and the console show it) while the room tries commenting.
 */
export function deadlineInForce(deadline: string | null, rehearsal: boolean): string | null {
	return rehearsal ? null : deadline;
}

export const TAGS = ['key_issue', 'takeaway'] as const;
export type RecordTag = (typeof TAGS)[number];
export const TAG_TARGETS = ['card', 'comment', 'question'] as const;
export type TagTarget = (typeof TAG_TARGETS)[number];

export const TAG_LABELS: Record<RecordTag, string> = { key_issue: 'Key issue', takeaway: 'Takeaway' };

/** Comments per card a snapshot or an update carries: the newest (the record keeps them all). */
export const COMMENTS_SHOWN_PER_CARD = 50;

/**
 * The newest `perCard` comments of each card, and the one on screen, with how many earlier ones
 * each card has beyond them: a card that fills with comments costs each client a bounded message.
 */
export function newestComments<C extends { id: string; cardId: string; createdAt: string }>(
	comments: readonly C[],
	perCard: number,
	onScreenId: string | null
): { comments: C[]; earlier: Record<string, number> } {
	const byCard = new Map<string, C[]>();
	for (const comment of comments)
		byCard.set(comment.cardId, [...(byCard.get(comment.cardId) ?? []), comment]);
	const kept = new Set<C>();
	const earlier: Record<string, number> = {};
	for (const [cardId, list] of byCard) {
		const newest = [...list]
			.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
			.slice(0, perCard);
		for (const comment of newest) kept.add(comment);
		for (const comment of list) if (comment.id === onScreenId) kept.add(comment);
		const left = list.filter((comment) => !kept.has(comment)).length;
		if (left) earlier[cardId] = left;
	}
	return { comments: comments.filter((comment) => kept.has(comment)), earlier };
}
