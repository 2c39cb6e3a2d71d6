import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { PHONE, PROJECTOR } from './support/devices';
import { openProfile, phoneAt, showTab } from './support/phone';
import { copyOfGeneva, signedInConsole } from './support/staff';

test('the moderator presses PageDown and the projector and a phone follow', async ({ browser }) => {
	const code = await copyOfGeneva(browser);
	const moderator = await signedInConsole(browser, code, {
		atSignIn: (page) => expectAccessible(page, 'the sign-in page')
	});
	await expect(moderator.getByTestId('current-step')).toHaveText(
		'Introduction to the 2017 Best Practice Forum goals'
	);

	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(`/m/${code}/projector`);
	const phone = await phoneAt(browser, code);
	await expect(projector.locator('.canvas h1')).toHaveText(
		'Introduction to the 2017 Best Practice Forum goals'
	);
	await expect(projector.getByText(code, { exact: true })).toBeVisible();
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
	const code = await copyOfGeneva(browser);
	const phone = await (await browser.newContext(PHONE)).newPage();
	await phone.goto('/');
	await expectAccessible(phone, 'the home page');
	// Typed as people do: in lower case, with a space in the middle.
	await phone.getByLabel('Session code').fill(`${code.slice(0, 3)} ${code.slice(3)}`.toLowerCase());
	await phone.getByRole('button', { name: 'Join' }).click();
	await expect(phone).toHaveURL(new RegExp(`/m/${code}$`));
	await expectAccessible(phone, 'a phone just joined');
	// The invitation is up front, on the live tab, until the profile is saved.
	await expect(phone.getByText('Tell the room who you are')).toBeVisible();
	await openProfile(phone);
	await expectAccessible(phone, 'a phone with its profile form open');
	await phone.getByLabel('Display name').fill('Amina');
	await phone.getByLabel('Stakeholder group').selectOption('civil_society');
	await phone.getByLabel('Remote').check();
	await phone.getByRole('button', { name: 'Save' }).click();
	await expect(phone.getByText('Profile saved.')).toBeVisible();
	await expect(phone.getByText('You: Amina · Civil society · Remote')).toBeVisible();
	// Saved, the form closes: the summary says what was saved.
	await expect(phone.getByLabel('Display name')).toBeHidden();
	await expectAccessible(phone, 'a phone with its profile saved');
	await phone.reload();
	await expect(phone.getByText('Tell the room who you are')).toHaveCount(0);
	await showTab(phone, 'Profile');
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

test('a phone and the projector cut off until the server drops them catch up with no reload', async ({
	browser
}) => {
	const code = await copyOfGeneva(browser);
	const moderator = await signedInConsole(browser, code);
	await moderator.getByRole('button', { name: /^3 Introduction of the process/ }).click();
	const phoneContext = await browser.newContext(PHONE);
	const projectorContext = await browser.newContext(PROJECTOR);
	const phone = await phoneContext.newPage();
	const projector = await projectorContext.newPage();
	await phone.goto(`/m/${code}`);
	await projector.goto(`/m/${code}/projector`);
	const onPhone = phone.getByTestId('now-showing').getByRole('heading');
	const onProjector = projector.locator('.canvas h1');
	await expect(onPhone).toHaveText('Introduction of the process followed in 2017');
	await expect(onProjector).toHaveText('Introduction of the process followed in 2017');
	// The console counts the phones the server holds a connection to: this meeting's one phone.
	const presence = moderator.getByText(/^\d+ connected ·/);
	await expect(presence).toHaveText(/^1 connected ·/);
	for (const page of [phone, projector]) {
		await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
	}

	await phoneContext.setOffline(true);
	await projectorContext.setOffline(true);
	// Each side gives the connection up after a missed ping (10 s apart, 10 s to answer): the
	// phone and the projector say they are reconnecting, and the server drops the phone.
	const reconnecting = (page: typeof phone) => page.getByRole('status').filter({ hasText: 'Reconnecting' });
	await expect(reconnecting(phone)).toBeVisible({ timeout: 30_000 });
	await expect(reconnecting(projector)).toBeVisible({ timeout: 30_000 });
	await expectAccessible(phone, 'a phone reconnecting');
	await moderator.keyboard.press('PageDown');
	await moderator.keyboard.press('PageDown');
	await expect(moderator.getByTestId('current-step')).toHaveText('Policy options');
	await expect(presence).toHaveText(/^0 connected ·/, { timeout: 30_000 });
	// Cut off, neither heard of the moves.
	await expect(onPhone).toHaveText('Introduction of the process followed in 2017');
	await expect(onProjector).toHaveText('Introduction of the process followed in 2017');

	await phoneContext.setOffline(false);
	await projectorContext.setOffline(false);
	await expect(onPhone).toHaveText('Policy options', { timeout: 15_000 });
	await expect(onProjector).toHaveText('Policy options', { timeout: 15_000 });
	await expect(phone.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	await expect(presence).toHaveText(/^1 connected ·/);
	for (const page of [phone, projector]) {
		expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
	}
});
