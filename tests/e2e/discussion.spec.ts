import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { PROJECTOR } from './support/devices';
import { phoneAt, showTab } from './support/phone';
import { copyOfGeneva, signedInConsole } from './support/staff';

test('a question and a card comment go from a phone to the projector', async ({ browser }) => {
	// Not a rehearsal, so the meeting's deadline holds.
	const code = await copyOfGeneva(browser, 'GVA', { rehearsal: false });
	const moderator = await signedInConsole(browser, code);
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(`/m/${code}/projector`);
	const phone = await phoneAt(browser, code, { viewport: { width: 390, height: 844 }, isMobile: true });

	// Before asking, the phone says what others will see, named or anonymous.
	await showTab(phone, 'Questions');
	const anonymously = phone.getByRole('checkbox', { name: 'Ask anonymously' });
	await expect(anonymously).toHaveAccessibleDescription(/Others will see your name, your stakeholder group/);
	await anonymously.check();
	await expect(anonymously).toHaveAccessibleDescription(/Others will see no name, no stakeholder group/);
	await anonymously.uncheck();

	// A question, upvoted, then on the projector.
	await phone.getByLabel('Your question').fill('How can IXPs share threat data safely?');
	await phone.getByRole('button', { name: 'Send question' }).click();
	const upvote = phone.getByRole('button', { name: /Upvote: How can IXPs/ });
	await upvote.click();
	await expect(phone.getByRole('button', { name: /Withdraw upvote: How can IXPs/ })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	const question = moderator
		.getByRole('listitem')
		.filter({ hasText: 'How can IXPs share threat data safely?' });
	await expect(question).toContainText('▲ 1');
	await expectAccessible(phone, 'a phone that asked and upvoted a question');
	await expectAccessible(moderator, 'the console with a question');
	await question.getByRole('button', { name: 'On the projector' }).click();
	await expect(projector.locator('.canvas h1')).toHaveText('“How can IXPs share threat data safely?”');
	await expectAccessible(projector, 'the projector with a question');
	await question.getByRole('button', { name: 'Off the projector' }).click();

	// The Geneva deadline (21 December 2017, noon UTC) has passed: comments are closed until lifted.
	await showTab(phone, 'Now');
	await moderator.getByRole('button', { name: /^5 Policy options/ }).click();
	await moderator.keyboard.press('PageDown');
	await expect(
		phone
			.getByRole('region', { name: 'Comments on Denial of service and service reliability' })
			.getByText(/Comments closed/)
	).toBeVisible();
	await moderator.getByRole('button', { name: 'Remove the deadline' }).click();
	const current = phone.getByRole('region', {
		name: 'Comments on Denial of service and service reliability'
	});
	await current.getByLabel('Comment', { exact: true }).fill('Booter services should be a priority.');
	await current.getByRole('button', { name: 'Send comment' }).click();
	await expect(current.getByText('Comment received.')).toBeVisible();
	await expectAccessible(phone, 'a phone that commented on a card');
	await phone.getByRole('button', { name: '☆ Mark as a priority' }).click();
	await expect(phone.getByRole('button', { name: '★ Marked as a priority' })).toBeVisible();

	// Any card of the walkthrough takes comments, not only the one on screen.
	await phone.getByText('Comment on another card of this item').click();
	// The chooser opens on the card whose form is below it, never blank.
	const chooser = phone.getByRole('combobox', { name: /^Card/ });
	const chosen = await chooser.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.text);
	expect(chosen).toBeTruthy();
	await expect(phone.getByRole('region', { name: `Comments on ${chosen}` })).toBeVisible();
	await phone.getByRole('combobox', { name: /^Card/ }).selectOption({ label: 'Industrial control systems' });
	const other = phone.getByRole('region', { name: 'Comments on Industrial control systems' });
	await other.getByLabel('Comment', { exact: true }).fill('Patch cycles for ICS are measured in years.');
	await other.getByRole('button', { name: 'Send comment' }).click();
	await expect(other.getByText('Comment received.')).toBeVisible();
	await expectAccessible(phone, 'a phone commenting on another card');

	const card = moderator.getByRole('article', { name: 'Denial of service and service reliability' });
	await expect(card).toContainText('★ 1 priority mark · 1 comment');
	const comment = card.getByRole('listitem').filter({ hasText: 'Booter services' });
	await comment.getByRole('button', { name: 'Key issue' }).click();
	await expect(comment.getByRole('button', { name: '✓ Key issue' })).toHaveAttribute('aria-pressed', 'true');
	await comment.getByRole('button', { name: 'On the projector' }).click();
	await expect(projector.locator('.canvas h1')).toHaveText('“Booter services should be a priority.”');
	await expect(projector.locator('.canvas')).toContainText(
		'Comment on “Denial of service and service reliability”'
	);
	await expectAccessible(projector, 'the projector with a comment');
	await expectAccessible(moderator, 'the console with comments on a card');
});
