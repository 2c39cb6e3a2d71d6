import {
	RateLimiterMemory,
	RateLimiterRedis,
	RateLimiterRes,
	type RateLimiterAbstract
} from 'rate-limiter-flexible';
import { sharedRedis } from './cluster';
import { readConfig } from './config';

/**
 * A limit of so many actions per key in a window. Keys are participants, users or sessions, and
 * only joining also counts per network address, loosely: hundreds of phones in a hall reach the
 * server from one venue address behind the Wi-Fi's NAT. Sign-in is slowed, not limited, by
 * account and address together (auth/guessing.ts).
 */
export class Limit {
	readonly #name: string;
	readonly #memory: RateLimiterMemory;
	readonly #where: 'shared' | 'process';
	#chosen: RateLimiterAbstract | null = null;

	/**
	 * `name` keeps the counts of this limit apart in Redis. A `shared` limit is counted in Redis when
	 * the processes share one (REDIS_URL), so that a sender is limited across them; while Redis is
	 * away, each process counts in memory. A `process` limit is always counted in memory: the flood
	 * guards, which must cost no more than a count.
	 */
	constructor(name: string, points: number, seconds: number, where: 'shared' | 'process' = 'shared') {
		this.#name = name;
		this.#where = where;
		this.#memory = new RateLimiterMemory({ points, duration: seconds });
	}

	get #limiter(): RateLimiterAbstract {
		if (this.#chosen) return this.#chosen;
		const redis = this.#where === 'shared' ? sharedRedis() : null;
		this.#chosen = redis
			? new RateLimiterRedis({
					storeClient: redis,
					points: this.#memory.points,
					duration: this.#memory.duration,
					keyPrefix: `plenary:limit:${this.#name}`,
					insuranceLimiter: this.#memory
				})
			: this.#memory;
		return this.#chosen;
	}

	/** Counts one action; null when it is allowed, else the seconds to wait. */
	async take(key: string): Promise<number | null> {
		try {
			await this.#limiter.consume(key);
			return null;
		} catch (refusal) {
			if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
			throw refusal;
		}
	}

	/** The seconds to wait when a key has used up its actions, else null; counts nothing. */
	async exhausted(key: string): Promise<number | null> {
		const state = await this.#limiter.get(key);
		if (!state || state.consumedPoints < this.#limiter.points) return null;
		return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
	}
}

/**
 * How long to wait, for a message's `{unit, select, …}`: seconds, or whole minutes (rounded up)
 * from a minute and a half. The one rule for writing a wait; `waitHint` spells it in English.
 */
export function waitValues(seconds: number): { unit: 'seconds' | 'minutes'; count: number } {
	return seconds >= 90
		? { unit: 'minutes', count: Math.ceil(seconds / 60) }
		: { unit: 'seconds', count: seconds };
}

/** A wait in English, for text the catalogue does not carry (staff sign-in, socket refusals). */
export function waitHint(seconds: number): string {
	const { unit, count } = waitValues(seconds);
	return unit === 'minutes' ? `about ${count} minutes` : `${count} s`;
}

let joinLimit: Limit | null = null;
let connectLimit: Limit | null = null;
interface CommandLimits {
	phone: Limit;
	staff: Limit;
	sync: Limit;
	staffSync: Limit;
	events: Limit;
	refusals: Limit;
}
let commandLimits: CommandLimits | null = null;

/** The limits of commands without one of their own, from COMMAND_RATE_LIMIT (read once). */
function commandLimitsOf(): CommandLimits {
	commandLimits ??= commandLimitsFor(readConfig().commandRateLimit);
	return commandLimits;
}

function commandLimitsFor(perMinute: number): CommandLimits {
	return {
		phone: new Limit('phone-command', perMinute, 60),
		staff: new Limit('staff-command', perMinute, 60),
		// A snapshot costs far more than a command: a sixtieth of them, at least 10 a minute.
		sync: new Limit('sync', Math.max(10, Math.round(perMinute / 60)), 60),
		staffSync: new Limit('staff-sync', perMinute, 60),
		// Every event together, counted before anything else: twice what the commands allow, over
		// 10 s so that a flood is stopped within seconds (at least 60, for a phone's outbox after a drop).
		events: new Limit('events', Math.max(60, Math.round(perMinute / 3)), 10, 'process'),
		refusals: new Limit('refusals', REFUSALS_ANSWERED, 60, 'process')
	};
}

/** Refusals one connection is told about per minute; beyond them it is disconnected. */
export const REFUSALS_ANSWERED = 20;

export const limits = {
	/** New phones from one address per minute (JOIN_RATE_LIMIT). */
	get joinPerAddress(): Limit {
		joinLimit ??= new Limit('join', readConfig().joinRateLimit, 60);
		return joinLimit;
	},
	/**
	 * Joins with a passcode or room code from one address, right or wrong: a hall of a thousand
	 * behind one NAT joins and mistypes within it; a script guessing also pays a proof per guess.
	 */
	codePerAddress: new Limit('codePerAddress', 3000, 10 * 60),
	/**
	 * The public JSON snapshot from one address: dashboards and scripts read it, phones never do,
	 * and each read builds a snapshot.
	 */
	publicSnapshotPerAddress: new Limit('publicSnapshotPerAddress', 300, 60),
	/**
	 * New connections from one address per minute (CONNECT_RATE_LIMIT): a hall behind one NAT
	 * reconnecting after a Wi-Fi drop, not a script opening sockets in a loop.
	 */
	get connectPerAddress(): Limit {
		connectLimit ??= new Limit('connect', readConfig().connectRateLimit, 60);
		return connectLimit;
	},
	profile: new Limit('profile', 20, 60),
	/** Ballots per participant: changing one's vote is fine, a script hammering is not. */
	ballot: new Limit('ballot', 30, 60),
	question: new Limit('question', 5, 60),
	upvote: new Limit('upvote', 60, 60),
	comment: new Limit('comment', 10, 60),
	mark: new Limit('mark', 120, 60),
	/** Raising and lowering a hand, together: a person changes their mind, a script toggles. */
	floor: new Limit('floor', 10, 60),
	/** More questions than a snapshot carries, asked for by one reader. */
	moreQuestions: new Limit('moreQuestions', 30, 60),
	/** Any other command from a phone: far above what a person does. */
	get phoneCommand(): Limit {
		return commandLimitsOf().phone;
	},
	/** Commands from one staff member without a limit of their own: a clicker, not a script. */
	get staffCommand(): Limit {
		return commandLimitsOf().staff;
	},
	/** Full snapshots asked for by one phone or screen (a client asks after a missed update). */
	get sync(): Limit {
		return commandLimitsOf().sync;
	},
	/** Full snapshots asked for by one staff member: a handful of trusted accounts, not a hall. */
	get staffSync(): Limit {
		return commandLimitsOf().staffSync;
	},
	/**
	 * Every event a client sends, per participant, staff member or (for screens) connection,
	 * counted in memory before any other work, so that a flood is refused for the price of a count.
	 */
	get events(): Limit {
		return commandLimitsOf().events;
	},
	/** Refusals answered to one connection; a connection that goes on past them is dropped. */
	get refusals(): Limit {
		return commandLimitsOf().refusals;
	}
};
