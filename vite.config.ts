import path from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * In `vite dev`, Socket.IO shares Vite's HTTP server: the app attaches it when it starts,
 * exactly as the production entry (server.js) lets it do.
 */
function plenaryRealtime(): Plugin {
	return {
		name: 'plenary-realtime',
		configureServer(server) {
			if (!server.httpServer) return;
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

/** The long-polling transport, imported by the live client only when a network blocks WebSocket. */
const LONG_POLLING = 'virtual:plenary/long-polling';

/**
 * Socket.IO's browser client, WebSocket first (see `realtime/client.svelte.ts`). The phone's
 * bundle carries the WebSocket transport alone: long-polling, which gets through proxies that
 * block WebSocket, is a file of its own that the client fetches only when it needs it, and
 * WebTransport (which needs an HTTP/3 server, so the server must not turn it on) is left out.
 * Trimming engine.io-client's transport table happens in the client build only; the dev server
 * pre-bundles Socket.IO as it is.
 */
function socketIoTransports(): Plugin[] {
	const trimmed = '\0plenary-engine-io-transports:';
	const isEngineModule = (id: string, file: string) =>
		id.replace(/\\/g, '/').endsWith(`/engine.io-client/build/esm/${file}`);
	const longPolling: Plugin = {
		name: 'plenary-long-polling',
		resolveId: (source) => (source === LONG_POLLING ? `\0${LONG_POLLING}` : undefined),
		async load(id) {
			if (id !== `\0${LONG_POLLING}`) return;
			// Only the browser build has a trimmed engine.io-client to complete file by file.
			const { name, config } = this.environment;
			if (name !== 'client' || config.command !== 'build') {
				return "export { XHR, WebSocket as WS } from 'engine.io-client';";
			}
			const engine = await this.resolve('engine.io-client');
			if (!engine || !path.isAbsolute(engine.id)) throw new Error('engine.io-client is not installed');
			const folder = path.join(path.dirname(engine.id), 'transports');
			return [
				`export { XHR } from ${JSON.stringify(path.join(folder, 'polling-xhr.js'))};`,
				`export { WS } from ${JSON.stringify(path.join(folder, 'websocket.js'))};`
			].join('\n');
		}
	};
	const trimTransports: Plugin = {
		name: 'plenary-socket-io-transports',
		apply: 'build',
		enforce: 'pre',
		applyToEnvironment: (environment) => environment.name === 'client',
		resolveId(source, importer) {
			if (!importer) return;
			// The transport table engine.io-client opens by name: WebSocket alone.
			if (source === './transports/index.js' && isEngineModule(importer, 'socket.js')) {
				return trimmed + path.join(path.dirname(importer), 'transports');
			}
			// Its index re-exports every transport: all but WebSocket are left out (long-polling
			// comes from LONG_POLLING, in a file of its own).
			if (/^\.\/transports\/(?!websocket)/.test(source) && isEngineModule(importer, 'index.js')) {
				return `${trimmed}none`;
			}
		},
		load(id) {
			if (id === `${trimmed}none`) {
				return 'export const transports = {}, Fetch = undefined, XHR = undefined, WT = undefined;';
			}
			if (!id.startsWith(trimmed)) return;
			const folder = id.slice(trimmed.length);
			return [
				`import { WS } from ${JSON.stringify(path.join(folder, 'websocket.js'))};`,
				'export const transports = { websocket: WS };'
			].join('\n');
		}
	};
	return [longPolling, trimTransports];
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
	plugins: [sveltekit(), plenaryRealtime(), ...socketIoTransports(), sortSharedCode()],
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
				test: { name: 'unit', environment: 'node', include: ['src/**/*.test.ts'] }
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					// The tests run `node server.js` over build/: rebuilt first if the source changed since.
					globalSetup: ['tests/integration/support/fresh-build.ts'],
					testTimeout: 60_000,
					hookTimeout: 60_000,
					fileParallelism: false
				}
			}
		]
	}
});
