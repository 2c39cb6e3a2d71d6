// The pool of attendee worker processes, and a tiny request/answer protocol over their IPC channel.
import { fork } from 'node:child_process';
import path from 'node:path';
import { cpuSeconds } from './proc.js';

const workerPath = path.resolve(import.meta.dirname, 'attendee-worker.js');

function forkWorker() {
	const child = fork(workerPath, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const waiting = new Map();
	let nextId = 0;
	child.on('message', ({ id, result, error }) => {
		const pending = waiting.get(id);
		waiting.delete(id);
		if (error) pending?.reject(new Error(`attendee worker: ${error}`));
		else pending?.resolve(result);
	});
	child.once('exit', (code) => {
		for (const pending of waiting.values()) pending.reject(new Error(`attendee worker exited with ${code}`));
		waiting.clear();
	});
	return {
		call(name, args) {
			const id = nextId++;
			return new Promise((resolve, reject) => {
				waiting.set(id, { resolve, reject });
				child.send({ id, name, args });
			});
		},
		pid: child.pid,
		kill: () => child.kill('SIGKILL')
	};
}

/** Splits `total` into `parts` counts that differ by at most one. */
export function split(total, parts) {
	return Array.from(
		{ length: parts },
		(_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0)
	);
}

export function startWorkers(count) {
	const workers = Array.from({ length: count }, forkWorker);
	return {
		size: count,
		/** Sends one command to every worker; `argsOf(index)` gives each its arguments. */
		all(name, argsOf = () => ({})) {
			return Promise.all(workers.map((worker, index) => worker.call(name, argsOf(index))));
		},
		/** CPU seconds used so far by the workers and by this process (the moderator and projector). */
		cpuSeconds() {
			const own = process.cpuUsage();
			const workersTime = workers.reduce((sum, worker) => sum + cpuSeconds(worker.pid), 0);
			return workersTime + (own.user + own.system) / 1e6;
		},
		kill() {
			for (const worker of workers) worker.kill();
		}
	};
}
