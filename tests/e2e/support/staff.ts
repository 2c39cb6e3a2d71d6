import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../../../playwright.config';

/** The console of a meeting, signed in as the admin (who moderates every meeting). */
export async function signedInConsole(browser: Browser, code = 'BPF2017'): Promise<Page> {
	const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
	await page.goto(`/m/${code}/moderate`);
	await expect(page).toHaveURL(/\/login\?redirectTo=/);
	await page.getByLabel('Username').fill(E2E_ADMIN.username);
	await page.getByLabel('Password').fill(E2E_ADMIN.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(new RegExp(`/m/${code}/moderate$`));
	await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	return page;
}

/** The Geneva session's poll that picks the two highlighted policy areas. */
export const HIGHLIGHT_POLL = /Which two policy areas/;

/** The moderator opens the highlight poll (if another spec has not); returns the step on screen. */
export async function moderatorOpensHighlightPoll(browser: Browser): Promise<string> {
	const page = await signedInConsole(browser);
	await page.getByRole('button', { name: /^5 Policy options/ }).click();
	const poll = page.getByRole('article', { name: HIGHLIGHT_POLL });
	const open = poll.getByRole('button', { name: /^(Open|Reopen)$/ });
	const close = poll.getByRole('button', { name: 'Close', exact: true });
	// Another spec of the same run may have opened or closed this poll already.
	await expect(open.or(close)).toBeVisible();
	if (await open.isVisible()) await open.click();
	await expect(close).toBeVisible();
	return (await page.getByTestId('current-step').textContent()) ?? '';
}

export const NEXT_SESSION_POLL = 'Where should the next session meet?';

/**
 * A new meeting of its own with one open poll (Geneva or Nairobi), so a test's counts are its
 * own; returns its console, signed in as the admin.
 */
export async function meetingWithPoll(context: BrowserContext, code: string, title: string): Promise<Page> {
	const admin = await context.newPage();
	await admin.goto('/login?redirectTo=/admin');
	await admin.getByLabel('Username').fill(E2E_ADMIN.username);
	await admin.getByLabel('Password').fill(E2E_ADMIN.password);
	await admin.getByRole('button', { name: 'Sign in' }).click();
	const form = admin.getByRole('region', { name: 'New meeting' });
	await form.getByLabel('Title').fill(title);
	await form.getByLabel('Join code').fill(code);
	await form.getByRole('button', { name: 'Create meeting' }).click();
	await expect(admin).toHaveURL(new RegExp(`/admin/meetings/${code}$`));

	await admin.goto(`/m/${code}/moderate`);
	await expect(admin.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	await admin.locator('summary', { hasText: 'New poll' }).click();
	await admin.getByLabel('Question', { exact: true }).fill(NEXT_SESSION_POLL);
	await admin.getByLabel('Options, one per line').fill('Geneva\nNairobi');
	await admin.getByRole('button', { name: 'Create poll' }).click();
	const poll = admin.getByRole('article', { name: NEXT_SESSION_POLL });
	await poll.getByRole('button', { name: 'Open' }).click();
	await expect(poll.getByText('open', { exact: true })).toBeVisible();
	return admin;
}
