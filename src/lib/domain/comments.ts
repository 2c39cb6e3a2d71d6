/** Comments close at the deadline exactly, in UTC: a comment at 12:00:00.000Z on the day is late. */
export function commentsOpen(deadline: string | null, now: Date): boolean {
	return deadline === null || now.getTime() < Date.parse(deadline);
}

export const TAGS = ['key_issue', 'takeaway'] as const;
export type RecordTag = (typeof TAGS)[number];
export const TAG_TARGETS = ['card', 'comment', 'question'] as const;
export type TagTarget = (typeof TAG_TARGETS)[number];

export const TAG_LABELS: Record<RecordTag, string> = { key_issue: 'Key issue', takeaway: 'Takeaway' };
