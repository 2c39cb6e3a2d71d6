/**
 * The proof of work a new phone pays to join (ALTCHA's scheme, altcha-lib): the server issues a
 * signed challenge bound to one meeting and a few minutes; the phone tries key derivations until
 * it finds the one the server picked; the server checks its signature and makes that one
 * derivation again, and accepts each challenge once. Nothing is stored until a challenge is spent.
 */
import { createHmac, hash } from 'node:crypto';
import {
	createChallenge,
	randomInt,
	verifySolution,
	type Challenge,
	type DeriveKeyFunction
} from 'altcha-lib';
import { z } from 'zod';
import { readConfig } from '../config';
import { serverSecret } from './secret';
import { sharedRedis } from '../cluster';

/**
 * Chained SHA-256, which a phone computes in plain JavaScript as fast as a script does natively
 * (WebCrypto, which would be faster, exists only on https pages, and venues often serve plain http).
 */
export const PROOF_ALGORITHM = 'SHA-256';
/** Hashes in one key derivation; JOIN_PROOF_COST says how many derivations at most. */
export const PROOF_ITERATIONS = 100;
/** Long enough for a slow phone on a slow network, short enough that spent ones are soon forgotten. */
const PROOF_LIFETIME_MS = 5 * 60_000;

/**
 * altcha-lib's chained SHA-256 (`altcha-lib/algorithms/sha`, which phones run), with Node's
 * one-shot hash: a third cheaper than a Hash object per round. The server derives once for each
 * challenge it issues and once for each proof it checks.
 */
export const deriveKey: DeriveKeyFunction = async ({ cost, keyLength }, salt, password) => {
	let key = hash('sha256', Buffer.concat([salt, password]), 'buffer');
	for (let round = 1; round < cost; round++) key = hash('sha256', key, 'buffer');
	return { derivedKey: key.subarray(0, keyLength) };
};

function keyFor(purpose: string): string {
	return createHmac('sha256', serverSecret()).update(`plenary join proof: ${purpose}`).digest('hex');
}

let key: string | null = null;
function signingKey(): string {
	key ??= keyFor('challenge');
	return key;
}

/**
 * A new challenge for one meeting; the work is a random number of derivations up to the cost.
 * Signed here as altcha-lib signs (HMAC-SHA-256 of its parameters' JSON, keys sorted), which
 * `verifySolution` checks: Node's HMAC costs a twentieth of WebCrypto's, and every page opened
 * by a phone that has not joined carries a challenge.
 */
export async function issueChallenge(meetingId: string, now = Date.now()): Promise<Challenge> {
	const cost = readConfig().joinProofCost;
	const { parameters } = await createChallenge({
		algorithm: PROOF_ALGORITHM,
		cost: PROOF_ITERATIONS,
		// At least half the cost, so no phone is lucky enough to make the proof free.
		counter: randomInt(cost, Math.ceil(cost / 2)),
		deriveKey,
		data: { meeting: meetingId },
		expiresAt: new Date(now + PROOF_LIFETIME_MS)
	});
	const signature = createHmac('sha256', signingKey()).update(JSON.stringify(parameters)).digest('hex');
	return { parameters, signature };
}

/** What a phone sends back: the challenge as it was issued and the derivation it found. */
const proofSchema = z.object({
	challenge: z.object({
		parameters: z
			.object({
				algorithm: z.literal(PROOF_ALGORITHM),
				nonce: z.string().regex(/^[0-9a-f]{1,64}$/),
				salt: z.string().max(64),
				cost: z.number(),
				keyLength: z.number(),
				keyPrefix: z.string().max(128),
				expiresAt: z.number(),
				data: z.object({ meeting: z.string().max(64) })
			})
			.passthrough(),
		signature: z.string().max(128)
	}),
	solution: z.object({ counter: z.number().int().nonnegative(), derivedKey: z.string().max(128) })
});

export type ProofOutcome = 'verified' | 'missing' | 'invalid' | 'expired' | 'spent' | 'busy';

/**
 * Checks a phone's proof for this meeting and spends it: the same proof never admits twice.
 * Anything but `verified` admits no one.
 */
export async function spendProof(
	meetingId: string,
	sent: string | null,
	now = Date.now()
): Promise<ProofOutcome> {
	if (!sent) return 'missing';
	let parsed;
	try {
		parsed = proofSchema.safeParse(JSON.parse(sent));
	} catch {
		return 'invalid';
	}
	if (!parsed.success) return 'invalid';
	const { challenge, solution } = parsed.data;
	let result;
	try {
		result = await verifySolution({
			challenge: challenge as Challenge,
			solution: { ...solution, time: 0 },
			// Derives the key again from the counter sent (one derivation: far less than the phone's work).
			deriveKey,
			hmacSignatureSecret: signingKey()
		});
	} catch {
		return 'invalid';
	}
	if (result.expired || challenge.parameters.expiresAt * 1000 < now) return 'expired';
	if (!result.verified) return 'invalid';
	// Signed by us, so this is the meeting it was issued for.
	if (challenge.parameters.data.meeting !== meetingId) return 'invalid';
	const { nonce, expiresAt } = challenge.parameters;
	return spendEverywhere(nonce, expiresAt * 1000, now);
}

/**
 * Spends a proof once across the deployment: in Redis when the processes share one (a proof
 * sent to two processes admits once), also in this process's memory, which holds alone while
 * Redis is away.
 */
async function spendEverywhere(nonce: string, expiresAt: number, now: number): Promise<ProofOutcome> {
	const local = spentProofs.spend(nonce, expiresAt, now);
	const redis = sharedRedis();
	if (local !== 'verified' || !redis) return local;
	try {
		const first = await redis.set(`plenary:proof:${nonce}`, '1', 'PX', Math.max(1, expiresAt - now), 'NX');
		return first === 'OK' ? 'verified' : 'spent';
	} catch {
		return local;
	}
}

/**
 * The proofs already used, until they expire (after that their signature refuses them anyway).
 * Bounded: at the cap, joining waits for old proofs to expire rather than forgetting one that
 * could then be used again. Kept in this process (and in Redis, across processes: spendEverywhere).
 */
class SpentProofs {
	readonly #expiries = new Map<string, number>();
	#swept = 0;
	constructor(readonly cap: number) {}

	spend(nonce: string, expiresAt: number, now: number): 'verified' | 'spent' | 'busy' {
		if (this.#expiries.has(nonce)) return 'spent';
		if (now - this.#swept > 60_000 || this.#expiries.size >= this.cap) this.#sweep(now);
		if (this.#expiries.size >= this.cap) return 'busy';
		this.#expiries.set(nonce, expiresAt);
		return 'verified';
	}

	#sweep(now: number): void {
		this.#swept = now;
		for (const [nonce, expiresAt] of this.#expiries) if (expiresAt < now) this.#expiries.delete(nonce);
	}
}

/** Far more joins in five minutes than any hall, far less memory than matters (~100 bytes each). */
const spentProofs = new SpentProofs(200_000);
