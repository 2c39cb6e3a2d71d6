import { hash, verify } from '@node-rs/argon2';
import { generateToken } from './tokens';

// Argon2id with the OWASP-recommended minimum: 19 MiB of memory, 2 passes, 1 lane.
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummy: Promise<string> | null = null;

/** A hash of a random password with the same parameters as every account's: nothing matches it. */
export function dummyHash(): Promise<string> {
	dummy ??= hashPassword(generateToken());
	return dummy;
}

/**
 * Whether `password` is the account's. An unknown (or removed) account is checked against a dummy
 * hash with the same parameters, so that both answers take the same Argon2id work and the time of
 * a sign-in does not tell which usernames exist.
 */
export async function passwordMatches(
	account: { passwordHash: string } | null,
	password: string,
	verifier: (passwordHash: string, password: string) => Promise<boolean> = verifyPassword
): Promise<boolean> {
	const matches = await verifier(account?.passwordHash ?? (await dummyHash()), password);
	return account !== null && matches;
}
