import { expect, type Browser, type Page } from '@playwright/test';
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
