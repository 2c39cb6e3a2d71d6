#!/usr/bin/env node
// Starts N Plenary processes on this machine, sharing one PostgreSQL database and one Redis, behind
// a round-robin balancer: a way to try a deployment of several processes (docs/deploy.md).
// Usage: npm run cluster -- 3            (after npm run build)
//   DATABASE_URL  default postgres://postgres@127.0.0.1:5432/plenary (created when missing)
//   REDIS_URL     default redis://127.0.0.1:6379
//   PORT          the balancer's port, default 3000; the processes take the next N ports
//   SERVER_SECRET default: one kept in data/cluster.secret, the same for every process
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startBalancer } from './balancer.js';
import { ensureDatabase } from './local-services.js';

const root = path.resolve(import.meta.dirname, '..');
const count = Number(process.argv[2] ?? 3);
if (!Number.isInteger(count) || count < 1 || count > 32) {
	console.error('Usage: npm run cluster -- <number of processes, 1 to 32>');
	process.exit(2);
}
if (!fs.existsSync(path.join(root, 'build', 'index.js'))) {
	console.error('No build/: run npm run build first.');
	process.exit(1);
}

const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/plenary';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const port = Number(process.env.PORT || 3000);

function clusterSecret() {
	if (process.env.SERVER_SECRET) return process.env.SERVER_SECRET;
	const file = path.join(root, 'data', 'cluster.secret');
	if (!fs.existsSync(file)) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
	}
	return fs.readFileSync(file, 'utf8').trim();
}

if (await ensureDatabase(databaseUrl)) console.log(`cluster: created the database of ${databaseUrl}.`);
const secret = clusterSecret();
const ports = Array.from({ length: count }, (_, index) => port + 1 + index);
const children = ports.map((childPort, index) => {
	const child = spawn(process.execPath, ['server.js'], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(childPort),
			HOST: '127.0.0.1',
			DATABASE_URL: databaseUrl,
			REDIS_URL: redisUrl,
			SERVER_SECRET: secret,
			PUBLIC_ORIGIN: process.env.PUBLIC_ORIGIN || `http://localhost:${port}`
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const label = `[${index + 1}:${childPort}] `;
	const prefix = (chunk) =>
		chunk
			.toString()
			.split('\n')
			.filter(Boolean)
			.map((line) => label + line)
			.join('\n') + '\n';
	child.stdout.on('data', (chunk) => process.stdout.write(prefix(chunk)));
	child.stderr.on('data', (chunk) => process.stderr.write(prefix(chunk)));
	child.on('exit', (code, signal) => console.log(`${label}exited (${signal ?? code})`));
	return child;
});

const balancer = await startBalancer(port, ports);
console.log(
	`cluster: ${count} processes on ports ${ports.join(', ')}, balanced at http://localhost:${balancer.port}`
);

function stop() {
	for (const child of children) child.kill('SIGTERM');
	void balancer.stop().then(() => process.exit(0));
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
