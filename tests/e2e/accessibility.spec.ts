import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { PHONE } from './support/devices';
import { showTab, expectNoSidewaysScroll, phoneAt } from './support/phone';
import { freshCode, signedIn } from './support/staff';

/** WCAG 1.4.10: content reflows at 320 CSS px, as a 1280 px screen zoomed to 400 % or a small phone. */
const NARROW = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true };

const TOPICS_POLL = 'Which topics matter most to you?';
const RISK_POLL = 'Which risk should we discuss first?';

/** A small meeting of its own, so these tests neither depend on nor disturb the seeded one. */
function meetingFile(code: string, passcode: string | null): string {
	return JSON.stringify({
		format: 'plenary-meeting',
		formatVersion: 1,
		meeting: {
			code,
			title: 'Youth forum on online safety and the digital security divide',
			timeZone: 'UTC',
			passcode
		},
		agenda: [
			{ id: 'welcome', kind: 'info', title: 'Welcome and ground rules', body: 'Phones in hand.' },
			{
				id: 'risks',
				kind: 'walkthrough',
				title: 'Risks young people meet online',
				body: '',
				cards: [
					{ id: 'bullying', title: 'Cyberbullying', body: 'Harassment that follows children home.' },
					{ id: 'scams', title: 'Scams and fraud', body: '' }
				]
			},
			{ id: 'open-floor', kind: 'discussion', title: 'Open discussion', body: '' }
		],
		polls: [
			{
				id: 'topics',
				itemId: 'welcome',
				kind: 'multiple',
				question: TOPICS_POLL,
				options: [
					{ id: 'privacy', label: 'Privacy of health data' },
					{ id: 'intergovernmental', label: 'Intergovernmental cooperation on cybersecurity' },
					{ id: 'divide', label: 'The digital security divide' }
				],
				maxPicks: null
			},
			{
				id: 'risk',
				itemId: 'risks',
				kind: 'single',
				question: RISK_POLL,
				options: [
					{ id: 'bullying', label: 'Cyberbullying' },
					{ id: 'scams', label: 'Scams and fraud' }
				]
			}
		]
	});
}

