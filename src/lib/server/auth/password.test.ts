import { describe, expect, it } from 'vitest';
import { dummyHash, hashPassword, passwordMatches, verifyPassword } from './password';

/** `$argon2id$v=19$m=19456,t=2,p=1`: the algorithm and its cost, without salt or digest. */
const costOf = (passwordHash: string) => passwordHash.split('$').slice(1, 4).join('$');

describe('passwordMatches', () => {
	it('does the same Argon2id work for an unknown username as for a known one', async () => {
		const account = { passwordHash: await hashPassword('a real password, long enough') };
		const verified: string[] = [];
		const verifier = (passwordHash: string, password: string) => {
			verified.push(passwordHash);
			return verifyPassword(passwordHash, password);
		};
		expect(await passwordMatches(null, 'a guess at a password', verifier)).toBe(false);
		expect(await passwordMatches(account, 'a guess at a password', verifier)).toBe(false);
		expect(await passwordMatches(account, 'a real password, long enough', verifier)).toBe(true);
		expect(verified).toHaveLength(3);
		// The unknown user's check runs against a real hash of the same algorithm and cost.
		expect(verified[0]).toBe(await dummyHash());
		expect(costOf(verified[0])).toBe(costOf(account.passwordHash));
		expect(costOf(verified[0])).toMatch(/^argon2id\$v=19\$m=19456,t=2,p=1$/);
	});

	it('never lets an unknown account in, whatever the verifier says', async () => {
		expect(await passwordMatches(null, 'anything', () => Promise.resolve(true))).toBe(false);
	});
});
