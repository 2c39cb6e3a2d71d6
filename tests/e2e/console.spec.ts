import { expect, test, type Locator, type Page } from '@playwright/test';
import { PROJECTOR } from './support/devices';
import { phoneAt, showTab } from './support/phone';
import { HIGHLIGHT_POLL, copyOfGeneva, signedInConsole } from './support/staff';

/**
 * Whether the moderator can see `locator` without scrolling anything: inside the window, and
 * inside every box that scrolls around it (a panel scrolled away hides it as surely as the page).
 */
async function expectInView(locator: Locator, what: string): Promise<void> {
	const outside = await locator.evaluate((element) => {
		const rect = element.getBoundingClientRect();
		if (rect.width === 0 || rect.height === 0) return 'it has no size';
		const boxes: { name: string; top: number; bottom: number; left: number; right: number }[] = [
			{ name: 'the window', top: 0, bottom: window.innerHeight, left: 0, right: window.innerWidth }
		];
		for (let box = element.parentElement; box; box = box.parentElement) {
			const { overflowY, overflowX } = getComputedStyle(box);
			if (/auto|scroll|hidden/.test(overflowY + overflowX)) {
				const r = box.getBoundingClientRect();
				boxes.push({ name: `${box.tagName}.${box.className}`, ...r.toJSON() });
			}
		}
		const out = boxes.find(
			(box) =>
				rect.top < box.top - 1 ||
				rect.bottom > box.bottom + 1 ||
				rect.left < box.left - 1 ||
				rect.right > box.right + 1
		);
		return out ? `it lies outside ${out.name}` : null;
	});
	expect(outside, `${what} is in view`).toBeNull();
}

/** The page itself does not scroll: everything scrolls inside its own panel. */
async function expectOneScreen(page: Page, state: string): Promise<void> {
	const size = await page.evaluate(() => ({
		scrollHeight: document.documentElement.scrollHeight,
		innerHeight: window.innerHeight,
		scrollWidth: document.documentElement.scrollWidth,
		innerWidth: window.innerWidth
	}));
	expect(size.scrollHeight, `the console's height ${state}`).toBeLessThanOrEqual(size.innerHeight);
	expect(size.scrollWidth, `the console's width ${state}`).toBeLessThanOrEqual(size.innerWidth);
}

async function expectControlsInView(moderator: Page, state: string): Promise<void> {
	await expectOneScreen(moderator, state);
	await expectInView(moderator.getByRole('button', { name: 'Next', exact: true }), `Next ${state}`);
	await expectInView(moderator.getByRole('button', { name: 'Previous', exact: true }), `Previous ${state}`);
	const poll = moderator.getByRole('article', { name: HIGHLIGHT_POLL });
	await expectInView(poll.getByRole('button', { name: 'Close' }), `the open poll's Close ${state}`);
	await expectInView(
		moderator.getByRole('button', { name: 'Call next speaker' }),
		`the floor's Call next speaker ${state}`
	);
	const questions = moderator.getByRole('region', { name: 'Questions' });
	await expectInView(questions.getByRole('listitem').first(), `the first question ${state}`);
	await expectInView(moderator.getByTestId('projector-preview'), `the projector's preview ${state}`);
	const agenda = moderator.getByRole('navigation', { name: 'Agenda' });
	const here = agenda.locator('[aria-current="step"]').last();
	await expectInView(here, `the current agenda entry ${state}`);
}

