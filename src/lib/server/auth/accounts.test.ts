import { describe, expect, it } from 'vitest';
import { personDetailsSchema } from './accounts';

describe('a person’s display name and affiliation', () => {
	it('are trimmed, and empty means none', () => {
		expect(personDetailsSchema.parse({ displayName: '  Amina Diallo ', affiliation: '' })).toEqual({
			displayName: 'Amina Diallo',
			affiliation: null
		});
	});

	it('keep the letters of every script, a Persian zero-width non-joiner included', () => {
		const names = ['محمد علی‌زاده', '李小龙', 'Łukasz Żółć', 'Ольга'];
		for (const displayName of names)
			expect(personDetailsSchema.parse({ displayName, affiliation: 'ITU' }).displayName).toBe(displayName);
	});

	it('refuse a line break, a direction override or an invisible character', () => {
		for (const displayName of ['Amina\nDiallo', 'admin\u202Enimda', 'ad\u200Bmin', '\u2066Amina\u2069'])
			expect(personDetailsSchema.safeParse({ displayName, affiliation: '' }).success).toBe(false);
	});
});
