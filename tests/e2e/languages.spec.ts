import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { expectNoSidewaysScroll } from './support/phone';
import { message } from './support/messages';
import { PROJECTOR } from './support/devices';
import { NEXT_SESSION_POLL, copyOfGeneva, meetingWithPoll } from './support/staff';

const NARROW = { viewport: { width: 320, height: 700 }, isMobile: true, hasTouch: true };

/** A phone whose browser prefers `browserLocale` (e.g. `fr-CH`), live on a session. */
async function phoneIn(browser: Browser, browserLocale: string, code: string): Promise<Page> {
	const phone = await (await browser.newContext({ ...NARROW, locale: browserLocale })).newPage();
	await phone.goto(`/m/${code}`);
	const language = browserLocale.split('-')[0] ?? browserLocale;
	await expect(
		phone.getByRole('status').filter({ hasText: message(language, 'common.connection.live') })
	).toBeVisible();
	return phone;
}

for (const locale of ['ar', 'en']) {
	test(`a phone in ${locale} at 320 px: its language, its direction, nothing off the screen`, async ({
		browser
	}) => {
		const code = `${locale.toUpperCase()}320`;
		await meetingWithPoll(browser, code, 'Languages');
		const phone = await phoneIn(browser, locale, code);
		await expect(phone.locator('html')).toHaveAttribute('lang', locale);
		await expect(phone.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
		const ballot = phone.getByRole('form', { name: NEXT_SESSION_POLL });
		// Meeting content stays as its authors wrote it; the interface around it is translated.
		await expect(ballot.getByRole('button', { name: message(locale, 'polls.ballot.vote') })).toBeVisible();
		await expect(phone.getByText(message(locale, 'attendee.profile.invite'))).toBeVisible();
		await expectNoSidewaysScroll(phone, `the ${locale} phone with a poll open`);
		await expectAccessible(phone, `the ${locale} phone with a poll open at 320 px`);
		await phone.screenshot({ path: test.info().outputPath(`phone-${locale}-320.png`), fullPage: true });

		await ballot.getByLabel('Nairobi').check();
		await ballot.getByRole('button', { name: message(locale, 'polls.ballot.vote') }).click();
		await expect(ballot.getByRole('status')).toContainText('Nairobi');
		await expectNoSidewaysScroll(phone, `the ${locale} phone after voting`);
	});
}

test('an attendee picks a language: the page comes back in it, and keeps it', async ({ browser }) => {
	const code = await copyOfGeneva(browser);
	const phone = await phoneIn(browser, 'en-GB', code);
	await phone.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Français' }).click();
	await expect(phone).toHaveURL(new RegExp(`/m/${code}$`));
	await expect(phone.locator('html')).toHaveAttribute('lang', 'fr');
	await expect(phone.getByText(message('fr', 'attendee.profile.invite'))).toBeVisible();
	await expect(
		phone.getByRole('status').filter({ hasText: message('fr', 'common.connection.live') })
	).toBeVisible();
	const current = phone.getByRole('link', { name: 'Français' });
	await expect(current).toHaveAttribute('aria-current', 'true');

	await phone.reload();
	await expect(phone.locator('html')).toHaveAttribute('lang', 'fr');
	// The join page remembers it too; staff pages stay in English.
	await phone.goto('/');
	await expect(phone.locator('html')).toHaveAttribute('lang', 'fr');
	await phone.goto('/login');
	await expect(phone.locator('html')).toHaveAttribute('lang', 'en');
});

// The projector only reads the seeded meeting: it changes nothing there.
test('the projector speaks the language asked for in its address', async ({ browser }) => {
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto('/m/BPF2017/projector?lang=zh');
	await expect(projector).toHaveURL(/\/m\/BPF2017\/projector$/);
	await expect(projector.locator('html')).toHaveAttribute('lang', 'zh');
	await expect(projector.getByText(message('zh', 'projector.join.title'))).toBeVisible();
	await projector.goto('/m/BPF2017/projector?lang=ar');
	await expect(projector.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(projector.getByText(message('ar', 'projector.join.title'))).toBeVisible();
	await expectAccessible(projector, 'the Arabic projector', { enhancedContrast: true });
});

test('where WebSocket is blocked, a phone goes live over long-polling and votes', async ({ browser }) => {
	await meetingWithPoll(browser, 'NOWS1', 'Behind a proxy');
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
	const phone = await context.newPage();
	// A proxy that drops WebSocket: every attempt is closed before Socket.IO's handshake.
	let refused = 0;
	await phone.routeWebSocket(/\/socket\.io\//, (socket) => {
		refused++;
		void socket.close({ code: 1006 });
	});
	const polling: string[] = [];
	phone.on('request', (request) => {
		if (request.url().includes('transport=polling')) polling.push(request.url());
	});
	await phone.goto('/m/NOWS1');
	// A refused WebSocket that closes without an error is given up after the 10 s connection timeout.
	await expect(phone.getByRole('status').filter({ hasText: 'Live' })).toBeVisible({ timeout: 30_000 });
	expect(refused).toBeGreaterThan(0);
	expect(polling.length).toBeGreaterThan(0);

	const ballot = phone.getByRole('form', { name: NEXT_SESSION_POLL });
	await ballot.getByLabel('Geneva').check();
	await ballot.getByRole('button', { name: 'Vote' }).click();
	await expect(ballot.getByText('Your vote is recorded')).toBeVisible();
});