for (const viewport of [
	{ width: 1366, height: 768 },
	{ width: 1440, height: 900 }
]) {
	test(`at ${viewport.width}×${viewport.height} the console shows what to do next without scrolling`, async ({
		browser
	}) => {
		const code = await copyOfGeneva(browser, 'LAY');
		const moderator = await signedInConsole(browser, code);
		await moderator.setViewportSize(viewport);

		// A room at work: questions asked, hands raised, a speaker added by hand.
		const phone = await phoneAt(browser, code);
		await showTab(phone, 'Questions');
		await phone.getByLabel('Your question').fill('How can IXPs share threat data safely?');
		await phone.getByRole('button', { name: 'Send question' }).click();
		await showTab(phone, 'Floor');
		await phone.getByRole('button', { name: 'Ask for the floor' }).click();
		const floor = moderator.getByRole('region', { name: 'The floor' });
		await floor.locator('summary', { hasText: 'Add a speaker' }).click();
		await floor.getByRole('textbox', { name: 'Name' }).fill('Maria from the floor');
		await floor.getByRole('button', { name: 'Add to the queue' }).click();
		await expect(floor.getByRole('list', { name: 'Speaker queue' }).getByRole('listitem')).toHaveCount(2);
		await floor.locator('summary', { hasText: 'Add a speaker' }).click();

		// The walkthrough with its poll open, stepped card by card with the clicker to card 11.
		await moderator.getByRole('button', { name: /^5 Policy options/ }).click();
		const poll = moderator.getByRole('article', { name: HIGHLIGHT_POLL });
		await poll.getByRole('button', { name: 'Open' }).click();
		await expect(poll.getByText('open', { exact: true })).toBeVisible();
		await moderator.locator('body').click({ position: { x: 5, y: 300 } });
		for (let card = 1; card <= 11; card++) {
			await moderator.keyboard.press('PageDown');
			await expect(moderator.getByTestId('current-step')).toContainText(`${card} of 11`);
		}
		await expectControlsInView(moderator, 'at card 11');

		// The focus step after the cards.
		await moderator.keyboard.press('PageDown');
		await expect(moderator.getByTestId('current-step')).toContainText('Two highlighted policy areas');
		await expectControlsInView(moderator, 'at the focus step');
	});
}

test('what the console says is on the projector is what is, whichever came last', async ({ browser }) => {
	const code = await copyOfGeneva(browser, 'SCR');
	const moderator = await signedInConsole(browser, code);
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(`/m/${code}/projector`);
	const phone = await phoneAt(browser, code);

	// A comment on the first card of the walkthrough goes on the projector.
	await moderator.getByRole('button', { name: /^5 Policy options/ }).click();
	await moderator.getByRole('button', { name: 'Next', exact: true }).click();
	// A copy of the seeded meeting is a rehearsal: its 2017 deadline is shown, not enforced, and removable.
	const deadline = moderator.locator('.comments .deadline');
	await expect(deadline).toContainText("A rehearsal: comments stay open, though the session's close");
	await moderator.getByRole('button', { name: 'Remove the deadline' }).click();
	await expect(deadline).toHaveText('A rehearsal: comments stay open.');
	const region = phone.getByRole('region', { name: 'Comments on Denial of service and service reliability' });
	await region.getByLabel('Comment', { exact: true }).fill('Booter services should be a priority.');
	await region.getByRole('button', { name: 'Send comment' }).click();
	await expect(region.getByText('Comment received.')).toBeVisible();
	const comment = moderator
		.getByRole('article', { name: 'Denial of service and service reliability' })
		.getByRole('listitem')
		.filter({ hasText: 'Booter services' });
	await comment.getByRole('button', { name: 'On the projector' }).click();
	await expect(projector.locator('.canvas h1')).toHaveText('“Booter services should be a priority.”');

	// Opening the poll puts it on the projector over the comment: the room and the console agree.
	const poll = moderator.getByRole('article', { name: HIGHLIGHT_POLL });
	await poll.getByRole('button', { name: 'Open' }).click();
	await expect(projector.locator('.canvas')).toContainText('Which two policy areas');
	await expect(projector.locator('.canvas')).not.toContainText('Booter services should be a priority.');
	await expect(poll.getByText('on the projector', { exact: true })).toBeVisible();
	await expect(comment.getByRole('button', { name: 'On the projector' })).toBeVisible();
	// The console's preview shows the same.
	await expect(moderator.getByTestId('projector-preview')).toContainText('Which two policy areas');

	// The comment back on top: now the poll is not what the room sees, and the console says so.
	await comment.getByRole('button', { name: 'On the projector' }).click();
	await expect(projector.locator('.canvas h1')).toHaveText('“Booter services should be a priority.”');
	await expect(poll.getByText('on the projector', { exact: true })).toHaveCount(0);
	await expect(poll.getByRole('button', { name: 'Put on the projector' })).toBeVisible();
	await poll.getByRole('button', { name: 'Put on the projector' }).click();
	await expect(projector.locator('.canvas')).toContainText('Which two policy areas');
	await expect(poll.getByText('on the projector', { exact: true })).toBeVisible();
});

