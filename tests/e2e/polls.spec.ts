import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { PHONE, PROJECTOR } from './support/devices';
import { openProfile, showTab } from './support/phone';
import { HIGHLIGHT_POLL, copyOfGeneva, moderatorOpensHighlightPoll } from './support/staff';

test('phones vote and the projector chart follows', async ({ browser }) => {
	const code = await copyOfGeneva(browser);
	const { moderator } = await moderatorOpensHighlightPoll(browser, code);
	const poll = moderator.getByRole('article', { name: HIGHLIGHT_POLL });
	await poll.getByRole('button', { name: 'Show results' }).click();

	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(`/m/${code}/projector`);
	await expect(projector.locator('.canvas h1')).toHaveText(HIGHLIGHT_POLL);

	const phones = await Promise.all([0, 1, 2].map(async () => (await browser.newContext(PHONE)).newPage()));
	for (const [index, phone] of phones.entries()) {
		await phone.goto(`/m/${code}`);
		if (index === 0) {
			await openProfile(phone);
			await phone.getByLabel('Stakeholder group').selectOption('academia');
			await phone.getByRole('button', { name: 'Save' }).click();
			await expect(phone.getByText('Profile saved.')).toBeVisible();
			await showTab(phone, 'Now');
		}
		const ballot = phone.getByRole('form', { name: HIGHLIGHT_POLL });
		if (index === 0) await expectAccessible(phone, 'a phone with a poll open');
		await ballot.getByLabel('Industrial control systems').check();
		if (index < 2) await ballot.getByLabel('Security of mobile devices').check();
		await ballot.getByRole('button', { name: 'Vote' }).click();
		await expect(ballot.getByText('Your vote is recorded')).toBeVisible();
		if (index === 0) await expectAccessible(phone, 'a phone with its vote recorded');
	}
	await expect(poll.getByTestId('ballot-count')).toContainText('3 ballots');
	// What the projector shows of its results list (an invisible copy beside it is only measured).
	const bars = projector.getByTestId('fit-list').locator('.shown:not(.measure) > li');
	await expect(bars.first()).toContainText('Industrial control systems');
	await expect(bars.first()).toContainText('3 votes');
	await expect(bars.nth(1)).toContainText('Security of mobile devices');
	await expect(bars.nth(1)).toContainText('2 votes');
	await expectAccessible(projector, 'the projector with live results');
	await expectAccessible(moderator, 'the console with a poll open');

	// A phone changes its vote; the chart moves one count.
	const ballot = phones[2].getByRole('form', { name: HIGHLIGHT_POLL });
	await ballot.getByRole('button', { name: 'Change my vote' }).click();
	await ballot.getByLabel('Security of mobile devices').check();
	await ballot.getByRole('button', { name: 'Save my new vote' }).click();
	await expect(ballot.getByText('Your vote is recorded')).toContainText('Security of mobile devices');
	await expect(bars.nth(1)).toContainText('3 votes');

	// While the poll is open the room sees the overall bars only: no live figure ties a ballot to a group.
	await poll.getByRole('button', { name: 'Breakdown view' }).click();
	await expect(projector.locator('.canvas')).toContainText(
		'The breakdown by stakeholder group is shown once the poll closes.'
	);
	await expect(projector.locator('.canvas')).not.toContainText('By stakeholder group');
	await expect(bars.first()).toContainText('3 votes');

	await poll.getByRole('button', { name: 'Close' }).click();
	await expect(projector.locator('.canvas')).toContainText('By stakeholder group');
	await expect(
		projector.getByTestId('fit-list').locator('.shown:not(.measure) > li', { hasText: 'Academia' })
	).toContainText('too few to show');
	await expect(projector.locator('.canvas')).not.toContainText('In the room and remote');
	await expectAccessible(projector, 'the projector with the breakdown');
	const closed = phones[0].getByRole('form', { name: HIGHLIGHT_POLL });
	await expect(closed.getByText('This poll is closed.')).toBeVisible();
	await expect(closed.getByText('Your vote is recorded')).toBeVisible();
	await expect(closed.getByRole('button', { name: 'Change my vote' })).toHaveCount(0);
	await expect(phones[0].getByRole('heading', { name: 'Results', exact: true })).toBeVisible();
	await expectAccessible(phones[0], 'a phone with a closed poll and its results');

	// Off the projector, the closed poll folds away on the phone, its receipt and results inside.
	await poll.getByRole('button', { name: 'Back to the agenda' }).click();
	const folded = phones[0].getByText('1 closed poll', { exact: true });
	await expect(folded).toBeVisible();
	await expect(closed).toBeHidden();
	await folded.click();
	await expect(closed.getByText('Your vote is recorded')).toBeVisible();
	await expect(phones[0].getByRole('heading', { name: 'Results', exact: true })).toBeVisible();
});
