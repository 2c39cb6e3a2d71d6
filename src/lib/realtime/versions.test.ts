import { describe, expect, it } from 'vitest';
import { followVersion } from './versions';

describe('followVersion', () => {
	it('applies the next version', () => expect(followVersion(7, 8)).toBe('apply'));
	it('ignores a version already held, or older', () => {
		expect(followVersion(7, 7)).toBe('ignore');
		expect(followVersion(7, 3)).toBe('ignore');
	});
	it('resyncs after a gap', () => expect(followVersion(7, 9)).toBe('resync'));
});
