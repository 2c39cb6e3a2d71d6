import fs from 'node:fs';
import path from 'node:path';
import { createChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { expect, test, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { DEFAULT_JOIN_PROOF_COST } from '../../src/lib/server/config';
import { PROOF_ALGORITHM, PROOF_ITERATIONS } from '../../src/lib/server/join/proof';
import { PHONE } from './support/devices';
import { HIGHLIGHT_POLL, copyOfGeneva, moderatorOpensHighlightPoll } from './support/staff';

/** DevTools' "slow 3G": 400 kbps each way (in bytes per second) and 400 ms of latency. */
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
/** A mid-range phone runs scripts about four times slower than a CI machine's core. */
const CPU_SLOWDOWN = 4;
/** The goal, reported beside the figures; the test asserts only a generous bound. */
const GOAL_SECONDS = 6;
const BOUND_SECONDS = 30;
/** Bytes on the wire (headers and compressed body) of the page, its scripts and its stylesheets. */
function countBytes(cdp: CDPSession): { html: number; js: number; css: number } {
	const bytes = { html: 0, js: 0, css: 0 };
	const kinds = new Map<string, keyof typeof bytes>();
	cdp.on('Network.responseReceived', ({ requestId, type, response }) => {
		if (type === 'Document') kinds.set(requestId, 'html');
		else if (type === 'Script' || response.mimeType.includes('javascript')) kinds.set(requestId, 'js');
		else if (type === 'Stylesheet' || response.mimeType === 'text/css') kinds.set(requestId, 'css');
	});
	cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
		const kind = kinds.get(requestId);
		if (kind) bytes[kind] += encodedDataLength;
	});
	return bytes;
}

/**
 * Seconds from the start of the phone's navigation (the tap on the link) to the first animation
 * frame in which `condition` holds. The condition returns the page's clock then, so the figure
 * leaves out the test's own overhead.
 */
async function secondsUntil(
	page: Page,
	condition: (expected: string) => number | false,
	expected = ''
): Promise<number> {
	const handle = await page.waitForFunction(condition, expected, {
		polling: 'raf',
		timeout: BOUND_SECONDS * 1000
	});
	return ((await handle.jsonValue()) as number) / 1000;
}

const itemShown = (title: string) =>
	document.querySelector('[data-testid="now-showing"] h2')?.textContent?.trim() === title &&
	performance.getEntriesByName('first-contentful-paint').length > 0 &&
	performance.now();
const liveShown = () =>
	[...document.querySelectorAll('[role="status"]')].some((status) =>
		status.textContent?.trim().startsWith('Live')
	) && performance.now();
const receiptShown = () =>
	[...document.querySelectorAll('form [role="status"]')].some((status) =>
		status.textContent?.includes('Your vote is recorded')
	) && performance.now();

/**
 * Seconds the phone's join worker takes for a challenge of `derivations` at the default cost per
 * derivation: what joining adds on a real server (the tests' server asks for far less).
 */
async function secondsToSolve(phone: Page, derivations: number): Promise<number> {
	const challenge = await createChallenge({
		algorithm: PROOF_ALGORITHM,
		cost: PROOF_ITERATIONS,
		counter: derivations,
		deriveKey
	});
	const workers = path.resolve(import.meta.dirname, '../../build/client/_app/immutable/workers');
	const file = fs.readdirSync(workers).find((name) => /^solver\.worker-.*\.js$/.test(name));
	return phone.evaluate(
		async ({ url, challenge }) => {
			const worker = new Worker(url, { type: 'module' });
			const start = performance.now();
			const answer = await new Promise<{ solution?: { counter: number } }>((resolve) => {
				worker.onmessage = ({ data }) => resolve(data);
				worker.postMessage(challenge);
			});
			worker.terminate();
			if (!answer.solution) throw new Error('the worker found no solution');
			return (performance.now() - start) / 1000;
		},
		{ url: `/_app/immutable/workers/${file}`, challenge }
	);
}

