import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { PROJECTOR } from './support/devices';
import { openProfile, showTab } from './support/phone';
import { copyOfGeneva, openLive, signedInConsole } from './support/staff';

test('a remote phone asks for the floor, the moderator calls it, the projector shows the timer', async ({
	browser
}) => {
	const code = await copyOfGeneva(browser);
	const moderator = await signedInConsole(browser, code);

	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(`/m/${code}/projector`);

	const phone = await (
		await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
	).newPage();
	// Records the buzzes the page asks for (the headless browser has no motor to feel).
	await phone.addInitScript(() => {
		const buzzes: unknown[] = [];
		Object.assign(window, { buzzes });
		Object.defineProperty(navigator, 'vibrate', {
			value: (pattern: unknown) => (buzzes.push(pattern), true)
		});
	});
	await phone.goto(`/m/${code}`);
	await openProfile(phone);
	await phone.getByLabel('Display name').fill('Rosa from Nairobi');
	await phone.getByLabel('Stakeholder group').selectOption('technical_community');
	await phone.getByLabel('Remote').check();
	await phone.getByRole('button', { name: 'Save' }).click();
	await expect(phone.getByText('Profile saved.')).toBeVisible();

	await showTab(phone, 'Floor');
	await phone.getByRole('button', { name: 'Ask for the floor' }).click();
	await expect(phone.getByText('You are number 1 in the queue.')).toBeVisible();
	// The keyboard stays in the floor's section, on the button that took the pressed one's place.
	await expect(phone.getByRole('button', { name: 'Withdraw my request' })).toBeFocused();
	await expect(phone.getByRole('tab', { name: /^Floor/ })).toHaveAccessibleName(/#1/);
	const strip = projector.getByTestId('floor-strip');
	await expect(strip).toContainText('Next');
	await expect(strip).toContainText('Rosa from Nairobi');
	await expect(moderator.getByRole('list', { name: 'Speaker queue' })).toContainText(
		'Technical community · remote'
	);
	await expectAccessible(phone, 'a phone that asked for the floor');
	await expectAccessible(moderator, 'the console with a speaker waiting');
	await expectAccessible(projector, 'the projector with a speaker waiting');
	const remote = await openLive(moderator.context(), `/m/${code}/remote`);
	await expect(remote.getByRole('list', { name: 'Speaker queue' })).toContainText('Rosa from Nairobi');
	await expectAccessible(remote, 'the remote moderation page with a remote speaker waiting');
	await remote.close();

	// Whatever tab the phone shows, being called is at its top at once, with a buzz.
	await showTab(phone, 'Now');
	await moderator.getByRole('button', { name: 'Call next speaker' }).click();
	await expect(moderator.getByTestId('speaking-now')).toContainText('Rosa from Nairobi');
	const banner = phone.getByTestId('floor-banner');
	await expect(banner).toContainText('You have the floor: speak now.');
	expect((await banner.boundingBox())?.y).toBe(0);
	await expect
		.poll(() => phone.evaluate(() => (window as { buzzes?: unknown[] }).buzzes))
		.toEqual([[200, 100, 200]]);
	await showTab(phone, 'Floor');
	await expect(phone.getByText('You have the floor.')).toBeVisible();
	await expect(strip).toContainText('Speaking');
	const timer = strip.getByRole('timer');
	await expect(timer).toHaveText(/^[23]:\d\d$/);
	const first = await timer.textContent();
	await expect(timer).not.toHaveText(first!, { timeout: 5000 });
	await expectAccessible(phone, 'a phone that has the floor');
	await expectAccessible(projector, 'the projector with a speaker and the timer');

	await moderator.getByRole('button', { name: 'End this turn' }).click();
	await expect(projector.getByTestId('floor-strip')).toHaveCount(0);
	await expect(phone.getByTestId('floor-banner')).toHaveCount(0);
	await expect(phone.getByRole('button', { name: 'Ask for the floor' })).toBeVisible();
});
