#!/usr/bin/env node
// The adapter precompresses the built assets with gzip and brotli. Browsers that do not take
// brotli (any page served over plain http) get the .gz files: Zopfli writes gzip that any browser
// reads, a few percent smaller than zlib's best, once per build.
import fs from 'node:fs';
import path from 'node:path';
import { gzipAsync } from '@gfx/zopfli';

const client = path.resolve(import.meta.dirname, '../build/client');

function* gzipped(folder) {
	for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
		const file = path.join(folder, entry.name);
		if (entry.isDirectory()) yield* gzipped(file);
		else if (entry.name.endsWith('.gz')) yield file;
	}
}

let before = 0;
let after = 0;
for (const file of gzipped(client)) {
	const source = fs.readFileSync(file.slice(0, -'.gz'.length));
	const zlibSize = fs.statSync(file).size;
	const smaller = Buffer.from(await gzipAsync(source, { numiterations: 15 }));
	before += zlibSize;
	if (smaller.length < zlibSize) fs.writeFileSync(file, smaller);
	after += Math.min(smaller.length, zlibSize);
}
console.log(
	`precompress: gzip files ${(before / 1024).toFixed(1)} KB → ${(after / 1024).toFixed(1)} KB (Zopfli)`
);
