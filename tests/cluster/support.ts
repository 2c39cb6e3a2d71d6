import { spawn, type ChildProcess } from 'node:child_process';
import { startBalancer } from '../../scripts/balancer.js';
import { ensureDatabase, temporaryDatabase } from '../integration/support/database';
import { freePort, startServer, type RunningServer } from '../integration/support/server';

/** A Redis of the test's own, on a free port, that the test can stop and start again. */
export interface TestRedis {
	url: string;
	stop: () => Promise<void>;
	start: () => Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
	const port = await freePort();
	let child: ChildProcess | null = null;
	const start = async () => {
		child = spawn(
			'redis-server',
			['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			{
				stdio: ['ignore', 'pipe', 'pipe']
			}
		);
		let output = '';
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
			child!.stdout!.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('Ready to accept connections')) {
					clearTimeout(timer);
					resolve();
				}
			});
			child!.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
		});
	};
	const stop = async () => {
		const running = child;
		child = null;
		if (!running || running.exitCode !== null) return;
		const exited = new Promise((resolve) => running.once('exit', resolve));
		running.kill('SIGKILL');
		await exited;
	};
	await start();
	return { url: `redis://127.0.0.1:${port}`, stop, start };
}

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
