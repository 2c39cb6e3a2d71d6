import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../../../playwright.config';
import { DESK } from './devices';

/** A join code that no other test of the run holds. */
export const freshCode = (prefix: string) => prefix + Math.random().toString(36).slice(2, 6).toUpperCase();

/**
 * Opens `path` in a new laptop browser, follows it to the sign-in page, signs in as the admin
 * through the form and comes back to `path`. `atSignIn` looks at the sign-in page on the way.
 */
export async function signedIn(
	browser: Browser,
	path: string,
	{ atSignIn }: { atSignIn?: (page: Page) => Promise<void> } = {}
): Promise<Page> {
	const page = await (await browser.newContext(DESK)).newPage();
	await page.goto(path);
	await expect(page).toHaveURL(/\/login\?redirectTo=/);
	await atSignIn?.(page);
	await page.getByLabel('Username').fill(E2E_ADMIN.username);
	await page.getByLabel('Password').fill(E2E_ADMIN.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, '\\$&')}$`));
	return page;
}

/** A live staff page of a meeting (the console, the record, the remote page), signed in as the admin. */
export async function signedInLive(
	browser: Browser,
	path: string,
	options: { atSignIn?: (page: Page) => Promise<void> } = {}
): Promise<Page> {
	const page = await signedIn(browser, path, options);
	await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	return page;
}

/** The console of a meeting, signed in as the admin (who moderates every meeting). */
export function signedInConsole(
	browser: Browser,
	code: string,
	options: { atSignIn?: (page: Page) => Promise<void> } = {}
): Promise<Page> {
	return signedInLive(browser, `/m/${code}/moderate`, options);
}

/** Another page of a signed-in context (the console's own browser, say), once it is live. */
export async function openLive(context: BrowserContext, path: string): Promise<Page> {
	const page = await context.newPage();
	await page.goto(path);
	await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	return page;
}

/**
 * A new meeting with the Geneva session's settings, agenda and prepared polls, under a code of
 * its own, made as an admin makes one through the HTTP API: the seeded meeting's file
 * (`GET /api/meetings/BPF2017/definition.json`) imported again (the admin page's import action).
 * Each test that changes a meeting works on its own copy, so no test depends on what another
 * did; BPF2017 itself stays as seeded, since no test changes it. `settings` change the copy's
 * meeting settings (who may take part, say).
 */
export async function copyOfGeneva(
	browser: Browser,
	prefix = 'GVA',
	settings: Record<string, unknown> = {}
): Promise<string> {
	const origin = test.info().project.use.baseURL;
	if (!origin) throw new Error('copyOfGeneva needs the baseURL of playwright.config.ts');
	const context = await browser.newContext();
	try {
		const http = context.request;
		// As a browser without JavaScript posts a form: SvelteKit answers with the redirect itself.
		const headers = { origin, accept: 'text/html' };
		const signIn = await http.post('/login', {
			form: E2E_ADMIN,
			headers,
			maxRedirects: 0
		});
		expect(signIn.status(), 'the admin signs in').toBe(303);

		const file = await http.get('/api/meetings/BPF2017/definition.json');
		expect(file.status(), 'the Geneva meeting file').toBe(200);
		const definition = (await file.json()) as { meeting: { code: string } };
		const code = freshCode(prefix);
		definition.meeting = { ...definition.meeting, ...settings, code };

		const imported = await http.post('/admin?/import', {
			multipart: {
				file: {
					name: `${code}-meeting.json`,
					mimeType: 'application/json',
					buffer: Buffer.from(JSON.stringify(definition))
				}
			},
			headers,
			maxRedirects: 0
		});
		const answer = imported.status() === 303 ? '' : (await imported.text()).slice(0, 2000);
		expect(imported.status(), `importing the copy ${code}: ${answer}`).toBe(303);
		expect(imported.headers().location).toBe(`/admin/meetings/${code}`);
		return code;
	} finally {
		await context.close();
	}
}

/** The Geneva session's poll that picks the two highlighted policy areas. */
export const HIGHLIGHT_POLL = /Which two policy areas/;

/** The moderator opens the highlight poll of a copy of Geneva; returns the console and the step on screen. */
export async function moderatorOpensHighlightPoll(
	browser: Browser,
	code: string
): Promise<{ moderator: Page; step: string }> {
	const moderator = await signedInConsole(browser, code);
	await moderator.getByRole('button', { name: /^5 Policy options/ }).click();
	const poll = moderator.getByRole('article', { name: HIGHLIGHT_POLL });
	await poll.getByRole('button', { name: 'Open' }).click();
	await expect(poll.getByText('open', { exact: true })).toBeVisible();
	return { moderator, step: (await moderator.getByTestId('current-step').textContent()) ?? '' };
}

export const NEXT_SESSION_POLL = 'Where should the next session meet?';

/**
 * A new meeting of its own with one open poll (Geneva or Nairobi), so a test's counts are its
 * own; returns its console, signed in as the admin.
 */
export async function meetingWithPoll(browser: Browser, code: string, title: string): Promise<Page> {
	const page = await signedIn(browser, '/admin');
	const form = page.getByRole('region', { name: 'New meeting' });
	await form.getByLabel('Title').fill(title);
	await form.getByLabel('Join code').fill(code);
	await form.getByRole('button', { name: 'Create meeting' }).click();
	await expect(page).toHaveURL(new RegExp(`/admin/meetings/${code}$`));

	await page.goto(`/m/${code}/moderate`);
	await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	await page.locator('summary', { hasText: 'New poll' }).click();
	await page.getByLabel('Question', { exact: true }).fill(NEXT_SESSION_POLL);
	await page.getByLabel('Options, one per line').fill('Geneva\nNairobi');
	await page.getByRole('button', { name: 'Create poll' }).click();
	const poll = page.getByRole('article', { name: NEXT_SESSION_POLL });
	await poll.getByRole('button', { name: 'Open' }).click();
	await expect(poll.getByText('open', { exact: true })).toBeVisible();
	return page;
}
