import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey as altchaDeriveKey } from 'altcha-lib/algorithms/sha';
import type { ChallengeParameters } from 'altcha-lib';
import { deriveKey } from './proof';

const parameters = (cost: number, keyLength = 32): ChallengeParameters => ({
	algorithm: 'SHA-256',
	nonce: '00',
	salt: '00',
	cost,
	keyLength,
	keyPrefix: '00'
});

describe('the derivation the server checks a join proof with', () => {
	it("gives altcha-lib's key (what phones find) for any salt, counter, cost and length", async () => {
		for (const [cost, keyLength] of [[1], [2], [100], [100, 16], [7, 32]]) {
			const salt = randomBytes(16);
			const password = randomBytes(20);
			const ours = await deriveKey(parameters(cost, keyLength), salt, password);
			const theirs = await altchaDeriveKey(parameters(cost, keyLength), salt, password);
			expect(Buffer.from(ours.derivedKey).toString('hex')).toBe(
				Buffer.from(theirs.derivedKey).toString('hex')
			);
		}
	});
});
