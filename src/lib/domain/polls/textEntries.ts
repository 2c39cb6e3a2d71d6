import { normaliseText, textKey } from './text';
import type { TextDecision, TextEntry } from './types';

/** A moderator's decision per text key; a key without one is still pending. */
export type Moderation = ReadonlyMap<string, TextDecision>;

/**
 * Every distinct text under its key, shown in its first-submitted form, most frequent first (ties
 * in the order first submitted).
 */
export function groupTexts(texts: Iterable<string>): TextEntry[] {
	const grouped = new Map<string, TextEntry>();
	for (const text of texts) {
		const key = textKey(text);
		if (!key) continue;
		const entry = grouped.get(key);
		if (entry) entry.count++;
		else grouped.set(key, { key, text: normaliseText(text), count: 1 });
	}
	return [...grouped.values()].sort((a, b) => b.count - a.count);
}

/**
 * Groups free texts under their key, each shown in its first-submitted form. Only approved keys
 * are listed, most frequent first (ties keep the order they were first submitted in, since the
 * projector shows entries as given); undecided keys are only counted, hidden ones vanish.
 */
export function tallyTextEntries(
	texts: Iterable<string>,
	moderation: Moderation
): { entries: TextEntry[]; pending: number } {
	const all = groupTexts(texts);
	return {
		entries: all.filter((entry) => moderation.get(entry.key) === 'approved'),
		pending: all.filter((entry) => !moderation.has(entry.key)).length
	};
}
