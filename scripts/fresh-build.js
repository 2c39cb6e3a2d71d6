#!/usr/bin/env node
// The integration and end-to-end tests run the production build (`node server.js` over build/),
// so a test run after an edit must not start a build that predates it. This script rebuilds
// (`npm run build`) when an input of the build changed since the last one, and does nothing
// otherwise: `npm test`, which builds first, does not build twice.
//
//   node scripts/fresh-build.js           rebuild if stale; one line says which
//   node scripts/fresh-build.js --before  (npm's prebuild) notes the inputs as the build reads them
//   node scripts/fresh-build.js --after   (npm's postbuild) stamps build/ with those inputs
//
// The stamp lists every input with its size and modification time, taken before the build
// started: a file edited during a build makes the next check rebuild. A build made without npm
// (plain `vite build`) has no stamp, so the next check rebuilds too.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const STAMP = path.join(root, 'build', '.inputs.json');
/** Outside build/, which the adapter empties at the start of a build. */
const PENDING = path.join(root, 'node_modules', '.cache', 'plenary', 'build-inputs.json');
/** What the build reads. server.js and drizzle/ are read from the repository at run time, not built. */
const INPUTS = [
	'src',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'tsconfig.json',
	'package.json',
	'package-lock.json',
	'scripts/precompress.js'
];
/** Unit tests live beside the code in src/ but are no part of the build. */
const NOT_BUILT = /\.(test|spec)\.[cm]?[jt]s$/;

/** @returns {Record<string, string>} every input file, relative to the root, with its size and mtime */
export function buildInputs() {
	/** @type {Record<string, string>} */
	const inputs = {};
	const visit = (/** @type {string} */ relative) => {
		const file = path.join(root, relative);
		const stat = fs.statSync(file, { throwIfNoEntry: false });
		if (!stat) return;
		if (stat.isDirectory()) {
			for (const entry of fs.readdirSync(file).sort()) visit(path.join(relative, entry));
		} else if (!NOT_BUILT.test(relative)) {
			inputs[relative.split(path.sep).join('/')] = `${stat.size}:${Math.floor(stat.mtimeMs)}`;
		}
	};
	for (const input of INPUTS) visit(input);
	return inputs;
}

/** @returns {Record<string, string> | null} */
function readJson(/** @type {string} */ file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

/** Why build/ is stale (the first input that differs), or null when it is fresh. */
export function staleBecause() {
	if (!fs.existsSync(path.join(root, 'build', 'handler.js'))) return 'there is no build';
	const built = readJson(STAMP);
	if (!built) return 'build/ has no stamp of its inputs (built without npm run build)';
	const now = buildInputs();
	for (const [file, state] of Object.entries(now)) {
		if (built[file] === undefined) return `${file} is new`;
		if (built[file] !== state) return `${file} changed`;
	}
	for (const file of Object.keys(built)) if (now[file] === undefined) return `${file} was removed`;
	return null;
}

/** Rebuilds when stale; prints one line saying which. Rejects with the build's output if it fails. */
export async function ensureFreshBuild(log = console.log) {
	const reason = staleBecause();
	if (reason === null) {
		log('fresh-build: build/ is up to date, not rebuilding');
		return false;
	}
	const started = Date.now();
	// Vitest runs with NODE_ENV=test, which would make Vite build Svelte's development runtime: the
	// tests must run the build a user runs.
	const env = { ...process.env, NODE_ENV: 'production' };
	const child = spawn('npm', ['run', 'build'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const code = await new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('close', resolve);
	});
	if (code !== 0) throw new Error(`fresh-build: npm run build failed (${reason}):\n${output}`);
	const seconds = ((Date.now() - started) / 1000).toFixed(0);
	log(`fresh-build: rebuilt build/ in ${seconds} s (${reason})`);
	return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const mode = process.argv[2];
	if (mode === '--before') {
		fs.mkdirSync(path.dirname(PENDING), { recursive: true });
		fs.writeFileSync(PENDING, JSON.stringify(buildInputs()));
	} else if (mode === '--after') {
		if (fs.existsSync(PENDING)) fs.renameSync(PENDING, STAMP);
	} else {
		// On stderr: Playwright shows a web server's stderr, not its stdout.
		await ensureFreshBuild(console.error).catch((error) => {
			console.error(error.message);
			process.exit(1);
		});
	}
}
