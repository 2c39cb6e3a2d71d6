// The servers the benchmark drives: Plenary's production entry on a temporary database, or the
// raw Socket.IO reference. Each runs in its own process, watched from /proc.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PLENARY_SCREENS_PACING_MS, REFERENCE_SCREENS_PACING_MS, phonesPacingMs } from './pacing.js';
import { startBalancer } from '../scripts/balancer.js';
import { dropDatabase, ensureDatabase, startRedis } from '../scripts/local-services.js';
import { cpuSeconds, residentMemory } from './proc.js';

export const ADMIN = { username: 'bench-admin', password: 'bench-password-not-secret' };

const root = path.resolve(import.meta.dirname, '..');

function launch({ name, args, env, readyLine }) {
	const child = spawn(process.execPath, args, {
		cwd: root,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	let errorLines = 0;
	const collect = (chunk) => {
		const text = chunk.toString();
		errorLines += text.split('\n').filter((line) => /error|failed/i.test(line)).length;
		output = (output + text).slice(-20_000);
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const url = new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s:\n${output}`)), 60_000);
		const onData = () => {
			const match = readyLine.exec(output);
			if (!match) return;
			clearTimeout(timer);
			resolve(match[1]);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`${name} exited with ${code}:\n${output}`));
		});
	});
	return { child, url, exited, output: () => output, errorLines: () => errorLines };
}

/** Samples a process's resident memory every `intervalMs`, keeping the peak. */
function memorySampler(pid, intervalMs = 100) {
	let peak = 0;
	let hwm = 0;
	const sample = () => {
		const memory = residentMemory(pid);
		if (!memory) return memory;
		peak = Math.max(peak, memory.rss);
		hwm = Math.max(hwm, memory.hwm);
		return memory;
	};
	const timer = setInterval(sample, intervalMs);
	return {
		now: () => sample()?.rss ?? null,
		stop: () => {
			sample();
			clearInterval(timer);
			return { peakRssBytes: peak, hwmRssBytes: hwm };
		}
	};
}

async function started(kind, launched, screensPacingMs, extra = {}) {
	const url = await launched.url;
	let lastHeap = null;
	let lastClockUs = null;
	const pid = launched.child.pid;
	return {
		kind,
		url,
		pid,
		/** How often live results and questions go to screens and to `phones` phones (pacing.js). */
		pacing: (phones) => ({ screensMs: screensPacingMs, phonesMs: phonesPacingMs(phones) }),
		...extra,
		memory: memorySampler(pid),
		cpuSeconds: () => cpuSeconds(pid),
		errorLines: launched.errorLines,
		output: launched.output,
		/** The server's event-loop delay since the previous read (the read resets it). */
		async eventLoopDelay() {
			const response = await fetch(`${url}/__metrics`);
			const metrics = await response.json();
			lastHeap = metrics.heap;
			lastClockUs = metrics.clockUs ?? null;
			return metrics.eventLoopDelay;
		},
		/** The server's V8 heap at the last read of its metrics. */
		heap: () => lastHeap,
		/** The server's monotonic clock (µs, a CPU profile's) at the last read of its metrics. */
		clockUs: () => lastClockUs,
		async stop() {
			launched.child.kill('SIGTERM');
			const timer = setTimeout(() => launched.child.kill('SIGKILL'), 15_000);
			await launched.exited;
			clearTimeout(timer);
		}
	};
}

/**
 * The join proof of work the benchmark's phones do: a real phone's default (JOIN_PROOF_COST, 1,500)
 * takes a few hundred milliseconds of a core per phone, which thousands of simulated phones on the
 * server's own cores would take from the server being measured.
 */
export const BENCH_JOIN_PROOF_COST = 4;

/** One Plenary process as the benchmark runs it: on a free port, with PLENARY_METRICS on. */
function launchPlenary(nodeOptions, database) {
	return launch({
		name: 'Plenary',
		args: [...nodeOptions, 'server.js'],
		env: {
			PORT: '0',
			HOST: '127.0.0.1',
			...database,
			ADMIN_USERNAME: ADMIN.username,
			ADMIN_PASSWORD: ADMIN.password,
			PUBLIC_ORIGIN: '',
			PLENARY_METRICS: '1',
			// Every simulated phone comes from 127.0.0.1: lift the per-address join limit.
			JOIN_RATE_LIMIT: '1000000',
			// The simulated phones share the server's cores: their proof of work is made light (see
			// BENCH_JOIN_PROOF_COST), while the server still issues and verifies every one.
			JOIN_PROOF_COST: String(BENCH_JOIN_PROOF_COST)
		},
		readyLine: /Plenary listening on (http:\/\/\S+)/
	});
}

/** Plenary as `npm start` runs it, on a free port and a new database, with PLENARY_METRICS on. */
export function startPlenary({ nodeOptions = [] } = {}) {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-bench-'));
	const databasePath = path.join(directory, 'plenary.db');
	const launched = launchPlenary(nodeOptions, { DATABASE_PATH: databasePath });
	return started('plenary', launched, PLENARY_SCREENS_PACING_MS, {
		databasePath,
		removeDatabase: () => fs.rmSync(directory, { recursive: true, force: true })
	});
}

export function startReference({ nodeOptions = [] } = {}) {
	const launched = launch({
		name: 'Reference server',
		args: [...nodeOptions, 'bench/reference-server.js'],
		env: { PORT: '0', HOST: '127.0.0.1' },
		readyLine: /Reference listening on (http:\/\/\S+)/
	});
	return started('reference', launched, REFERENCE_SCREENS_PACING_MS);
}

/** The PostgreSQL server the benchmark makes its databases on (BENCH_DATABASE_URL). */
const postgresServer = () => process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Plenary as a deployment of `processes` processes (`processes` may be 1) on a new PostgreSQL
 * database and a Redis of its own, behind scripts/balancer.js: every phone, the projector and the
 * moderator connect through the balancer and land on the processes in turn. Its figures add up
 * the processes (CPU, memory, heap) or take the worst of them (event-loop delay).
 */
export async function startPlenaryProcesses({ processes, nodeOptions = [] }) {
	const redis = await startRedis();
	const url = new URL(postgresServer());
	url.pathname = `/plenary_bench_${randomBytes(6).toString('hex')}`;
	const databaseUrl = url.toString();
	await ensureDatabase(databaseUrl);
	const database = {
		DATABASE_URL: databaseUrl,
		REDIS_URL: redis.url,
		SERVER_SECRET: randomBytes(32).toString('hex')
	};
	const launchOne = () => launchPlenary(nodeOptions, database);
	// The first migrates and seeds the database; the others start together.
	const first = launchOne();
	await first.url;
	const launched = [first, ...Array.from({ length: processes - 1 }, launchOne)];
	const urls = await Promise.all(launched.map((one) => one.url));
	const balancer = await startBalancer(
		0,
		urls.map((one) => Number(new URL(one).port))
	);
	const samplers = launched.map((one) => memorySampler(one.child.pid));
	let lastHeap = null;
	let lastClockUs = null;
	const sum = (values) =>
		values.every((value) => value === null) ? null : values.reduce((a, b) => a + (b ?? 0), 0);
	return {
		kind: 'plenary',
		url: `http://127.0.0.1:${balancer.port}`,
		pid: first.child.pid,
		processes,
		databaseUrl,
		pacing: (phones) => ({ screensMs: PLENARY_SCREENS_PACING_MS, phonesMs: phonesPacingMs(phones) }),
		memory: {
			now: () => sum(samplers.map((sampler) => sampler.now())),
			stop: () => {
				const each = samplers.map((sampler) => sampler.stop());
				return {
					peakRssBytes: sum(each.map((one) => one.peakRssBytes)),
					hwmRssBytes: sum(each.map((one) => one.hwmRssBytes))
				};
			}
		},
		cpuSeconds: () => sum(launched.map((one) => cpuSeconds(one.child.pid))),
		errorLines: () => launched.reduce((total, one) => total + one.errorLines(), 0),
		output: () => launched.map((one) => one.output()).join('\n'),
		async eventLoopDelay() {
			const all = await Promise.all(urls.map(async (one) => (await fetch(`${one}/__metrics`)).json()));
			const field = (name) => sum(all.map((metrics) => metrics.heap?.[name] ?? null));
			lastHeap = {
				usedBytes: field('usedBytes'),
				totalBytes: field('totalBytes'),
				externalBytes: field('externalBytes')
			};
			lastClockUs = all[0].clockUs ?? null;
			// The worst process: each figure is the largest of the processes'.
			const delays = all.map((metrics) => metrics.eventLoopDelay);
			return Object.fromEntries(
				Object.keys(delays[0]).map((key) => [key, Math.max(...delays.map((delay) => delay[key] ?? 0))])
			);
		},
		heap: () => lastHeap,
		clockUs: () => lastClockUs,
		async stop() {
			await balancer.stop();
			await Promise.all(
				launched.map(async (one) => {
					one.child.kill('SIGTERM');
					const timer = setTimeout(() => one.child.kill('SIGKILL'), 15_000);
					await one.exited;
					clearTimeout(timer);
				})
			);
			await redis.stop();
		},
		removeDatabase: () => dropDatabase(databaseUrl)
	};
}
