/** Free text as the tally compares it: Unicode-normalised, trimmed, single-spaced. */
export function normaliseText(text: string): string {
	return text.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/** The key under which identical entries merge: "  Digital   Divide " and "digital divide" are one. */
export function textKey(text: string): string {
	return normaliseText(text).toLowerCase();
}

export function countWords(text: string): number {
	const trimmed = text.trim();
	return trimmed ? trimmed.split(/\s+/u).length : 0;
}
