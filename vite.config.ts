import path from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';

/**
 * In `vite dev`, Socket.IO shares Vite's HTTP server: the app attaches it when it starts,
 * exactly as the production entry (server.js) lets it do.
 */
function plenaryRealtime(): Plugin {
	return {
		name: 'plenary-realtime',
		configureServer(server) {
			// Vitest's browser mode serves the screens under test, not the meeting.
			if (!server.httpServer || process.env.VITEST) return;
			globalThis.plenaryHttpServer = server.httpServer as import('node:http').Server;
			server.httpServer.once('listening', () => {
				server
					.ssrLoadModule('/src/lib/server/realtime/dev.ts')
					.then((module) => module.startForDev())
					.catch((error: unknown) => console.error('Plenary: could not start the realtime server', error));
			});
		}
	};
}

/**
 * d3-cloud (the projector's word cloud) is written as CommonJS. Bundled as it is, it would bring
 * the bundler's CommonJS interop into the runtime file every page loads (0.35 KB on the attendee
 * page, which is at its budget). Its two lines of CommonJS are read as the ES module they mean.
 */
function d3CloudAsModule(): Plugin {
	return {
		name: 'plenary-d3-cloud-esm',
		enforce: 'pre',
		transform(code, id) {
			if (!/[\\/]node_modules[\\/]d3-cloud[\\/]index\.js$/.test(id)) return;
			const lines: [string, string][] = [
				['const dispatch = require("d3-dispatch").dispatch;', 'import { dispatch } from "d3-dispatch";'],
				['module.exports = function() {', 'export default function() {']
			];
			// Half a rewrite would break at run time: a d3-cloud that reads otherwise fails the build.
			for (const [from] of lines)
				if (!code.includes(from)) throw new Error(`d3-cloud changed: "${from}" is not in ${id}`);
			return lines.reduce((rewritten, [from, to]) => rewritten.replace(from, to), code);
		}
	};
}

/** The long-polling transport, imported by the live client only when a network blocks WebSocket. */
const LONG_POLLING = 'virtual:plenary/long-polling';

/**
 * Socket.IO's browser client, WebSocket first (see `realtime/client.svelte.ts`). The phone's bundle
 * carries the WebSocket transport alone; long-polling, which gets through proxies that block
 * WebSocket, is a file of its own fetched only when needed; WebTransport (which needs an HTTP/3
 * server) is left out.
 *
 * socket.io-client's own tree-shakable transports cannot do this: its Manager always builds
 * engine.io-client's `Socket`, whose constructor falls back on the table of every transport
 * (`transports/index.js`), so `transports: [WebSocket]` still bundles long-polling and WebTransport
 * (attendee page 61.1 KB gzipped, over its 60 KB budget, against 59.2 KB + 1.8 KB on demand here).
 * So the client build swaps that table for WebSocket alone, and empties the other transports that
 * engine.io-client's index re-exports: the long-polling file has side effects (an unload listener)
 * that would keep it in the bundle (60.3 KB without this). It follows engine.io-client 6.6's file
 * layout (`build/esm/`): `npm run weight -- --check` and the long-polling end-to-end tests fail if
 * that moves.
 */
function socketIoTransports(): Plugin {
	const stub = '\0plenary-engine-io:';
	const engineFile = (id: string | undefined, file: string) =>
		!!id && id.replace(/\\/g, '/').endsWith(`/engine.io-client/build/esm/${file}`);
	let clientBuild = false;
	return {
		name: 'plenary-socket-io-transports',
		enforce: 'pre',
		configResolved: (config) => void (clientBuild = config.command === 'build'),
		resolveId(source, importer) {
			if (source === LONG_POLLING) return `\0${LONG_POLLING}`;
			if (!clientBuild || this.environment.name !== 'client' || !importer) return;
			const folder = path.join(path.dirname(importer), 'transports');
			if (source === './transports/index.js' && engineFile(importer, 'socket.js'))
				return `${stub}table:${folder}`;
			if (/^\.\/transports\/(?!websocket)/.test(source) && engineFile(importer, 'index.js'))
				return `${stub}none`;
		},
		async load(id) {
			if (id === `${stub}none`)
				return 'export const transports = {}, Fetch = undefined, XHR = undefined, WT = undefined;';
			if (id.startsWith(`${stub}table:`)) {
				const websocket = path.join(id.slice(`${stub}table:`.length), 'websocket.js');
				return `import { WS } from ${JSON.stringify(websocket)};\nexport const transports = { websocket: WS };`;
			}
			if (id !== `\0${LONG_POLLING}`) return;
			// Only the client build has a trimmed engine.io-client to complete; elsewhere it is whole.
			if (this.environment.name !== 'client' || !clientBuild)
				return "export { XHR } from 'engine.io-client';";
			const engine = await this.resolve('engine.io-client');
			if (!engine || !path.isAbsolute(engine.id)) throw new Error('engine.io-client is not installed');
			const pollingXhr = path.join(path.dirname(engine.id), 'transports', 'polling-xhr.js');
			return `export { XHR } from ${JSON.stringify(pollingXhr)};`;
		}
	};
}

/**
 * What every page runs: Svelte, SvelteKit, the translator the root layout provides, and the
 * bundler's helpers (SvelteKit's entry loads pages on demand with Vite's).
 */
const RUNTIME =
	/node_modules[\\/](svelte|@sveltejs[\\/]kit|@lingui[\\/]core)[\\/]|[\\/]src[\\/]lib[\\/]i18n[\\/]|^\0(vite[\\/]preload-helper|rolldown[\\/]runtime)/;
