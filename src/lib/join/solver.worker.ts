/**
 * Solves a join challenge off the page's thread. The derivation is altcha-lib's SHA-256 one
 * (chained hashes of salt + counter), written over a plain-JavaScript SHA-256 so that it runs on
 * plain-http venue networks too, where browsers offer no WebCrypto.
 */
import { solveChallenge, type Challenge } from 'altcha-lib';
import type { DeriveKeyFunction } from 'altcha-lib/types';
import { sha256 } from '@oslojs/crypto/sha2';

const deriveKey: DeriveKeyFunction = async (parameters, salt, password) => {
	let data: Uint8Array<ArrayBufferLike> = new Uint8Array(salt.length + password.length);
	data.set(salt);
	data.set(password, salt.length);
	for (let i = 0; i < Math.max(1, parameters.cost); i++) data = sha256(data);
	return { parameters: {}, derivedKey: data.subarray(0, parameters.keyLength ?? 32) };
};

self.onmessage = async (message: MessageEvent<Challenge>) => {
	try {
		const solution = await solveChallenge({ challenge: message.data, deriveKey, timeout: 0 });
		self.postMessage({ solution });
	} catch (error) {
		self.postMessage({ error: String(error) });
	}
};
