import { normaliseText, textKey } from './text';
import type { TextEntry } from './types';

export type Moderation = ReadonlyMap<string, 'approved' | 'hidden'>;

/**
 * Groups texts by their key; shows only what a moderator approved, in order of count. The text
 * shown is the first submitted form of each key.
 */
export function tallyTexts(
	texts: string[],
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
	entries.sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
	return { entries, pending };
}
