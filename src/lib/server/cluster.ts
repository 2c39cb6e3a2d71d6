import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * The processes of one deployment, connected through Redis (REDIS_URL). Without it, Plenary is one
 * process and nothing here runs.
 *
 * - Socket.IO's Redis Streams adapter carries the application's events (`events.ts`) from the
 *   process that committed a change to every other: each applies them to what it keeps in memory
 *   (live tallies, the agenda, questions, the projector's page) and sends them to its own
 *   connections, at its own pace.
 * - The rate limits are counted in Redis, so that a sender is limited across processes.
 * - When Redis comes back after an outage, what a process heard in the meantime may be short: it
 *   reads every meeting again from the database and sends it to its connections (`onRestored`).
 */

/** This process, among the deployment's. */
export const processId = randomUUID();

interface Connections {
	/** Rate limits: fails at once while Redis is away (the limits then count in memory). */
	commands: Redis;
	/**
	 * The Socket.IO adapter's. With ioredis it reads the stream with a blocking XREAD on the client
	 * it is given, which would hold every XADD behind it for up to 100 ms: its reads go to a
	 * connection of their own (`readingApart`).
	 */
	adapter: Redis;
}

let connections: Connections | null = null;
const restored: (() => void)[] = [];

function connection(url: string, options: { failFast: boolean; announce?: boolean }): Redis {
	const redis = new Redis(url, {
		// Tries again every second at most, for as long as it takes.
		retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
		maxRetriesPerRequest: options.failFast ? 0 : null,
		enableOfflineQueue: !options.failFast,
		lazyConnect: false
	});
	let lost = false;
	redis.on('error', (error: Error) => {
		if (!lost) console.error(`Plenary: Redis is unreachable (${error.message}); trying again.`);
		lost = true;
	});
	redis.on('close', () => {
		lost = true;
	});
	redis.on('ready', () => {
		if (!lost) return;
		lost = false;
		console.log('Plenary: Redis is back.');
		if (options.announce) for (const callback of restored) callback();
	});
	return redis;
}

/** Connects to Redis (once); null without REDIS_URL. */
export function connectCluster(url: string | null): Connections | null {
	if (!url) return null;
	connections ??= {
		commands: connection(url, { failFast: true }),
		adapter: readingApart(
			connection(url, { failFast: false, announce: true }),
			connection(url, { failFast: false })
		)
	};
	return connections;
}

/** A client that sends everything on `sending` but reads the stream (XREAD) on `reading`. */
function readingApart(sending: Redis, reading: Redis): Redis {
	return new Proxy(sending, {
		get: (target, key) => (key === 'xread' ? reading.xread.bind(reading) : Reflect.get(target, key, target))
	});
}

/** The connection the rate limits use, when the processes share Redis. */
export function sharedRedis(): Redis | null {
	return connections?.commands ?? null;
}

/** Runs `callback` each time Redis comes back after an outage. */
export function onRestored(callback: () => void): void {
	restored.push(callback);
}
