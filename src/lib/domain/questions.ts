import type { QuestionAction } from './screen';

export const QUESTION_STATUSES = ['pending', 'approved', 'hidden', 'answered'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export type QuestionOrder = 'popular' | 'recent';

const STATUS_AFTER: Partial<Record<QuestionAction, QuestionStatus>> = {
	approve: 'approved',
	hide: 'hidden',
	answer: 'answered'
};

/** The status a moderation action gives a question; null for actions that only move the screen. */
export function statusAfter(action: QuestionAction): QuestionStatus | null {
	return STATUS_AFTER[action] ?? null;
}

interface Sortable {
	id: string;
	upvotes: number;
	askedAt: string;
}

/** Popular: most upvotes first, the earlier question first on a tie. Recent: newest first. */
export function sortQuestions<Q extends Sortable>(questions: readonly Q[], order: QuestionOrder): Q[] {
	const byTime = (a: Q, b: Q) => Date.parse(a.askedAt) - Date.parse(b.askedAt) || a.id.localeCompare(b.id);
	return [...questions].sort(
		order === 'popular' ? (a, b) => b.upvotes - a.upvotes || byTime(a, b) : (a, b) => -byTime(a, b)
	);
}

/** The room sees approved and answered questions; pending and hidden ones stay with the moderators. */
export function isPublic(status: QuestionStatus): boolean {
	return status === 'approved' || status === 'answered';
}

/** A new question waits for a moderator only when the meeting pre-moderates. */
export function initialStatus(premoderation: boolean): QuestionStatus {
	return premoderation ? 'pending' : 'approved';
}
