// `npm run bench`: builds Plenary, then drives it and the raw Socket.IO reference through the same
// scenario with simulated phones, and prints (and optionally writes) the figures. See README.md,
// "Benchmark", for the options, the scenario and every field of the JSON.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { attackTable, table, verdict } from './report.js';
import { runScenario } from './scenario.js';
import pg from 'pg';
import { BENCH_JOIN_PROOF_COST, startPlenary, startPlenaryProcesses, startReference } from './targets.js';

/** The server's default, as src/lib/server/config.ts sets it (read here for the log line only). */
const DEFAULT_JOIN_PROOF_COST = 1500;

const root = path.resolve(import.meta.dirname, '..');
const log = (line) => console.log(line);

function readOptions() {
	const { values } = parseArgs({
		options: {
			attendees: { type: 'string', default: '2000' },
			json: { type: 'string' },
			'skip-build': { type: 'boolean', default: false },
			only: { type: 'string' },
			'join-concurrency': { type: 'string', default: '48' },
			'cpu-prof': { type: 'string' },
			hostile: { type: 'boolean', default: false },
			pairs: { type: 'string', default: '1' },
			processes: { type: 'string' },
			storm: { type: 'string' }
		}
	});
	const attendees = Number(values.attendees);
	if (!Number.isInteger(attendees) || attendees < 2)
		throw new Error('--attendees must be a whole number ≥ 2');
	const pairs = Number(values.pairs);
	if (!Number.isInteger(pairs) || pairs < 1) throw new Error('--pairs must be a whole number ≥ 1');
	// By default a fifth of the phones, at most 1,000, as when a hall's Wi-Fi access point drops.
	const storm =
		values.storm === undefined ? Math.min(1000, Math.round(attendees * 0.2)) : Number(values.storm);
	if (!Number.isInteger(storm) || storm < 0 || storm > attendees)
		throw new Error('--storm must be a whole number from 0 to the number of attendees');
	if (values.only && !['plenary', 'reference'].includes(values.only)) {
		throw new Error('--only is plenary or reference');
	}
	const processes = values.processes === undefined ? null : Number(values.processes);
	if (processes !== null && (!Number.isInteger(processes) || processes < 2 || processes > 16))
		throw new Error('--processes must be a whole number from 2 to 16');
	if (processes !== null && (values.hostile || values.only))
		throw new Error('--processes compares N processes with one: it takes neither --hostile nor --only');
	// --hostile: Plenary quiet, then Plenary under attack (the reference has no limits to test).
	const targets = values.hostile
		? ['plenary', 'hostile']
		: values.only
			? [values.only]
			: ['plenary', 'reference'];
	return {
		attendees,
		processes,
		pairs,
		storm,
		json: values.json ? path.resolve(values.json) : null,
		skipBuild: values['skip-build'],
		targets,
		joinConcurrency: Number(values['join-concurrency']),
		cpuProfileDir: values['cpu-prof'] ? path.resolve(values['cpu-prof']) : null,
		// About one worker process per 1,000 phones, and at least two.
		workerCount: Math.max(2, Math.ceil(attendees / 1000))
	};
}

const loadAverage = () => os.loadavg().map((load) => Math.round(load * 100) / 100);

function openFilesLimit() {
	const limits = fs.readFileSync('/proc/self/limits', 'utf8');
	return Number(/Max open files\s+(\d+)/.exec(limits)?.[1] ?? NaN);
}

function build() {
	log('Building the app (vite build)…');
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status !== 0) throw new Error(`vite build failed with ${result.status}`);
}

/** The same check on PostgreSQL. */
async function checkPostgres(databaseUrl, pollId, acknowledged, picked) {
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	try {
		const { rows } = await client.query(
			'select cast(choice as text) as choice from ballots where poll_id = $1',
			[pollId]
		);
		return countedOnce(rows, pollId, acknowledged, picked);
	} finally {
		await client.end();
	}
}

/** Every acknowledged ballot is in the database once: the row count and each option's picks agree. */
function checkDatabase(databasePath, pollId, acknowledged, picked) {
	const database = new Database(databasePath, { readonly: true });
	try {
		return countedOnce(
			database.prepare('select choice from ballots where poll_id = ?').all(pollId),
			pollId,
			acknowledged,
			picked
		);
	} finally {
		database.close();
	}
}

function countedOnce(rows, pollId, acknowledged, picked) {
	const counted = {};
	for (const { choice } of rows) {
		for (const optionId of JSON.parse(choice).optionIds) counted[optionId] = (counted[optionId] ?? 0) + 1;
	}
	const options = new Set([...Object.keys(counted), ...Object.keys(picked)]);
	const optionCountsMatch = [...options].every((option) => (counted[option] ?? 0) === (picked[option] ?? 0));
	return {
		pollId,
		ballotRows: rows.length,
		acknowledged,
		optionCountsMatch,
		countedExactlyOnce: rows.length === acknowledged && optionCountsMatch
	};
}

