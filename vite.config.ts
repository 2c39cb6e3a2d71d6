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

/**
 * Socket.IO's browser client with the two transports Plenary's server offers: HTTP long-polling,
 * which gets through conference proxies and captive portals, and WebSocket. engine.io-client also
 * bundles WebTransport, which needs an HTTP/3 server; leaving it out takes about 0.8 KB (gzipped)
 * off every live page. The server must not turn WebTransport on while this is in place. In the
 * build only: the dev server pre-bundles Socket.IO as it is.
 */
function socketIoWithoutWebTransport(): Plugin {
	const prefix = '\0plenary-engine-io-transports:';
	return {
		name: 'plenary-socket-io-transports',
		apply: 'build',
		enforce: 'pre',
		applyToEnvironment: (environment) => environment.name === 'client',
		resolveId(source, importer) {
			if (source !== './transports/index.js' || !importer) return;
			if (!/engine\.io-client[\\/]build[\\/]esm[\\/]socket\.js$/.test(importer)) return;
			return prefix + path.join(path.dirname(importer), 'transports');
		},
		load(id) {
			if (!id.startsWith(prefix)) return;
			const folder = id.slice(prefix.length);
			return [
				`import { XHR } from ${JSON.stringify(path.join(folder, 'polling-xhr.js'))};`,
				`import { WS } from ${JSON.stringify(path.join(folder, 'websocket.js'))};`,
				'export const transports = { polling: XHR, websocket: WS };'
			].join('\n');
		}
	};
}

/** What every page runs: Svelte, SvelteKit, and the translator the root layout provides. */
const RUNTIME =
	/node_modules[\\/](svelte|@sveltejs[\\/]kit|@lingui[\\/]core)[\\/]|[\\/]src[\\/]lib[\\/]i18n[\\/]/;
/** $lib and packages: the code pages share. Routes and SvelteKit's generated entries keep their files. */
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
	plugins: [sveltekit(), plenaryRealtime(), socketIoWithoutWebTransport(), sortSharedCode()],
	environments: {
		client: {
			build: {
				rolldownOptions: {
					output: {
						codeSplitting: {
							groups: [
								// Every page needs the runtime: one file rather than several.
								{ name: 'runtime', test: RUNTIME, priority: 3 },
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
					testTimeout: 60_000,
					hookTimeout: 60_000,
					fileParallelism: false
				}
			}
		]
	}
});