/** $lib and packages: the code pages share. Routes and SvelteKit's generated entries keep their files. */
/** SvelteKit's form enhancement: pages with forms load it, the phone only once its profile opens. */
const FORMS = /[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]app[\\/]forms\.js$/;
const LIBRARY_CODE = /[\\/]src[\\/]lib[\\/]|[\\/]node_modules[\\/]/;
const ATTENDEE_PAGE = /[\\/]src[\\/]routes[\\/]m[\\/]\[code\][\\/]\+page\.svelte$/;
const LIVE_CLIENT = /[\\/]src[\\/]lib[\\/]realtime[\\/]client\.svelte\.ts$/;

/** Modules of the browser build sorted by the pages that use them, once the module graph is known. */
const sharedCode = {
	/** What the attendee page shares with the other live pages and with no page without a live connection. */
	live: new Set<string>(),
	/** What pages without a live connection (sign-in, admin, join) use. */
	otherPages: new Set<string>()
};

/**
 * The attendee page must load on slow 3G, where every file costs a request (six at a time over
 * HTTP/1.1) and compresses worse alone. Left to itself, the bundler cuts the code that page shares
 * with other pages into a dozen small files, one per set of pages using it. The `live` chunk group
 * below puts what it shares with the other live pages (Socket.IO, the live meeting, the domain,
 * shared components) in one file. The `shared` group keeps what pages without a live connection
 * also use out of it, cut as the bundler would, since a group takes its modules' imports along.
 */
function sortSharedCode(): Plugin {
	return {
		name: 'plenary-shared-code',
		apply: 'build',
		applyToEnvironment: (environment) => environment.name === 'client',
		buildEnd() {
			const reachable = (entry: string) => {
				const seen = new Set<string>();
				for (let next = [entry], id = next.pop(); id !== undefined; id = next.pop()) {
					if (seen.has(id)) continue;
					seen.add(id);
					next.push(...(this.getModuleInfo(id)?.importedIds ?? []));
				}
				return seen;
			};
			// SvelteKit's client entries: each page's node, plus its own start and app.
			const entries = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry);
			const pages = entries.map((entry) => ({ uses: reachable(entry) }));
			const attendee = pages.find((page) => [...page.uses].some((id) => ATTENDEE_PAGE.test(id)));
			const isLive = (page: { uses: Set<string> }) => [...page.uses].some((id) => LIVE_CLIENT.test(id));
			const groupable = (id: string) => LIBRARY_CODE.test(id) && !RUNTIME.test(id);
			for (const page of pages) {
				if (isLive(page)) continue;
				for (const id of page.uses) if (groupable(id)) sharedCode.otherPages.add(id);
			}
			for (const id of attendee?.uses ?? []) {
				if (!groupable(id) || sharedCode.otherPages.has(id)) continue;
				if (pages.some((page) => page !== attendee && isLive(page) && page.uses.has(id)))
					sharedCode.live.add(id);
			}
		}
	};
}

export default defineConfig({
	plugins: [d3CloudAsModule(), sveltekit(), plenaryRealtime(), socketIoTransports(), sortSharedCode()],
	environments: {
		client: {
			build: {
				rolldownOptions: {
					output: {
						codeSplitting: {
							groups: [
								// Every page needs the runtime: one file rather than several.
								{ name: 'runtime', test: (id) => RUNTIME.test(id) && !FORMS.test(id), priority: 3 },
								{
									name: 'shared',
									test: (id) => sharedCode.otherPages.has(id),
									entriesAware: true,
									priority: 2
								},
								{ name: 'live', test: (id) => sharedCode.live.has(id), priority: 1 }
							]
						}
					}
				}
			}
		}
	},
	test: {
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts'],
					exclude: ['src/**/*.svelte.test.ts']
				}
			},
			{
				// Screens rendered in a real Chromium (the system's, see `npm run setup:browser`) and measured.
				extends: './vite.config.ts',
				test: {
					name: 'layout',
					include: ['src/**/*.svelte.test.ts'],
					testTimeout: 60_000,
					// One screen at a time: files run side by side share one browser page, and a screen
					// laid out out of view is not given the frames it measures in.
					fileParallelism: false,
					browser: {
						enabled: true,
						headless: true,
						provider: playwright({
							launchOptions: {
								executablePath: '/usr/bin/chromium',
								args: ['--no-sandbox', '--disable-gpu']
							}
						}),
						instances: [{ browser: 'chromium' }]
					}
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					// The tests run `node server.js` over build/: rebuilt first if the source changed since.
					globalSetup: ['tests/integration/support/fresh-build.ts', 'tests/integration/support/databases.ts'],
					// Against PostgreSQL (TEST_DATABASE_URL), the tests' own reads and writes use its tables too.
					env: process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {},
					testTimeout: 60_000,
					hookTimeout: 60_000,
					fileParallelism: false
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'cluster',
					environment: 'node',
					include: ['tests/cluster/**/*.test.ts'],
					// The tests run `node server.js` over build/: rebuilt first if the source changed since.
					globalSetup: ['tests/integration/support/fresh-build.ts', 'tests/integration/support/databases.ts'],
					// Several processes on one PostgreSQL (TEST_DATABASE_URL, by default this machine's) and a
					// Redis of each test's own (redis-server).
					env: {
						TEST_DATABASE_URL: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
						DATABASE_URL: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
					},
					testTimeout: 60_000,
					hookTimeout: 60_000,
					fileParallelism: false
				}
			}
		]
	}
});
