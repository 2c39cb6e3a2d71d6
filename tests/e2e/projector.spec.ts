import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { PROJECTOR } from './support/devices';
import { copyOfGeneva, signedInConsole } from './support/staff';

test('the projector meets AAA contrast, and the moderator switches it to large type in high contrast', async ({
	browser
}) => {
	const code = await copyOfGeneva(browser);
	const moderator = await signedInConsole(browser, code);
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(`/m/${code}/projector`);
	const canvas = projector.locator('.canvas');
	await expect(canvas).toBeVisible();
	await expect(canvas).not.toHaveClass(/high-contrast/);
	await expectAccessible(projector, 'the projector, standard theme', { enhancedContrast: true });
	const standardSize = await projector
		.locator('.canvas h1')
		.evaluate((h1) => parseFloat(getComputedStyle(h1).fontSize));

	const toggle = moderator.getByLabel('Large type, high contrast on the projector');
	await toggle.check();
	await expect(canvas).toHaveClass(/high-contrast/);
	await expect(canvas).toHaveCSS('background-color', 'rgb(0, 0, 0)');
	const largeSize = await projector
		.locator('.canvas h1')
		.evaluate((h1) => parseFloat(getComputedStyle(h1).fontSize));
	expect(largeSize).toBeGreaterThan(standardSize * 1.15);
	await expectAccessible(projector, 'the projector, high contrast', { enhancedContrast: true });

	// The console's preview follows, and a reload keeps the theme: it is the meeting's, not the screen's.
	await expect(moderator.locator('.preview-frame .canvas')).toHaveClass(/high-contrast/);
	await projector.reload();
	await expect(canvas).toHaveClass(/high-contrast/);

	await toggle.uncheck();
	await expect(canvas).not.toHaveClass(/high-contrast/);
});

const CHALLENGES = [
	'Denial of service and service reliability',
	'Security of mobile devices',
	'Potential abuse by authorities',
	'Sensitive information in health services',
	'Online abuse and gender-based violence',
	'Shared critical services: DNS and IXPs',
	'Industrial control systems',
	'Information repurposed for inappropriate ends',
	'Secure development processes',
	'Unauthorized access to devices',
	'Other'
].map((label) => `${label}, with attention to the capacity of developing countries to respond`);
const ELEVEN = 'Which of the eleven challenges matter most to your stakeholder group?';

test('an 11-option poll in high contrast with someone waiting for the floor: every option is on the projector or counted by a sign, and the clicker steps the pages', async ({
	browser
}) => {
	// The pages take turns every 8 s until the moderator steps one: the test waits for the first.
	test.setTimeout(120_000);
	const code = await copyOfGeneva(browser);
	const moderator = await signedInConsole(browser, code);
	await moderator.getByLabel('Large type, high contrast on the projector').check();
	await moderator.locator('summary', { hasText: 'Add a speaker' }).click();
	const floor = moderator.locator('section.floor');
	for (const name of ['Olga Cavalli', 'Jimson Olufuye']) {
		await floor.getByLabel('Name').fill(name);
		await floor.getByRole('button', { name: 'Add to the queue' }).click();
		await expect(floor.getByRole('list', { name: 'Speaker queue' })).toContainText(name);
	}
	await moderator.locator('summary', { hasText: 'New poll' }).click();
	await moderator.getByLabel('Question', { exact: true }).fill(ELEVEN);
	await moderator.getByLabel('Options, one per line').fill(CHALLENGES.join('\n'));
	await moderator.getByRole('button', { name: 'Create poll' }).click();
	const poll = moderator.getByRole('article', { name: ELEVEN });
	await poll.getByRole('button', { name: 'Open' }).click();
	await poll.getByRole('button', { name: 'Show results' }).click();

	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(`/m/${code}/projector`);
	await expect(projector.locator('.canvas h1')).toHaveText(ELEVEN);
	await expect(projector.locator('.canvas')).toHaveClass(/high-contrast/);
	await expect(projector.getByTestId('floor-strip')).toContainText('Olga Cavalli');

	const list = projector.getByTestId('fit-list');
	const options = list.locator('.shown:not(.measure) > li');
	const sign = list.getByTestId('page-sign');
	// Long labels, large type and the floor strip: the options take pages, and the sign counts the rest.
	await expect(list).not.toHaveAttribute('data-pages', '1');
	const pages = Number(await list.getAttribute('data-pages'));
	const seen = new Set<string>();
	const step = moderator.getByTestId('current-step');
	const agendaStep = await step.textContent();
	// The console's preview is the same screen: it knows the pages. They take turns until the
	// moderator steps one; once the preview is on the first page, the clicker holds the second.
	const preview = moderator.locator('.preview-frame').getByTestId('fit-list');
	await expect(preview).toHaveAttribute('data-pages', String(pages));
	await expect(preview).toHaveAttribute('data-page', '0', { timeout: pages * 8000 + 5000 });
	await moderator.keyboard.press('PageDown');
	await expect(list).toHaveAttribute('data-page', '1');
	await moderator.keyboard.press('PageUp');
	await expect(list).toHaveAttribute('data-page', '0');
	for (let page = 0; page < pages; page++) {
		if (page > 0) {
			await moderator.keyboard.press('PageDown');
			await expect(list).toHaveAttribute('data-page', String(page));
		}
		await expect(sign).toContainText(`Page ${page + 1} of ${pages}`);
		const shown = await options.allTextContents();
		expect(shown.length).toBeGreaterThan(0);
		await expect(sign).toHaveAttribute('data-more', String(CHALLENGES.length - shown.length));
		for (const text of shown) seen.add(CHALLENGES.find((label) => text.includes(label)) ?? text);
	}
	expect([...seen].sort()).toEqual([...CHALLENGES].sort());
	// Stepping pages never moved the agenda; past the last page the clicker moves it on.
	await expect(step).toHaveText(agendaStep ?? '');
	await moderator.keyboard.press('PageDown');
	await expect(step).not.toHaveText(agendaStep ?? '');
});
