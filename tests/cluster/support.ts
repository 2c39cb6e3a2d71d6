import { startBalancer } from '../../scripts/balancer.js';
import { startRedis } from '../../scripts/local-services.js';
import { ensureDatabase, temporaryDatabase } from '../integration/support/database';
import { startServer, type RunningServer } from '../integration/support/server';

export type TestRedis = Awaited<ReturnType<typeof startRedis>>;

export interface TestCluster {
	servers: RunningServer[];
	/** The balancer every phone connects through: each new connection goes to the next process alive. */
	url: string;
	redis: TestRedis;
	stop: () => Promise<void>;
}

/** `count` Plenary processes on one new PostgreSQL database and one Redis, behind a balancer. */
export async function startCluster(count: number): Promise<TestCluster> {
	const redis = await startRedis();
	const database = temporaryDatabase();
	await ensureDatabase(database);
	const env = { REDIS_URL: redis.url };
	// The first migrates and seeds; the others start together, as a deployment's would.
	const first = await startServer({ database, env });
	const others = await Promise.all(Array.from({ length: count - 1 }, () => startServer({ database, env })));
	const servers = [first, ...others];
	const balancer = await startBalancer(
		0,
		servers.map((server) => Number(new URL(server.url).port))
	);
	return {
		servers,
		url: `http://127.0.0.1:${balancer.port}`,
		redis,
		stop: async () => {
			await balancer.stop();
			await Promise.all(servers.map((server) => server.stop()));
			await redis.stop();
		}
	};
}