test('a question marked answered comes off the projector', async ({ browser }) => {
	const code = await copyOfGeneva(browser, 'ANS');
	const moderator = await signedInConsole(browser, code);
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(`/m/${code}/projector`);
	const phone = await phoneAt(browser, code);
	await showTab(phone, 'Questions');
	await phone.getByLabel('Your question').fill('Who audits the use of collected data?');
	await phone.getByRole('button', { name: 'Send question' }).click();

	const questions = moderator.getByRole('region', { name: 'Questions' });
	await expect(questions).toContainText('Marking a question answered takes it off the projector.');
	const question = questions
		.getByRole('listitem')
		.filter({ hasText: 'Who audits the use of collected data?' });
	await question.getByRole('button', { name: 'On the projector' }).click();
	await expect(projector.locator('.canvas h1')).toHaveText('“Who audits the use of collected data?”');
	await question.getByRole('button', { name: 'Mark answered' }).click();
	await expect(projector.locator('.canvas h1')).not.toHaveText('“Who audits the use of collected data?”');
	await expect(projector.locator('.canvas')).not.toContainText('Who audits the use of collected data?');
	await expect(question.getByRole('button', { name: 'On the projector' })).toBeVisible();
	await expect(moderator.getByTestId('projector-preview')).not.toContainText('Who audits the use');
});

test('the moderator gives a panelist the floor, and the console marks who is speaking', async ({
	browser
}) => {
	const code = await copyOfGeneva(browser, 'PNL');
	const moderator = await signedInConsole(browser, code);
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(`/m/${code}/projector`);

	await moderator.getByRole('button', { name: /^2 Introduction of panelists/ }).click();
	const panelists = moderator.getByRole('region', { name: 'Panelists' });
	const government = panelists.getByTestId('panelist').filter({ hasText: 'Government panelist' });
	const civil = panelists.getByTestId('panelist').filter({ hasText: 'Civil society panelist' });
	await expect(panelists.getByText('speaking', { exact: true })).toHaveCount(0);

	await government.getByRole('button', { name: 'Give the floor to Government panelist' }).click();
	await expect(government.getByText('speaking', { exact: true })).toBeVisible();
	await expect(moderator.getByTestId('speaking-now')).toContainText('Government panelist');
	await expect(projector.getByTestId('floor-strip')).toContainText('Government panelist');

	// The next panelist takes over: one speaker at a time.
	await civil.getByRole('button', { name: 'Give the floor to Civil society panelist' }).click();
	await expect(civil.getByText('speaking', { exact: true })).toBeVisible();
	await expect(government.getByText('speaking', { exact: true })).toHaveCount(0);
	await expect(
		government.getByRole('button', { name: 'Give the floor to Government panelist' })
	).toBeVisible();

	// Ending the turn leaves no one marked; the record keeps both turns.
	await moderator.getByRole('button', { name: 'End this turn' }).click();
	await expect(panelists.getByText('speaking', { exact: true })).toHaveCount(0);
});

test('a topic typed while an earlier declaration is still on its way is kept', async ({ browser }) => {
	const code = await copyOfGeneva(browser, 'TOP');
	const moderator = await signedInConsole(browser, code);
	// A slow connection, held by hand: the acknowledgement of a declaration waits until released.
	let hold = true;
	const held: (() => void)[] = [];
	await moderator.routeWebSocket(/\/socket\.io\//, (page) => {
		const server = page.connectToServer();
		page.onMessage((message) => server.send(message));
		server.onMessage((message) => {
			if (hold && typeof message === 'string' && message.includes('"topicId"'))
				held.push(() => page.send(message));
			else page.send(message);
		});
	});
	await moderator.reload();
	await expect(moderator.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

	await moderator.getByRole('button', { name: /^7 Agreement/ }).click();
	const free = moderator.getByLabel('Declare a topic in your own words');
	await free.fill('Capacity building for CERTs');
	await moderator.getByRole('button', { name: 'Declare agreed' }).last().click();
	// The topic is committed (every screen hears of it) before the slow acknowledgement arrives.
	const topics = moderator.getByRole('region', { name: 'Agreed topics' });
	await expect(topics.getByLabel('Wording of the agreed topic')).toHaveValue('Capacity building for CERTs');
	await expect.poll(() => held.length).toBe(1);
	await free.fill('Security of the Internet of things');
	hold = false;
	for (const release of held.splice(0)) release();
	// The acknowledgement clears nothing typed since.
	await expect(free).toHaveValue('Security of the Internet of things');
	await moderator.getByRole('button', { name: 'Declare agreed' }).last().click();
	await expect(topics.getByLabel('Wording of the agreed topic')).toHaveCount(2);
	await expect(free).toHaveValue('');
});
