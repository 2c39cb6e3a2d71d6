// Production entry: one HTTP server for the pages, the API and Socket.IO. `npm start` builds the app
// and then runs this file; `npm run serve` runs it on the build already there.
import http from 'node:http';
import v8 from 'node:v8';
import { constants as zlib } from 'node:zlib';
import compression from 'compression';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

// V8 lets its heap grow to several times what is live after a collection when a full hall joins
// (every page render leaves garbage behind): 655 MiB resident at 5,000 phones. Growing it by 30 %
// past what is live keeps it near 400 MiB, for a few more collections. The flag is read at
// each collection, so setting it here is in time for the first.
v8.setFlagsFromString('--heap-growing-percent=30');

const root = path.dirname(fileURLToPath(import.meta.url));
process.env.PLENARY_ROOT ??= root;

// SvelteKit's node adapter assumes https unless told otherwise, which would refuse every form
// posted over plain http (a venue laptop on the local network). Without ORIGIN or PROTOCOL_HEADER
// set, tell it the protocol each request really arrived on.
const protocolFromSocket = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (protocolFromSocket) process.env.PROTOCOL_HEADER = 'x-plenary-protocol';

// Request bodies up to 3 MB: a meeting file may be 2 MB (the import form says so past that), and
// the adapter's default of 512 KB refused real ones.
process.env.BODY_SIZE_LIMIT ??= '3M';

// For `npm run bench` only: with PLENARY_METRICS=1, GET /__metrics answers the memory and the
// event-loop delay since the previous read (in ms beyond the 10 ms sampling interval).
const SAMPLING_MS = 10;
const eventLoopDelay =
	process.env.PLENARY_METRICS === '1' ? monitorEventLoopDelay({ resolution: SAMPLING_MS }) : null;
eventLoopDelay?.enable();

/** @param {import('node:http').ServerResponse} res @param {import('node:perf_hooks').IntervalHistogram} histogram */
function answerMetrics(res, histogram) {
	const ms = (/** @type {number} */ ns) => Math.max(0, Math.round((ns / 1e6 - SAMPLING_MS) * 10) / 10);
	const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
	const metrics = {
		// The server's monotonic clock in µs, the clock of a `--cpu-prof` profile's timestamps.
		clockUs: Number(process.hrtime.bigint() / 1000n),
		rssBytes: rss,
		// What of the resident memory is V8's heap (used and reserved) and memory held outside it.
		heap: { usedBytes: heapUsed, totalBytes: heapTotal, externalBytes: external },
		eventLoopDelay: {
			p50Ms: ms(histogram.percentile(50)),
			p99Ms: ms(histogram.percentile(99)),
			maxMs: ms(histogram.max)
		}
	};
	histogram.reset();
	res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
	res.end(JSON.stringify(metrics));
}

// Pages are written per request: compress them as they go out (a phone page's HTML carries its
// snapshot and messages, several times smaller compressed). Built assets are precompressed by the
// adapter; Socket.IO takes its own requests before this listener. Brotli's quality 4 takes a
// quarter less CPU than 5 on a phone's page (about 36 KB) for 6% more bytes: every join opens one.
const compress = compression({ brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } } });

/** @type {import('node:http').RequestListener | null} */
let handler = null;
// The listener is in place before the app loads, so Socket.IO (attached while it loads) can
// take its own requests first and hand the rest to SvelteKit.
const server = http.createServer((req, res) => {
	if (protocolFromSocket) {
		req.headers['x-plenary-protocol'] = /** @type {import('node:tls').TLSSocket} */ (req.socket).encrypted
			? 'https'
			: 'http';
	}
	if (eventLoopDelay && req.url === '/__metrics') return answerMetrics(res, eventLoopDelay);
	const app = handler;
	if (app) return compress(req, res, () => app(req, res));
	res.writeHead(503, { 'content-type': 'text/plain' }).end('Plenary is starting');
});
globalThis.plenaryHttpServer = server;

try {
	({ handler } = await import('./build/handler.js'));
} catch (error) {
	if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('build/handler.js')) {
		console.error(
			'Plenary has not been built yet: run `npm start` (it builds, then serves), or `npm run build` before `npm run serve`.'
		);
		process.exit(1);
	}
	throw error;
}

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);

server.listen(port, host, async () => {
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	const local = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${actualPort}`;
	const origin = (process.env.PUBLIC_ORIGIN || local).replace(/\/$/, '');
	const banner = (await globalThis.plenaryStartBanner?.(origin)) ?? [];
	console.log([`Plenary listening on ${local}`, '', ...banner, ''].join('\n'));
});

function shutdown() {
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
