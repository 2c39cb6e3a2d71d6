/** Meeting files and agenda drafts nest a few levels; a thousand is an attack on the parser. */
export const MOST_JSON_NESTING = 64;

/**
 * Where JSON text first nests deeper than `most` lists and objects, or null. A linear scan that
 * skips strings: it runs before any parser, whose recursion a deeply nested text would exhaust.
 */
export function tooDeeplyNested(text: string, most = MOST_JSON_NESTING): { offset: number } | null {
	let depth = 0;
	let inString = false;
	for (let offset = 0; offset < text.length; offset++) {
		const char = text.charCodeAt(offset);
		if (inString) {
			if (char === 0x5c)
				offset++; // a backslash escapes the next character
			else if (char === 0x22) inString = false;
		} else if (char === 0x22) inString = true;
		else if (char === 0x5b || char === 0x7b) {
			if (++depth > most) return { offset };
		} else if (char === 0x5d || char === 0x7d) depth--;
	}
	return null;
}
