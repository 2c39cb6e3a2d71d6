import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { message } from './support/messages';
import { PhoneLink, expectNoSidewaysScroll, phoneAt, showTab } from './support/phone';
import { HIGHLIGHT_POLL, copyOfGeneva, moderatorOpensHighlightPoll } from './support/staff';

/** The two phones the issue names: a common one and the narrowest still sold. */
const SIZES = [
	{ width: 390, height: 844 },
	{ width: 320, height: 640 }
];
const LOCALES = ['en', 'ar', 'ru', 'zh'];
const CARD = 'Denial of service and service reliability';
const COMMENT = 'Booter services should be a priority.';

/** Where the screens are saved: PHONE_SHOTS to look at them, else the test's own output. */
function shotPath(name: string): string {
	const folder = process.env.PHONE_SHOTS;
	return folder ? path.join(folder, `${name}.png`) : test.info().outputPath(`${name}.png`);
}

/** The words of the meeting's title that the browser split over two lines (none should be). */
async function expectTitleWordsWhole(phone: Page, state: string): Promise<void> {
	const split = await phone.locator('h1').evaluate((title) => {
		const text = title.firstChild;
		if (!text || text.nodeType !== Node.TEXT_NODE) return ['(no text)'];
		const words: string[] = [];
		for (const match of (text.textContent ?? '').matchAll(/\S+/g)) {
			const range = document.createRange();
			range.setStart(text, match.index);
			range.setEnd(text, match.index + match[0].length);
			const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
			if (lines.size > 1) words.push(match[0]);
		}
		return words;
	});
	expect(split, `words of the title split over lines on ${state}`).toEqual([]);
}

async function phoneIn(browser: Browser, code: string, locale: string, size: (typeof SIZES)[number]) {
	const context = await browser.newContext({ viewport: size, isMobile: true, hasTouch: true, locale });
	const link = new PhoneLink();
	await link.attach(context);
	const phone = await context.newPage();
	await phone.goto(`/m/${code}`);
	const connection = phone.getByRole('status').filter({ hasText: message(locale, 'common.connection.live') });
	await expect(connection).toBeVisible();
	return { phone, link };
}

test('each screen of a phone fits at 390 and 320 px in English, Arabic, Russian and Chinese', async ({
	browser
}) => {
	test.setTimeout(600_000);
	const code = await copyOfGeneva(browser);
	const { moderator } = await moderatorOpensHighlightPoll(browser, code);
	await moderator.keyboard.press('PageDown');
	await moderator.getByRole('button', { name: 'Remove the deadline' }).click();
	// An English comment, which an Arabic page shows left to right inside its right-to-left card.
	const writer = await phoneAt(browser, code);
	const region = writer.getByRole('region', { name: `Comments on ${CARD}` });
	await region.getByLabel('Comment', { exact: true }).fill(COMMENT);
	await region.getByRole('button', { name: 'Send comment' }).click();
	await expect(region.getByText(COMMENT)).toBeVisible();

	for (const locale of LOCALES) {
		for (const size of SIZES) {
			const name = (state: string) => `${locale}-${size.width}-${state}`;
			const { phone, link } = await phoneIn(browser, code, locale, size);
			const where = (state: string) => `the ${locale} phone at ${size.width} px, ${state}`;
			const check = async (state: string) => {
				await expectNoSidewaysScroll(phone, where(state));
				await expectTitleWordsWhole(phone, where(state));
				await phone.screenshot({ path: shotPath(name(state)) });
			};

			// The live tab: the profile prompt, the open poll, the card and its comments.
			await expect(phone.getByRole('form', { name: HIGHLIGHT_POLL })).toBeVisible();
			await expect(phone.getByText(message(locale, 'attendee.profile.prompt'))).toBeVisible();
			await check('live');
			const comment = phone.getByRole('listitem').filter({ hasText: COMMENT });
			await comment.scrollIntoViewIfNeeded();
			await phone.screenshot({ path: shotPath(name('card-comments')) });
			// The comment's bullet sits inside the card, on the comment's own start side.
			const card = await phone.locator('.card-comments').first().boundingBox();
			const item = await comment.boundingBox();
			expect(item!.x - card!.x, `room for the bullet on ${where('a card')}`).toBeGreaterThanOrEqual(30);

			await showTab(phone, message(locale, 'attendee.tabs.questions'));
			await expect(phone.getByLabel(message(locale, 'questions.ask.label'))).toBeVisible();
			await check('questions');
			await showTab(phone, message(locale, 'attendee.tabs.agenda'));
			await expect(phone.getByRole('tabpanel')).toContainText('Policy options');
			await check('agenda');
			await showTab(phone, message(locale, 'attendee.tabs.profile'));
			await expect(phone.getByRole('tabpanel')).toContainText(message(locale, 'attendee.profile.invite'));
			await check('profile');
			await showTab(phone, message(locale, 'attendee.tabs.floor'));
			const ask = phone.getByRole('button', { name: message(locale, 'floor.request.ask') });
			await check('floor');

			// Called to speak: the banner tops the page whatever tab shows.
			await ask.click();
			await showTab(phone, message(locale, 'attendee.tabs.now'));
			await moderator.getByRole('button', { name: 'Call next speaker' }).click();
			await expect(phone.getByTestId('floor-banner')).toContainText(message(locale, 'attendee.floor-banner'));
			await check('floor-banner');
			await moderator.getByRole('button', { name: 'End this turn' }).click();
			await expect(phone.getByTestId('floor-banner')).toHaveCount(0);

			// Cut off with a ballot, a question and a floor request waiting: the status wraps, the title keeps its words.
			await link.sever();
			await expect(
				phone.getByRole('status').filter({ hasText: message(locale, 'common.connection.reconnecting') })
			).toBeVisible({ timeout: 20_000 });
			const ballot = phone.getByRole('form', { name: HIGHLIGHT_POLL });
			await ballot.getByRole('checkbox').first().check();
			await ballot.getByRole('button', { name: message(locale, 'polls.ballot.vote') }).click();
			await showTab(phone, message(locale, 'attendee.tabs.questions'));
			await phone.getByLabel(message(locale, 'questions.ask.label')).fill('Is the report translated?');
			await phone.getByRole('button', { name: message(locale, 'questions.ask.send') }).click();
			await showTab(phone, message(locale, 'attendee.tabs.floor'));
			await ask.click();
			await showTab(phone, message(locale, 'attendee.tabs.now'));
			await expect(phone.locator('header .status')).toContainText(/3/);
			await check('reconnecting');
			if (locale === 'en' && size.width === 390) await expectAccessible(phone, where('reconnecting'));
			await phone.context().close();
		}
	}
});

test('a phone back online reconnects at once, without waiting out the back-off', async ({ browser }) => {
	const code = await copyOfGeneva(browser);
	const context = await browser.newContext({ viewport: SIZES[0], isMobile: true });
	const link = new PhoneLink();
	await link.attach(context);
	const phone = await context.newPage();
	// The page's timers run on a clock the test can stop: once stopped, no back-off ever ends.
	await phone.clock.install();
	await phone.goto(`/m/${code}`);
	const connection = phone.getByRole('status').filter({ hasText: /Live|Reconnecting|Connecting/ });
	await expect(connection).toHaveText('Live');

	await link.sever();
	await expect(connection).toContainText('Reconnecting', { timeout: 20_000 });
	// A little ahead of the page's clock, which keeps running while the test asks for it.
	await phone.clock.pauseAt((await phone.evaluate(() => Date.now())) + 100);
	link.cut = false;
	await phone.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(connection).toHaveText('Live');
});
