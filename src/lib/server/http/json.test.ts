import { describe, expect, it } from 'vitest';
import { tooDeeplyNested } from './json';

describe('tooDeeplyNested', () => {
	it('finds where a text nests too deep', () => {
		expect(tooDeeplyNested('[[[1]]]', 3)).toBeNull();
		expect(tooDeeplyNested('[[[[1]]]]', 3)).toEqual({ offset: 3 });
		expect(tooDeeplyNested('{"a":{"b":[{}]}}', 3)).toEqual({ offset: 11 });
		expect(tooDeeplyNested('['.repeat(100_000))).toEqual({ offset: 64 });
	});

	it('does not count brackets inside strings, escaped quotes included', () => {
		expect(tooDeeplyNested('["[[[[[[", "\\"[[[[[["]', 1)).toBeNull();
		expect(tooDeeplyNested(JSON.stringify({ text: '{'.repeat(1000) }))).toBeNull();
	});
});
