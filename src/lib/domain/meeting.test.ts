import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JOIN_CODE_ALPHABET, JOIN_CODE_PATTERN, isTimeZone, joinCodeFrom } from './meeting';

describe('joinCodeFrom', () => {
	it('makes valid codes of characters that cannot be misread', () => {
		fc.assert(
			fc.property(
				fc
					.uint8Array({ minLength: 32, maxLength: 32 })
					.filter((bytes) => bytes.filter((b) => b < 250).length >= 6),
				(bytes) => {
					const code = joinCodeFrom(bytes, 6);
					expect(code).toMatch(JOIN_CODE_PATTERN);
					expect(code).not.toMatch(/[0O1IL2Z5S8B]/);
				}
			)
		);
	});

	it('skips the bytes that would favour the first characters', () => {
		expect(joinCodeFrom(new Uint8Array([250, 255, 0, 24, 25, 49, 1, 2]), 6)).toBe(
			[0, 24, 0, 24, 1, 2].map((index) => JOIN_CODE_ALPHABET[index]).join('')
		);
		expect(() => joinCodeFrom(new Uint8Array([255, 254, 1]), 2)).toThrow();
	});
});

describe('isTimeZone', () => {
	it('knows IANA zones and refuses made-up ones', () => {
		expect(isTimeZone('Europe/Zurich')).toBe(true);
		expect(isTimeZone('UTC')).toBe(true);
		expect(isTimeZone('Mars/Olympus')).toBe(false);
	});
});
