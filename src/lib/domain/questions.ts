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

/** Questions a snapshot or an update carries at first, in each order (the rest on request). */
export const QUESTIONS_SHOWN = 20;
/** The most a client may ask for at once. */
export const QUESTIONS_MOST = 500;

/**
 * The questions a client is sent: the one on screen, and the first `count` in each of the
 * room's orders (so a phone sorting by popularity or by time sees its top either way), with how
 * many more there are. A room that fills with questions costs each client a bounded message.
 */
export function firstQuestions<Q extends Sortable>(
	questions: readonly Q[],
	count: number,
	onScreenId: string | null
): { questions: Q[]; more: number } {
	if (questions.length <= count) return { questions: [...questions], more: 0 };
	const kept = new Set<Q>(questions.filter((question) => question.id === onScreenId));
	for (const order of ['popular', 'recent'] as const) {
		for (const question of sortQuestions(questions, order).slice(0, count)) kept.add(question);
	}
	const shown = questions.filter((question) => kept.has(question));
	return { questions: shown, more: questions.length - shown.length };
}
