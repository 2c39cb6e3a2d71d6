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

export default defineConfig({
	plugins: [sveltekit(), plenaryRealtime()],
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
