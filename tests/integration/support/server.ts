import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ensureDatabase, isPostgres, temporaryDatabase, type DatabaseLocation } from './database';

export { temporaryDatabase };

/** Every process of a test that shares a PostgreSQL database signs with one key, as a deployment's do. */
const TEST_SERVER_SECRET = 'plenary-tests-server-secret-0123456789abcdef';

export const ADMIN = { username: 'admin', password: 'integration-secret-42' };

export interface RunningServer {
	url: string;
	/** Its database: a SQLite file, or a PostgreSQL database's URL (see support/database.ts). */
	database: DatabaseLocation;
	/** The server process, e.g. to read its memory from /proc. */
	pid: number;
	output: () => string;
	/** SIGTERM and wait for the process to exit. */
	stop: () => Promise<void>;
	/** SIGKILL: the process dies mid-flight, as in a crash. */
	kill: () => Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
	return child.exitCode !== null || child.signalCode !== null
		? Promise.resolve()
		: new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the production build (`node server.js`) on a free port and a temporary database. */
/** A port free right now, for a server that must come back on the same address after a kill. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

export async function startServer(
	options: { database?: DatabaseLocation; env?: Record<string, string> } = {}
): Promise<RunningServer> {
	const database = options.database ?? temporaryDatabase();
	await ensureDatabase(database);
	const child = spawn(process.execPath, ['server.js'], {
		cwd: path.resolve(import.meta.dirname, '../../..'),
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			...(isPostgres(database)
				? { DATABASE_URL: database, DATABASE_PATH: '', SERVER_SECRET: TEST_SERVER_SECRET }
				: { DATABASE_URL: '', DATABASE_PATH: database }),
			ADMIN_USERNAME: ADMIN.username,
			ADMIN_PASSWORD: ADMIN.password,
			PUBLIC_ORIGIN: '',
			// A light proof of work, so that hundreds of test phones join quickly (one test keeps the default).
			JOIN_PROOF_COST: '2',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = /Plenary listening on (http:\/\/[^\s]+)/.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]);
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${output}`));
		});
	});
	return {
		url,
		database,
		pid: child.pid!,
		output: () => output,
		stop: async () => {
			child.kill('SIGTERM');
			await exited(child);
		},
		kill: async () => {
			child.kill('SIGKILL');
			await exited(child);
		}
	};
}
