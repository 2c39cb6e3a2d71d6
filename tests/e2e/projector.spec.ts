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
