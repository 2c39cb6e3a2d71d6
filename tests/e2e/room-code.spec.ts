import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { PHONE, PROJECTOR } from './support/devices';
import { expectNoSidewaysScroll } from './support/phone';
import { copyOfGeneva, signedInConsole } from './support/staff';

/** Screenshots to look at: in the test's output folder, and in SCREENSHOT_DIR when it is set. */
async function shoot(page: Page, name: string): Promise<void> {
	const file = test.info().outputPath(`${name}.png`);
	await page.screenshot({ path: file, fullPage: true });
	const dir = process.env.SCREENSHOT_DIR;
	if (dir) {
		fs.mkdirSync(dir, { recursive: true });
		fs.copyFileSync(file, `${dir}/${name}.png`);
	}
}

/** The projector of a meeting, opened in the console's own (signed-in) browser. */
async function staffProjector(browser: Browser, code: string): Promise<Page> {
	const console = await signedInConsole(browser, code);
	const projector = await console.context().newPage();
	await projector.setViewportSize(PROJECTOR.viewport);
	await projector.goto(`/m/${code}/projector`);
	return projector;
}

async function roomCodeOn(projector: Page): Promise<string> {
	const shown = projector.getByTestId('room-code');
	await expect(shown).toHaveText(/^\d{3}\s\d{3}$/);
	return (await shown.textContent())!.replace(/\s/g, '');
}

test('a phone joins with the room code read off the projector; a wrong one is refused', async ({
	browser
}) => {
	const code = await copyOfGeneva(browser, 'ROOM', { participation: 'room_code' });
	const projector = await staffProjector(browser, code);
	const roomCode = await roomCodeOn(projector);
	// The remote moderator's page shows the same code, to hand to remote participants.
	const remote = await projector.context().newPage();
	await remote.goto(`/m/${code}/remote`);
	// (Read again from both: the code may have changed between the two page loads.)
	await expect
		.poll(async () => (await remote.getByTestId('room-code').textContent()) === (await roomCodeOn(projector)))
		.toBe(true);
	await expectAccessible(remote, 'the remote moderator page with the room code');
	await remote.close();
	// The console says who may take part, with the same code.
	const moderator = await projector.context().newPage();
	await moderator.setViewportSize({ width: 1366, height: 768 });
	await moderator.goto(`/m/${code}/moderate`);
	const rule = moderator.getByTestId('participation');
	await expect(rule).toContainText('Who may take part: only with the room code');
	await expect.poll(async () => (await rule.textContent())?.includes(await roomCodeOn(projector))).toBe(true);
	// Its preview of the projector shows the code as the projector does.
	await expect(moderator.locator('.preview-frame').getByTestId('room-code')).toHaveText(/^\d{3}\s\d{3}$/);
	await expectAccessible(moderator, 'the console with the room code');
	await shoot(moderator, 'console-room-code-1366x768');
	await moderator.close();
	await expectAccessible(projector, 'the projector with its room code', { enhancedContrast: true });
	await shoot(projector, 'projector-room-code-1920x1080');
	await projector.setViewportSize({ width: 1280, height: 720 });
	await expect(projector.getByTestId('room-code')).toBeInViewport();
	await shoot(projector, 'projector-room-code-1280x720');

	const phone = await (await browser.newContext(PHONE)).newPage();
	await phone.goto(`/m/${code}`);
	await expect(phone).toHaveURL(new RegExp(`/m/${code}/join$`));
	await expectAccessible(phone, 'the room-code join page');
	await shoot(phone, 'phone-join-room-code-en-390');

	const wrong = String((Number(roomCode) + 1) % 1_000_000).padStart(6, '0');
	await phone.getByLabel('Room code').fill(wrong);
	await phone.getByRole('button', { name: 'Join' }).click();
	await expect(phone.getByRole('alert')).toHaveText(/That room code is not right/);
	await expectAccessible(phone, 'the join page after a wrong room code');
	await shoot(phone, 'phone-join-room-code-wrong-en-390');

	await phone.getByLabel('Room code').fill(roomCode);
	await phone.getByRole('button', { name: 'Join' }).click();
	await expect(phone).toHaveURL(new RegExp(`/m/${code}$`));
	await expect(phone.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	await shoot(phone, 'phone-joined-en-390');
});

test('the room-code join page reads in Arabic at 320 px; a projector no one signed in on shows no code', async ({
	browser
}) => {
	const code = await copyOfGeneva(browser, 'ROOM', { participation: 'room_code' });
	const phone = await (
		await browser.newContext({ ...PHONE, viewport: { width: 320, height: 640 } })
	).newPage();
	await phone.goto(`/m/${code}?lang=ar`);
	await expect(phone).toHaveURL(new RegExp(`/m/${code}/join$`));
	await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(phone.getByLabel('رمز القاعة')).toBeVisible();
	await expectNoSidewaysScroll(phone, 'the room-code join page in Arabic at 320 px');
	await expectAccessible(phone, 'the room-code join page in Arabic');
	await shoot(phone, 'phone-join-room-code-ar-320');
	await phone.getByLabel('رمز القاعة').fill('000000');
	await phone.getByRole('button', { name: 'انضمام' }).click();
	await expect(phone.getByRole('alert')).toBeVisible();
	await expectNoSidewaysScroll(phone, 'the refused room code in Arabic at 320 px');
	await shoot(phone, 'phone-join-room-code-wrong-ar-320');

	const english = await (
		await browser.newContext({ ...PHONE, viewport: { width: 320, height: 640 } })
	).newPage();
	await english.goto(`/m/${code}`);
	await expectNoSidewaysScroll(english, 'the room-code join page at 320 px');
	await shoot(english, 'phone-join-room-code-en-320');

	const anonymous = await (await browser.newContext(PROJECTOR)).newPage();
	await anonymous.goto(`/m/${code}/projector`);
	await expect(anonymous.getByText('Sign in on this screen to show the room code.')).toBeVisible();
	await expect(anonymous.getByTestId('room-code')).toHaveCount(0);
});
