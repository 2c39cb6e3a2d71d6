import { normaliseText, textKey } from './text';
import type { TextEntry } from './types';

/** A moderator's decision per text key; a key without one is still pending. */
export type Moderation = ReadonlyMap<string, 'approved' | 'hidden'>;

/**
 * Groups free texts under their key, each shown in its first-submitted form. Only approved keys
 * are listed, most frequent first (ties keep the order they were first submitted in, since the
 * projector shows entries as given); undecided keys are only counted, hidden ones vanish.
 */
export function tallyTextEntries(
	texts: Iterable<string>,
	moderation: Moderation
): { entries: TextEntry[]; pending: number } {
	const grouped = new Map<string, TextEntry>();
	for (const text of texts) {
		const key = textKey(text);
		if (!key) continue;
		const entry = grouped.get(key);
		if (entry) entry.count++;
		else grouped.set(key, { key, text: normaliseText(text), count: 1 });
	}
	const entries: TextEntry[] = [];
	let pending = 0;
	for (const entry of grouped.values()) {
		const decision = moderation.get(entry.key);
		if (decision === 'approved') entries.push(entry);
		else if (decision === undefined) pending++;
	}
	entries.sort((a, b) => b.count - a.count);
	return { entries, pending };
}
