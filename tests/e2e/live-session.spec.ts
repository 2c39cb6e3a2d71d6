import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../../playwright.config';
import { expectAccessible } from './support/axe';
import { openProfile } from './support/phone';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PROJECTOR = { viewport: { width: 1920, height: 1080 } };

async function signedInModerator(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const page = await context.newPage();
	await page.goto('/m/BPF2017/moderate');
	await expect(page).toHaveURL(/\/login\?redirectTo=/);
	await expectAccessible(page, 'the sign-in page');
	await page.getByLabel('Username').fill(E2E_ADMIN.username);
	await page.getByLabel('Password').fill(E2E_ADMIN.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/m\/BPF2017\/moderate$/);
	await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	return page;
}

test('the moderator presses PageDown and the projector and a phone follow', async ({ browser }) => {
	const moderator = await signedInModerator(browser);
	// Start from the first item whatever earlier tests did.
	await moderator.getByRole('button', { name: /^1 Introduction to the 2017/ }).click();
	await expect(moderator.getByTestId('current-step')).toHaveText(
		'Introduction to the 2017 Best Practice Forum goals'
	);

	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto('/m/BPF2017/projector');
	const phone = await (await browser.newContext(PHONE)).newPage();
	await phone.goto('/m/BPF2017');
	await expect(phone.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	await expect(projector.locator('.canvas h1')).toHaveText(
		'Introduction to the 2017 Best Practice Forum goals'
	);
	await expect(projector.getByText('BPF2017', { exact: true })).toBeVisible();
	await expectAccessible(moderator, 'the console at the first item');
	await expectAccessible(projector, 'the projector at the first item');
	await expectAccessible(phone, 'a phone at the first item');

	await moderator.keyboard.press('PageDown');
	await expect(moderator.getByTestId('current-step')).toHaveText('Introduction of panelists');
	await expect(projector.locator('.canvas h1')).toHaveText('Introduction of panelists');
	await expect(phone.getByTestId('now-showing').getByRole('heading')).toHaveText('Introduction of panelists');

	// Into the policy-options walkthrough, then card by card with the arrow key.
	await moderator.getByRole('button', { name: /^5 Policy options/ }).click();
	await moderator.keyboard.press('ArrowRight');
	await expect(projector.locator('.canvas h1')).toHaveText('Denial of service and service reliability');
	await expect(phone.getByTestId('now-showing')).toContainText('card 1 of 11');
	await expectAccessible(phone, 'a phone at a walkthrough card');
	await expectAccessible(projector, 'the projector at a walkthrough card');
	await moderator.keyboard.press('ArrowRight');
	await expect(phone.getByTestId('now-showing').getByRole('heading')).toHaveText(
		'Security of mobile devices'
	);
	await moderator.keyboard.press('PageUp');
	await expect(projector.locator('.canvas h1')).toHaveText('Denial of service and service reliability');
	await expect(projector.locator('.canvas')).toContainText('Policy options · 1 of 11');
});

test('an attendee joins by typing the code and gives a profile', async ({ browser }) => {
	const phone = await (await browser.newContext(PHONE)).newPage();
	await phone.goto('/');
	await expectAccessible(phone, 'the home page');
	await phone.getByLabel('Session code').fill('bpf 2017');
	await phone.getByRole('button', { name: 'Join' }).click();
	await expect(phone).toHaveURL(/\/m\/BPF2017$/);
	await expectAccessible(phone, 'a phone just joined');
	await openProfile(phone);
	await expectAccessible(phone, 'a phone with its profile form open');
	await phone.getByLabel('Display name').fill('Amina');
	await phone.getByLabel('Stakeholder group').selectOption('civil_society');
	await phone.getByLabel('Remote').check();
	await phone.getByRole('button', { name: 'Save' }).click();
	await expect(phone.getByText('Profile saved.')).toBeVisible();
	await expect(phone.getByText('You: Amina · Civil society · Remote')).toBeVisible();
	await expectAccessible(phone, 'a phone with its profile saved');
	await phone.reload();
	await expect(phone.getByText('You: Amina · Civil society · Remote')).toBeVisible();
});

test('a wrong code gets a clear message', async ({ browser }) => {
	const phone = await (await browser.newContext(PHONE)).newPage();
	await phone.goto('/');
	await phone.getByLabel('Session code').fill('NOPE99');
	await phone.getByRole('button', { name: 'Join' }).click();
	await expect(phone.getByRole('alert')).toHaveText(/No meeting has this code/);
	await expectAccessible(phone, 'the home page with a wrong code');
});

test('a phone and the projector that lose the network for 30 s catch up with no reload', async ({
	browser
}) => {
	const moderator = await signedInModerator(browser);
	await moderator.getByRole('button', { name: /^3 Introduction of the process/ }).click();
	const phoneContext = await browser.newContext(PHONE);
	const projectorContext = await browser.newContext(PROJECTOR);
	const phone = await phoneContext.newPage();
	const projector = await projectorContext.newPage();
	await phone.goto('/m/BPF2017');
	await projector.goto('/m/BPF2017/projector');
	const onPhone = phone.getByTestId('now-showing').getByRole('heading');
	const onProjector = projector.locator('.canvas h1');
	await expect(onPhone).toHaveText('Introduction of the process followed in 2017');
	await expect(onProjector).toHaveText('Introduction of the process followed in 2017');
	for (const page of [phone, projector]) {
		await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
	}

	await phoneContext.setOffline(true);
	await projectorContext.setOffline(true);
	await expect(phone.getByRole('status').filter({ hasText: 'Reconnecting' })).toBeVisible({
		timeout: 30_000
	});
	await expectAccessible(phone, 'a phone reconnecting');
	await moderator.keyboard.press('PageDown');
	await moderator.keyboard.press('PageDown');
	await expect(moderator.getByTestId('current-step')).toHaveText('Policy options');
	await phone.waitForTimeout(30_000);
	await expect(onPhone).toHaveText('Introduction of the process followed in 2017');

	await phoneContext.setOffline(false);
	await projectorContext.setOffline(false);
	await expect(onPhone).toHaveText('Policy options', { timeout: 15_000 });
	await expect(onProjector).toHaveText('Policy options', { timeout: 15_000 });
	await expect(phone.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	for (const page of [phone, projector]) {
		expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
	}
});