test('on slow 3G a phone sees the current item and casts a ballot', async ({ browser }) => {
	test.setTimeout(120_000);
	const code = await copyOfGeneva(browser);
	const { step: title } = await moderatorOpensHighlightPoll(browser, code);

	// A fresh context has a cold cache, as a phone opening the link for the first time.
	const context = await browser.newContext(PHONE);
	const phone = await context.newPage();
	const cdp = await context.newCDPSession(phone);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
	const bytes = countBytes(cdp);

	await phone.goto(`/m/${code}`, { waitUntil: 'commit' });
	const itemVisible = await secondsUntil(phone, itemShown, title);
	const live = await secondsUntil(phone, liveShown);
	await expect(phone.getByTestId('now-showing').getByRole('heading', { level: 2 })).toHaveText(title);
	await expect(phone.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

	const ballot = phone.getByRole('form', { name: HIGHLIGHT_POLL });
	await ballot.getByLabel('Industrial control systems').check();
	await ballot.getByLabel('Security of mobile devices').check();
	const votedAt = await phone.evaluate(() => performance.now() / 1000);
	await ballot.getByRole('button', { name: 'Vote' }).click();
	const receipt = await secondsUntil(phone, receiptShown);
	await expect(ballot.getByText('Your vote is recorded')).toBeVisible();
	const proof = await secondsToSolve(phone, Math.round(0.75 * DEFAULT_JOIN_PROOF_COST));

	const figures = {
		'item visible (s)': itemVisible.toFixed(2),
		'live (s)': live.toFixed(2),
		'ballot receipt (s)': receipt.toFixed(2),
		// The test server's proof of work is light; this is an average one at the default cost, on this phone.
		'default proof of work (s)': proof.toFixed(2),
		// The ballot travels on the WebSocket by then, which Chrome's emulation does not slow down.
		'vote round trip (s)': (receipt - votedAt).toFixed(2),
		'HTML transferred (KB)': (bytes.html / 1024).toFixed(1),
		'JS transferred (KB)': (bytes.js / 1024).toFixed(1),
		'CSS transferred (KB)': (bytes.css / 1024).toFixed(1)
	};
	for (const [type, description] of Object.entries(figures)) {
		test.info().annotations.push({ type: `slow 3G: ${type}`, description });
	}
	console.log(
		`slow 3G: item visible ${itemVisible.toFixed(2)} s, live ${live.toFixed(2)} s, ballot receipt ${receipt.toFixed(2)} s` +
			` (goal ${GOAL_SECONDS} s; joining included at the tests' light cost, plus ${proof.toFixed(2)} s for an` +
			` average proof of work at the default cost; vote round trip ${figures['vote round trip (s)']} s;` +
			` HTML ${figures['HTML transferred (KB)']} KB, JS ${figures['JS transferred (KB)']} KB,` +
			` CSS ${figures['CSS transferred (KB)']} KB on the wire)`
	);
	expect(receipt, `ballot receipt within ${BOUND_SECONDS} s on slow 3G`).toBeLessThan(BOUND_SECONDS);
});

/** Holds the page's scripts back until `release` is called: the page shows, but is not yet live. */
async function holdScripts(context: BrowserContext): Promise<() => void> {
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	await context.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
		await released;
		await route.continue();
	});
	return release;
}

test('a ballot tapped before the scripts run is counted once, on a phone that joined and on one that had not', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const code = await copyOfGeneva(browser);
	const { moderator } = await moderatorOpensHighlightPoll(browser, code);
	const count = moderator.getByRole('article', { name: HIGHLIGHT_POLL }).getByTestId('ballot-count');
	const notLive = async (phone: Page) =>
		expect(phone.getByRole('status').filter({ hasText: 'Live' })).toHaveCount(0);

	// A phone that joined earlier opens the page again on slow 3G and taps before its scripts run.
	const context = await browser.newContext(PHONE);
	const phone = await context.newPage();
	await phone.goto(`/m/${code}`);
	await expect(phone.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	const cdp = await context.newCDPSession(phone);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
	const release = await holdScripts(context);
	await phone.goto(`/m/${code}`, { waitUntil: 'domcontentloaded' });
	const ballot = phone.getByRole('form', { name: HIGHLIGHT_POLL });
	await ballot.getByLabel('Industrial control systems').check();
	await ballot.getByLabel('Security of mobile devices').check();
	await ballot.getByRole('button', { name: 'Vote' }).click();
	// The browser posted the form itself: the page comes back with the receipt, still without scripts.
	await expect(ballot.getByText('Your vote is recorded')).toContainText('Industrial control systems');
	await notLive(phone);
	await expect(count).toContainText('1 ballot');
	release();
	await expect(phone.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 30_000 });
	await expect(ballot.getByRole('button', { name: 'Change my vote' })).toBeVisible();

	// A new phone taps before its scripts could join it: the page says what the ballot waits for,
	// and sends it once the scripts have joined.
	const newcomer = await (await browser.newContext(PHONE)).newPage();
	const releaseNew = await holdScripts(newcomer.context());
	await newcomer.goto(`/m/${code}`, { waitUntil: 'domcontentloaded' });
	const second = newcomer.getByRole('form', { name: HIGHLIGHT_POLL });
	await second.getByLabel('Potential abuse by authorities').check();
	await second.getByRole('button', { name: 'Vote' }).click();
	await expect(second.getByText('Your vote is kept on this phone while it joins the meeting')).toBeVisible();
	await notLive(newcomer);
	await expect(count).toContainText('1 ballot');
	releaseNew();
	await expect(second.getByText('Your vote is recorded')).toContainText('Potential abuse by authorities', {
		timeout: 30_000
	});
	await expect(count).toContainText('2 ballots');
	// Reloaded, the console shows what the server holds: each phone counted once.
	await moderator.reload();
	await expect(count).toContainText('2 ballots');
});
