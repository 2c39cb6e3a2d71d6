// The parts of a deployment the cluster script, the cluster tests and the benchmark start on this
// machine: a free port, a Redis of their own, a PostgreSQL database made (and dropped) for them.
import { spawn } from 'node:child_process';
import net from 'node:net';
import pg from 'pg';

/** A port free right now on 127.0.0.1. @returns {Promise<number>} */
export function freePort() {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (probe.address());
			probe.close(() => resolve(port));
		});
	});
}

/**
 * A `redis-server` of the caller's own on a free port, without persistence; `stop` kills it and
 * `start` starts it again on the same port (a Redis restarted during a session).
 * @returns {Promise<{ url: string, start: () => Promise<void>, stop: () => Promise<void> }>}
 */
export async function startRedis() {
	const port = await freePort();
	/** @type {import('node:child_process').ChildProcess | null} */
	let child = null;
	const start = async () => {
		const started = spawn(
			'redis-server',
			['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			{ stdio: ['ignore', 'pipe', 'pipe'] }
		);
		child = started;
		let output = '';
		await new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
			started.stdout?.on('data', (chunk) => {
				output += chunk.toString();
				if (!output.includes('Ready to accept connections')) return;
				clearTimeout(timer);
				resolve(undefined);
			});
			started.once('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)));
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
	return { url: `redis://127.0.0.1:${port}`, start, stop };
}

/**
 * Runs `work` on the maintenance database of the PostgreSQL server `url` names, with the name of
 * the database `url` names.
 * @template T
 * @param {string} url
 * @param {(client: pg.Client, name: string) => Promise<T>} work
 * @returns {Promise<T>}
 */
async function onServer(url, work) {
	const maintenance = new URL(url);
	maintenance.pathname = '/postgres';
	const client = new pg.Client({ connectionString: maintenance.toString() });
	await client.connect();
	try {
		return await work(client, decodeURIComponent(new URL(url).pathname.slice(1)));
	} finally {
		await client.end();
	}
}

/**
 * Creates the PostgreSQL database `url` names unless it exists; true when it made it.
 * @param {string} url
 * @returns {Promise<boolean>}
 */
export function ensureDatabase(url) {
	return onServer(url, async (client, name) => {
		const found = await client.query('select 1 from pg_database where datname = $1', [name]);
		if (found.rowCount) return false;
		await client.query(`create database "${name.replaceAll('"', '""')}"`);
		return true;
	});
}

/** @param {string} url */
export function dropDatabase(url) {
	return onServer(url, (client, name) =>
		client.query(`drop database if exists "${name.replaceAll('"', '""')}"`)
	);
}
