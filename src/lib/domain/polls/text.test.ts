import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, normaliseText, textKey } from './text';

const anyText = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));

describe('free text', () => {
	it('composes Unicode, trims and collapses any run of whitespace to one space', () => {
		expect(normaliseText('  Digital \t\n  Divide  ')).toBe('Digital Divide');
		// "e" followed by a combining acute accent is composed into the single character "é".
		expect(normaliseText('Cafe\u0301')).toBe('Caf\u00e9');
		expect(normaliseText('\u00a0open\u3000access\u2003')).toBe('open access');
	});

	it('merges entries that differ only in case, spacing or composition', () => {
		expect(textKey('  Digital   Divide ')).toBe('digital divide');
		expect(textKey('digital divide')).toBe('digital divide');
		expect(textKey('CAFE\u0301')).toBe(textKey('caf\u00e9'));
		// Not the Turkish dotless ı, whatever the server's locale.
		expect(textKey('INTERNET')).toBe('internet');
	});

	it('counts whitespace-separated words', () => {
		expect(countWords('')).toBe(0);
		expect(countWords(' \n\t ')).toBe(0);
		expect(countWords('access')).toBe(1);
		expect(countWords(' open\u00a0 access\tfor\nall ')).toBe(4);
	});

	it('changes nothing more once normalised', () => {
		fc.assert(
			fc.property(anyText, (text) => {
				const normal = normaliseText(text);
				expect(normaliseText(normal)).toBe(normal);
				expect(countWords(normal)).toBe(countWords(text));
				expect(textKey(normal)).toBe(textKey(text));
			})
		);
	});
});
