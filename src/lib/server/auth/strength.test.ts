import { describe, expect, it } from 'vitest';
import { passwordWeakness } from './strength';

describe('passwordWeakness', () => {
	it.each(['aaaaaaaaaa', '1234567890', 'password12', 'qwertyuiop', 'Password123'])(
		'refuses %s and says why',
		(password) => {
			expect(passwordWeakness(password, [])).toMatch(/^This password is easy to guess\. \S.+\. \S.+$/);
		}
	);

	it('counts the username and the meeting as words an attacker knows', () => {
		expect(passwordWeakness('BPF2017BPF2017', ['BPF2017'])).not.toBeNull();
		expect(passwordWeakness('marguerite2017!', ['marguerite'])).not.toBeNull();
	});

	it('accepts passwords that are hard to guess', () => {
		expect(passwordWeakness('integration-secret-42', ['admin'])).toBeNull();
		expect(passwordWeakness('correct horse battery staple', [])).toBeNull();
	});
});
