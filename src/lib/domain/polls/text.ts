/** Free text as the tally compares it: Unicode-normalised (NFC), trimmed, single-spaced. */
export function normaliseText(text: string): string {
	return text.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

/**
 * The key under which identical entries merge: "  Digital   Divide " and "digital divide" are one.
 * `toLowerCase` ignores the server's locale, so a Turkish host merges the same entries as any other.
 */
export function textKey(text: string): string {
	return normaliseText(text).toLowerCase();
}

/** Words as a voter counts them: runs of anything but whitespace. */
export function countWords(text: string): number {
	const trimmed = text.trim();
	return trimmed ? trimmed.split(/\s+/u).length : 0;
}
