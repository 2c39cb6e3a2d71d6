#!/usr/bin/env node
// What each page costs a phone to load: the JavaScript and CSS the browser fetches for it, gzipped
// as the server sends them (the build's precompressed .gz files), read from the production build
// (`npm run build` first). Files a page fetches later, on demand, are not counted. `--check` fails
// when the attendee page is over its budget.
import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const serverOutput = path.join(root, '.svelte-kit/output/server');
const clientOutput = path.join(root, 'build/client');
/** The attendee page must load on slow 3G: at most this many gzipped kilobytes of JS and CSS. */
const ATTENDEE_BUDGET_KB = 60;
const ATTENDEE_ROUTE = '/m/[code]';

if (!fs.existsSync(path.join(serverOutput, 'manifest.js')) || !fs.existsSync(clientOutput)) {
	console.error('No production build: run `npm run build` first.');
	process.exit(2);
}

const { manifest } = await import(pathToFileURL(path.join(serverOutput, 'manifest.js')).href);

/** A node's client files, read from the server output's node module without running it. */
function filesOfNode(index) {
	const source = fs.readFileSync(path.join(serverOutput, 'nodes', `${index}.js`), 'utf8');
	const list = (name) =>
		JSON.parse(source.match(new RegExp(`export const ${name} = (\\[.*?\\]);`))?.[1] ?? '[]');
	return [...list('imports'), ...list('stylesheets')];
}

const gzipped = new Map();
/** The file's size as served gzipped: its precompressed copy, or zlib's best where there is none. */
function gzipBytes(file) {
	if (!gzipped.has(file)) {
		const served = path.join(clientOutput, `${file}.gz`);
		const size = fs.existsSync(served)
			? fs.statSync(served).size
			: gzipSync(fs.readFileSync(path.join(clientOutput, file)), { level: 9 }).length;
		gzipped.set(file, size);
	}
	return gzipped.get(file);
}

const { client } = manifest._;
const rows = manifest._.routes
	.filter((route) => route.page)
	.map((route) => {
		const nodes = [...route.page.layouts, route.page.leaf].filter((node) => node !== undefined);
		const files = new Set([...client.imports, ...client.stylesheets, ...nodes.flatMap(filesOfNode)]);
		const js = [...files]
			.filter((file) => file.endsWith('.js'))
			.reduce((sum, file) => sum + gzipBytes(file), 0);
		const css = [...files]
			.filter((file) => file.endsWith('.css'))
			.reduce((sum, file) => sum + gzipBytes(file), 0);
		return { route: route.id, js, css, total: js + css, files };
	});

const kb = (bytes) => (bytes / 1024).toFixed(1);

function brotliBytes(files) {
	let sum = 0;
	for (const file of files) {
		const served = path.join(clientOutput, `${file}.br`);
		sum += fs.existsSync(served)
			? fs.statSync(served).size
			: brotliCompressSync(fs.readFileSync(path.join(clientOutput, file))).length;
	}
	return sum;
}

/** What a page's own files import on demand (not other pages, which SvelteKit's entry imports). */
function onDemand(files) {
	const manifestFile = path.join(root, '.svelte-kit/output/client/.vite/manifest.json');
	const chunks = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	const found = new Map();
	const visit = (chunk) => {
		for (const key of chunk.dynamicImports ?? []) {
			const target = chunks[key];
			if (!target || target.file.includes('/nodes/') || files.has(target.file) || found.has(target.file))
				continue;
			found.set(target.file, target.name ?? path.basename(target.file));
			for (const css of target.css ?? []) if (!files.has(css)) found.set(css, `${target.name} (CSS)`);
			visit(target);
		}
	};
	for (const chunk of Object.values(chunks))
		if (files.has(chunk.file) && !chunk.file.includes('/entry/')) visit(chunk);
	return [...found];
}
console.log('Gzipped JavaScript and CSS each page loads (production build):\n');
console.log(
	`${'route'.padEnd(34)} ${'JS KB'.padStart(7)} ${'CSS KB'.padStart(7)} ${'total KB'.padStart(9)} ${'files'.padStart(6)}`
);
for (const row of rows) {
	const mark = row.route === ATTENDEE_ROUTE ? `  ← attendee page, budget ${ATTENDEE_BUDGET_KB} KB` : '';
	console.log(
		`${row.route.padEnd(34)} ${kb(row.js).padStart(7)} ${kb(row.css).padStart(7)} ${kb(row.total).padStart(9)} ${String(row.files.size).padStart(6)}${mark}`
	);
}
const attendee = rows.find((row) => row.route === ATTENDEE_ROUTE);
const over = attendee.total > ATTENDEE_BUDGET_KB * 1024;
console.log(
	`\nAttendee page: ${kb(attendee.total)} KB of ${ATTENDEE_BUDGET_KB} KB${over ? ' — OVER BUDGET' : ''}` +
		` (brotli, as browsers get it over https: ${kb(brotliBytes(attendee.files))} KB).`
);
const later = onDemand(attendee.files);
console.log(
	`Fetched only when shown: ${later.map(([file, name]) => `${name} ${kb(gzipBytes(file))} KB`).join(', ')}.`
);
if (process.argv.includes('--check') && over) process.exit(1);
