// Where a server's CPU went in each phase of a benchmark run: reads the CPU profiles written with
// `npm run bench -- --cpu-prof DIR --json FILE` and splits each by the phases' times on the
// server's clock (`phases.*.serverClockUs` in the JSON), then prints per phase the share of each
// part of the code (Plenary's own, each package, Node's internals, the garbage collector) and the
// functions that took the most time themselves.
//
//   node bench/profile.js DIR FILE [--phase vote] [--top 15]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: { phase: { type: 'string' }, top: { type: 'string', default: '15' } }
});
const [directory, jsonFile] = positionals;
if (!directory || !jsonFile) {
	console.error('Usage: node bench/profile.js DIR FILE [--phase NAME] [--top N]');
	console.error('  DIR: the folder given to --cpu-prof; FILE: the JSON given to --json, of the same run.');
	process.exit(2);
}
const top = Number(values.top);
const bench = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));

/** The part of the code a profile node belongs to, by its script. */
function partOf(node) {
	const { functionName, url } = node.callFrame;
	if (!url) {
		if (functionName === '(garbage collector)') return 'garbage collector';
		if (functionName === '(idle)') return 'idle';
		if (functionName === '(program)') return 'V8 and native code';
		return `native: ${functionName || '(anonymous)'}`;
	}
	const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
	if (pkg) return pkg[1];
	if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
	if (url.includes('/build/') || url.endsWith('/server.js')) return 'Plenary';
	if (url.includes('/bench/')) return 'reference server';
	return url;
}

const where = (node) => {
	const { functionName, url, lineNumber } = node.callFrame;
	const file = url ? `${path.basename(url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
	return `${functionName || '(anonymous)'} ${file}`.trim();
};

/** Self time (µs) per node of the profile within [from, to] on the server's clock. */
function selfTimes(profile, from, to) {
	const byId = new Map();
	let at = profile.startTime;
	for (let index = 0; index < profile.samples.length; index++) {
		at += profile.timeDeltas[index];
		if (at < from || at > to) continue;
		// A sample stands for the time until the next one.
		const next = profile.timeDeltas[index + 1] ?? 0;
		const id = profile.samples[index];
		byId.set(id, (byId.get(id) ?? 0) + next);
	}
	return byId;
}

const percent = (part, whole) => `${((100 * part) / whole).toFixed(1).padStart(5)} %`;
const ms = (us) =>
	`${Math.round(us / 1000)
		.toLocaleString('en-US')
		.padStart(7)} ms`;

function report(profile, phases, label) {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	for (const [name, phase] of Object.entries(phases)) {
		if (values.phase && values.phase !== name) continue;
		const [from, to] = phase.serverClockUs ?? [];
		if (from == null || to == null) {
			console.log(`${label} · ${name}: no server clock in the JSON (a run before bench/profile.js)`);
			continue;
		}
		const times = selfTimes(profile, from, to);
		let total = 0;
		const parts = new Map();
		const functions = new Map();
		for (const [id, us] of times) {
			const node = nodes.get(id);
			total += us;
			const part = partOf(node);
			parts.set(part, (parts.get(part) ?? 0) + us);
			const key = `${where(node)} [${part}]`;
			functions.set(key, (functions.get(key) ?? 0) + us);
		}
		const busy = total - (parts.get('idle') ?? 0);
		console.log(
			`\n${label} · ${name}: ${ms(to - from).trim()} of wall time, ${ms(busy).trim()} busy (${percent(busy, total).trim()})`
		);
		console.log('  by part of the code (share of the busy time):');
		for (const [part, us] of [...parts]
			.filter(([p]) => p !== 'idle')
			.sort((a, b) => b[1] - a[1])
			.slice(0, top))
			console.log(`    ${percent(us, busy)} ${ms(us)}  ${part}`);
		console.log('  functions, by their own time:');
		for (const [key, us] of [...functions]
			.filter(([k]) => !k.endsWith('[idle]'))
			.sort((a, b) => b[1] - a[1])
			.slice(0, top))
			console.log(`    ${percent(us, busy)} ${ms(us)}  ${key}`);
	}
}

const runs = fs.readdirSync(directory).filter((entry) => /^pair-\d+-\w+$/.test(entry));
if (runs.length === 0) console.error(`No pair-N-… folders in ${directory}.`);
for (const run of runs.sort()) {
	const [, pairNumber, kind] = run.match(/^pair-(\d+)-(\w+)$/);
	const phases = bench.pairs?.[Number(pairNumber) - 1]?.[kind]?.phases;
	if (!phases) {
		console.log(`${run}: not in ${jsonFile}`);
		continue;
	}
	for (const file of fs.readdirSync(path.join(directory, run)).filter((f) => f.endsWith('.cpuprofile'))) {
		const profile = JSON.parse(fs.readFileSync(path.join(directory, run, file), 'utf8'));
		report(profile, phases, `pair ${pairNumber}, ${kind}`);
	}
}
