import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/** Debian's Chromium by default; CHROMIUM_PATH points elsewhere on other machines. */
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 4173);
export const E2E_ADMIN = { username: 'admin', password: 'e2e-secret-password' };

// The config is read again in every worker: only the main process makes the database folder.
const databaseDir = (process.env.PLENARY_E2E_DB_DIR ??= fs.mkdtempSync(
	path.join(os.tmpdir(), 'plenary-e2e-')
));

export default defineConfig({
	testDir: 'tests/e2e',
	forbidOnly: !!process.env.CI,
	retries: 0,
	workers: 1,
	timeout: 60_000,
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
	webServer: {
		// The production build, rebuilt first if the source changed since (it prints which on stderr).
		command: 'node scripts/fresh-build.js && node server.js',
		url: `http://127.0.0.1:${port}/healthz`,
		reuseExistingServer: false,
		// Room for a build on a busy machine; a fresh build/ starts in a second or two.
		timeout: 300_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_PATH: path.join(databaseDir, 'plenary.db'),
			ADMIN_USERNAME: E2E_ADMIN.username,
			ADMIN_PASSWORD: E2E_ADMIN.password,
			// A light proof of work: phones join at once (the slow-network spec states what it measures).
			JOIN_PROOF_COST: '2'
		}
	}
});
