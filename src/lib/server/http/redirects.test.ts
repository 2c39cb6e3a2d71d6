import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './redirects';

const OTHER_SITES = [
	'//evil.example/',
	'/\\evil.example/',
	'\\\\evil.example/',
	'\\/evil.example/',
	'/\\/evil.example/',
	'https://evil.example/',
	'http:evil.example',
	'HTTPS://evil.example',
	'javascript:alert(1)',
	'data:text/html,hi',
	'evil.example',
	'/\t/evil.example/',
	'/\n/evil.example/',
	'/\r\n/evil.example/',
	'\t//evil.example',
	' //evil.example',
	'/%09/evil.example',
	'/a/../..//evil.example',
	'/./..//evil.example',
	'/.//evil.example',
	'///evil.example',
	'/\u0000/evil.example',
	'/\u007f/evil.example'
];

describe('safeRedirectPath', () => {
	it.each(OTHER_SITES)('never leads to another site: %j', (target) => {
		const path = safeRedirectPath(target);
		expect(path.startsWith('/')).toBe(true);
		expect(path.startsWith('//')).toBe(false);
		expect(path).not.toMatch(/[\\\s]/);
		expect(new URL(path, 'https://plenary.example').origin).toBe('https://plenary.example');
	});

	it('keeps plain paths of this site, with their query and fragment', () => {
		expect(safeRedirectPath('/m/BPF2017/moderate')).toBe('/m/BPF2017/moderate');
		expect(safeRedirectPath('/admin?tab=people#new')).toBe('/admin?tab=people#new');
		expect(safeRedirectPath('/m/BPF2017/record?x=%2F%2Fevil')).toBe('/m/BPF2017/record?x=%2F%2Fevil');
	});

	it('falls back when there is nothing to follow', () => {
		expect(safeRedirectPath(null)).toBe('/');
		expect(safeRedirectPath('')).toBe('/');
		expect(safeRedirectPath('//evil.example', '/admin')).toBe('/admin');
		expect(safeRedirectPath(`/${'a'.repeat(3000)}`)).toBe('/');
	});

	it('never leads away for any input (property)', async () => {
		const fc = await import('fast-check');
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (tail) => {
				for (const target of [tail, `/${tail}`, `//${tail}`, `/\\${tail}`]) {
					const path = safeRedirectPath(target);
					expect(new URL(path, 'https://plenary.example').origin).toBe('https://plenary.example');
					expect(path.startsWith('//')).toBe(false);
				}
			}),
			{ numRuns: 2000 }
		);
	});
});