/** Imports a fresh meeting as the admin and opens its console in the admin's browser context. */
async function freshMeeting(
	browser: Browser,
	passcode: string | null = null
): Promise<{ code: string; moderator: Page }> {
	const code = freshCode('AX');
	const admin = await signedIn(browser, '/admin');
	await admin.getByLabel('Meeting file', { exact: true }).setInputFiles({
		name: `${code}.json`,
		mimeType: 'application/json',
		buffer: Buffer.from(meetingFile(code, passcode))
	});
	await admin.getByRole('button', { name: 'Import' }).click();
	await expect(admin).toHaveURL(new RegExp(`/admin/meetings/${code}$`));
	await admin.goto(`/m/${code}/moderate`);
	await expect(admin.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	return { code, moderator: admin };
}

async function openPoll(moderator: Page, question: string): Promise<void> {
	const poll = moderator.getByRole('article', { name: question });
	await poll.getByRole('button', { name: 'Open' }).click();
	await expect(poll.getByText('open', { exact: true })).toBeVisible();
}

/** Text at 200 % (WCAG 1.4.4), as a phone's larger-text setting does to pages sized in rem. */
async function doubleTheText(page: Page): Promise<void> {
	await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
}

/**
 * Where the focus is, and what is wrong with its ring: none, too thin, or cut off by a box that
 * clips what overflows it (a scrolling list, say).
 */
async function focusRing(page: Page): Promise<{ element: string; problem: string | null }> {
	return page.evaluate(() => {
		const element = document.activeElement as HTMLElement;
		const describe = (node: Element) => node.outerHTML.slice(0, 100);
		const style = getComputedStyle(element);
		const width = parseFloat(style.outlineWidth);
		if (style.outlineStyle === 'none' || width < 2) {
			return { element: describe(element), problem: `outline ${style.outlineStyle} ${style.outlineWidth}` };
		}
		const reach = width + parseFloat(style.outlineOffset);
		const box = element.getBoundingClientRect();
		for (let parent = element.parentElement; parent; parent = parent.parentElement) {
			const clip = getComputedStyle(parent);
			if (clip.overflowX === 'visible' && clip.overflowY === 'visible') continue;
			const edges = parent.getBoundingClientRect();
			const cut =
				box.left - reach < edges.left + parseFloat(clip.borderLeftWidth) - 0.5 ||
				box.right + reach > edges.right - parseFloat(clip.borderRightWidth) + 0.5 ||
				box.top - reach < edges.top + parseFloat(clip.borderTopWidth) - 0.5 ||
				box.bottom + reach > edges.bottom - parseFloat(clip.borderBottomWidth) + 0.5;
			if (cut) return { element: describe(element), problem: `ring cut off by ${describe(parent)}` };
		}
		return { element: describe(element), problem: null };
	});
}

/**
 * Presses Tab until the target has the focus, checking at every stop that the focus is visible:
 * a keyboard user reaches it and sees where they are on the way.
 */
async function tabTo(page: Page, target: Locator, most = 40): Promise<void> {
	for (let press = 0; press < most; press++) {
		await page.keyboard.press('Tab');
		const focus = await focusRing(page);
		expect(focus.problem, `the focus ring on ${focus.element}`).toBeNull();
		if (await target.evaluate((element) => element === document.activeElement)) return;
	}
	throw new Error(`Tab never reached ${target}`);
}

/** Tabs through every stop of the page once; each ring shows, whole. */
async function tabThroughAll(page: Page, most = 200): Promise<number> {
	for (let stops = 0; stops < most; stops++) {
		await page.keyboard.press('Tab');
		const back = await page.evaluate(() => {
			const seen = window as unknown as { firstStop?: Element };
			const element = document.activeElement;
			if (!element || element === document.body || element === seen.firstStop) return true;
			seen.firstStop ??= element;
			return false;
		});
		if (back) return stops;
		const focus = await focusRing(page);
		expect(focus.problem, `the focus ring on ${focus.element}`).toBeNull();
	}
	throw new Error(`more than ${most} stops: is the focus trapped?`);
}

test('a screen reader hears the moderator move, a poll open and its turn to speak', async ({ browser }) => {
	const { code, moderator } = await freshMeeting(browser);
	const phone = await phoneAt(browser, code);
	const polite = phone.getByTestId('announcements');
	const urgent = phone.getByTestId('urgent-announcements');
	await expect(polite).toHaveAttribute('aria-live', 'polite');
	await expect(urgent).toHaveAttribute('aria-live', 'assertive');
	// What is there on arrival is on the page: nothing is read out for it.
	await expect(polite).toHaveText('');

	await moderator.getByRole('button', { name: 'Next', exact: true }).click();
	await expect(polite).toHaveText('Now: item 2 of 3, Risks young people meet online');
	await moderator.keyboard.press('PageDown');
	await expect(polite).toHaveText('Now: Risks young people meet online, card 1 of 2: Cyberbullying');

	await openPoll(moderator, RISK_POLL);
	await expect(polite).toHaveText(`Poll open: ${RISK_POLL}`);
	await expectAccessible(phone, 'a phone that announced a poll');

	await showTab(phone, 'Floor');
	await phone.getByRole('button', { name: 'Ask for the floor' }).click();
	await expect(phone.getByText('You are number 1 in the queue.')).toBeVisible();
	await expect(urgent).toHaveText('');
	await moderator.getByRole('button', { name: 'Call next speaker' }).click();
	await expect(urgent).toHaveText('It is your turn to speak.');
	await moderator.getByRole('button', { name: 'End this turn' }).click();
	await expect(urgent).toHaveText('');
});

test('the join pages and a phone with a poll open reflow at 320 px, and with text at 200 %', async ({
	browser
}) => {
	const { code, moderator } = await freshMeeting(browser, 'OPENUP');
	await openPoll(moderator, TOPICS_POLL);
	const typePasscode = async (phone: Page) => {
		await phone.getByLabel('Passcode').fill('openup');
		await phone.getByRole('button', { name: 'Join' }).click();
		await expect(phone).toHaveURL(new RegExp(`/m/${code}$`));
	};

	const narrow = await (await browser.newContext(NARROW)).newPage();
	await narrow.goto('/');
	await expectNoSidewaysScroll(narrow, 'the join page at 320 px');
	await narrow.getByLabel('Session code').fill(code);
	await narrow.getByRole('button', { name: 'Join' }).click();
	await expect(narrow).toHaveURL(new RegExp(`/m/${code}/join$`));
	await expectNoSidewaysScroll(narrow, 'the passcode page at 320 px');
	await typePasscode(narrow);
	await expect(narrow.getByRole('form', { name: TOPICS_POLL })).toBeVisible();
	await expectNoSidewaysScroll(narrow, 'a phone with a poll open at 320 px');
	await expectAccessible(narrow, 'a phone with a poll open at 320 px');
	// A pasted link is one long word; a card brings its comment form.
	const link = 'https://www.intgovforum.org/multilingual/content/bpf-cybersecurity-2017-draft-report';
	await showTab(narrow, 'Questions');
	await narrow.getByLabel('Your question').fill(`Is ${link} the latest draft?`);
	await narrow.getByRole('button', { name: 'Send question' }).click();
	await expect(narrow.getByRole('button', { name: `Upvote: Is ${link} the latest draft?` })).toBeVisible();
	await moderator.getByRole('button', { name: 'Next', exact: true }).click();
	await moderator.keyboard.press('PageDown');
	await showTab(narrow, 'Now');
	await expect(narrow.getByRole('region', { name: 'Comments on Cyberbullying' })).toBeVisible();
	await expectNoSidewaysScroll(narrow, 'a phone at a card, a link asked, at 320 px');

	const large = await (await browser.newContext(PHONE)).newPage();
	await large.goto('/');
	await doubleTheText(large);
	await expectNoSidewaysScroll(large, 'the join page with text at 200 %');
	await large.goto(`/m/${code}`);
	await doubleTheText(large);
	await expectNoSidewaysScroll(large, 'the passcode page with text at 200 %');
	await typePasscode(large);
	await expect(large.getByRole('form', { name: TOPICS_POLL })).toBeVisible();
	await doubleTheText(large);
	await expectNoSidewaysScroll(large, 'a phone with a poll open and text at 200 %');
});

test('with only Tab, Space and Enter a phone votes and asks a question, and sees the focus', async ({
	browser
}) => {
	const { code, moderator } = await freshMeeting(browser);
	await openPoll(moderator, TOPICS_POLL);
	const phone = await phoneAt(browser, code, { viewport: PHONE.viewport });

	const ballot = phone.getByRole('form', { name: TOPICS_POLL });
	const choice = ballot.getByLabel('The digital security divide');
	await tabTo(phone, choice);
	await phone.keyboard.press('Space');
	await expect(choice).toBeChecked();
	await tabTo(phone, ballot.getByRole('button', { name: 'Vote' }));
	await phone.keyboard.press('Enter');
	await expect(ballot.getByText('Your vote is recorded')).toContainText('The digital security divide');
	// The Vote button is gone: the keyboard is on the receipt that replaced it, not on the page.
	await expect(ballot.getByRole('status')).toBeFocused();

	// The tabs are one stop: arrows move between them, Enter shows one.
	const now = phone.getByRole('tab', { name: 'Now' });
	for (let press = 0; press < 10 && !(await now.evaluate((tab) => tab === document.activeElement)); press++)
		await phone.keyboard.press('Shift+Tab');
	await expect(now).toBeFocused();
	await phone.keyboard.press('ArrowRight');
	const questionsTab = phone.getByRole('tab', { name: /^Questions/ });
	await expect(questionsTab).toBeFocused();
	await expect(questionsTab).toHaveAttribute('aria-selected', 'true');
	await expect(phone.getByRole('tabpanel')).toHaveAttribute('id', 'panel-questions');
	const question = phone.getByLabel('Your question');
	await tabTo(phone, question);
	await phone.keyboard.type('Who answers for schools that lack a security team?');
	await tabTo(phone, phone.getByRole('button', { name: 'Send question' }));
	await phone.keyboard.press('Enter');
	// Send is disabled once the box is empty: the keyboard goes back to the box, not to the page.
	await expect(question).toBeFocused();
	await expect(
		phone.getByRole('button', { name: 'Upvote: Who answers for schools that lack a security team?' })
	).toBeVisible();
	await expect(moderator.getByText('Who answers for schools that lack a security team?')).toBeVisible();
});

test('every stop of the phone page and of the staff pages shows its focus ring whole', async ({
	browser
}) => {
	const { code, moderator } = await freshMeeting(browser);
	await openPoll(moderator, TOPICS_POLL);
	await moderator.getByRole('button', { name: 'Next', exact: true }).click();
	await moderator.keyboard.press('PageDown');
	const phone = await phoneAt(browser, code, { viewport: PHONE.viewport });
	await expect(phone.getByRole('region', { name: 'Comments on Cyberbullying' })).toBeVisible();
	expect(await tabThroughAll(phone)).toBeGreaterThan(10);
	await moderator.reload();
	await expect(moderator.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	expect(await tabThroughAll(moderator)).toBeGreaterThan(20);
	for (const staffPage of ['remote', 'record', 'record/print']) {
		await moderator.goto(`/m/${code}/${staffPage}`);
		await expect(moderator.getByRole('heading', { level: 1 }).first()).toBeVisible();
		expect(await tabThroughAll(moderator), staffPage).toBeGreaterThan(1);
	}
});