async function benchmark(kind, options, pairIndex) {
	const titles = {
		plenary: 'Plenary (node server.js)',
		hostile: 'Plenary under attack (node server.js, bench/attack.js)',
		reference: 'Reference (bench/reference-server.js)'
	};
	const title = options.processes
		? `Plenary as ${kind === 'plenary' ? `${options.processes} processes` : 'one process'} (PostgreSQL, Redis)`
		: titles[kind];
	log(`\n${title}, pair ${pairIndex + 1} of ${options.pairs}`);
	const loadAtStart = loadAverage();
	// One folder per run, so that each profile says which server and pair it is from.
	const profileDir =
		options.cpuProfileDir && path.join(options.cpuProfileDir, `pair-${pairIndex + 1}-${kind}`);
	const nodeOptions = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
	const target = options.processes
		? await startPlenaryProcesses({ processes: kind === 'plenary' ? options.processes : 1, nodeOptions })
		: kind === 'reference'
			? await startReference({ nodeOptions })
			: await startPlenary({ nodeOptions });
	let outcome;
	try {
		outcome = await runScenario(target, { ...options, hostile: kind === 'hostile', log });
	} finally {
		const memory = target.memory.stop();
		await target.stop();
		if (outcome) Object.assign(outcome.result.server, memory, { errorLines: target.errorLines() });
		if (!outcome) log(`${target.output().slice(-3000)}\n(database kept: ${target.databasePath ?? 'none'})`);
	}
	const { result, poll, picked } = outcome;
	result.database = target.databaseUrl
		? await checkPostgres(target.databaseUrl, poll.id, result.ballots.acknowledged, picked)
		: kind !== 'reference'
			? checkDatabase(target.databasePath, poll.id, result.ballots.acknowledged, picked)
			: null;
	await target.removeDatabase?.();
	result.loadAverage = { atStart: loadAtStart, atEnd: loadAverage() };
	return result;
}

async function main() {
	const options = readOptions();
	const startedAt = new Date();
	const fdLimit = openFilesLimit();
	if (fdLimit < options.attendees + 1024) {
		log(
			`Warning: ${fdLimit} open files allowed, fewer than ${options.attendees} phones need; raise it (ulimit -n).`
		);
	}
	if (!options.skipBuild) build();
	const machine = {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model ?? null,
		totalMemoryBytes: os.totalmem(),
		loadAverage: loadAverage(),
		node: process.version,
		openFilesLimit: fdLimit
	};
	log(
		`${options.attendees} phones, ${options.workerCount} worker processes, ${options.pairs} pair(s), storm of ${options.storm}, ${machine.cpus} CPUs, load ${machine.loadAverage.join(' ')}`
	);
	log(
		`Join proof of work lowered to JOIN_PROOF_COST=${BENCH_JOIN_PROOF_COST} for the simulated phones (a real phone's default is ${DEFAULT_JOIN_PROOF_COST}):` +
			" they share the server's cores. Every phone still fetches a challenge and the server verifies every proof."
	);
	if (options.processes)
		log(
			`--processes ${options.processes}: Plenary as ${options.processes} processes against Plenary as one, both on PostgreSQL and a Redis of their own, every client through a round-robin balancer.`
		);
	// Alternating pairs (plenary, reference, plenary, …): a slow spell of the machine falls on both.
	const pairs = [];
	for (let index = 0; index < options.pairs; index++) {
		const pair = { plenary: null, reference: null, hostile: null };
		for (const kind of options.targets) pair[kind] = await benchmark(kind, options, index);
		pairs.push(pair);
	}
	const { ratios, goals, summary } = verdict(pairs);
	const [runs] = pairs;
	const report = {
		schema: 'plenary-bench/2',
		startedAt: startedAt.toISOString(),
		durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
		attendees: options.attendees,
		workers: options.workerCount,
		joinConcurrency: options.joinConcurrency,
		joinProofCost: BENCH_JOIN_PROOF_COST,
		storm: options.storm,
		// With --processes N: `plenary` is N processes and `reference` one, both on PostgreSQL and Redis.
		processes: options.processes,
		labels: options.processes ? { plenary: `${options.processes} processes`, reference: '1 process' } : null,
		machine,
		runs: { plenary: runs.plenary, reference: runs.reference, hostile: runs.hostile },
		pairs,
		ratios,
		// The goals are a main hall's on one process, against a raw server: not what --processes compares.
		goals: options.processes ? [] : goals,
		summary
	};
	// Other work on the machine shows here: the load average should stay near the bench's own.
	machine.loadAverageAtEnd = loadAverage();
	log(`\n${table(report)}\n`);
	if (report.runs.hostile) log(`${attackTable(report)}\n`);
	if (options.json) {
		fs.mkdirSync(path.dirname(options.json), { recursive: true });
		fs.writeFileSync(options.json, `${JSON.stringify(report, null, '\t')}\n`);
		log(`Results written to ${options.json}`);
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	}
);
