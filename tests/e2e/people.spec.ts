import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { DESK } from './support/devices';
import { copyOfGeneva, freshCode, signedIn } from './support/staff';

const PASSWORD = 'an-unusual-chair-phrase-7';

test('staff are named as they choose, set with the keyboard alone; a refused name is said and changes nothing', async ({
	browser
}) => {
	const code = await copyOfGeneva(browser, 'PPL');
	const username = freshCode('chair').toLowerCase();
	const admin = await signedIn(browser, '/admin/people');
	await admin.locator('input[name=username]').fill(username);
	await admin.locator('input[name=password]').fill(PASSWORD);
	await admin.getByRole('button', { name: 'Create account' }).click();
	await expect(admin.getByRole('status')).toContainText(`Created ${username}`);

	// The admin names the new account on People: the editor opens and saves from the keyboard.
	const row = admin.getByRole('row').filter({ hasText: username });
	await row.getByText('Edit name and affiliation').focus();
	await admin.keyboard.press('Enter');
	await row.getByLabel('Display name').focus();
	await admin.keyboard.type('Amina Diallo');
	await admin.keyboard.press('Tab');
	await admin.keyboard.type('ITU');
	await admin.keyboard.press('Enter');
	await expect(row.getByRole('status')).toHaveText('Saved.');
	await expect(row.locator('strong')).toHaveText('Amina Diallo');
	await expect(row).toContainText(`signs in as ${username}`);
	await expectAccessible(admin, 'People after naming an account');

	// An entry longer than the form allows (a page without the limit, a script) is refused, named.
	await row.getByText('Edit name and affiliation').click();
	await row.getByLabel('Affiliation').evaluate((input) => input.removeAttribute('maxlength'));
	await row.getByLabel('Affiliation').fill('I'.repeat(130));
	await row.getByRole('button', { name: 'Save' }).click();
	await expect(row.getByRole('alert')).toHaveText('An affiliation is at most 120 characters long.');
	await expect(row.getByLabel('Affiliation')).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(admin, 'People after a refused name');
	await admin.reload();
	await expect(admin.getByRole('row').filter({ hasText: username })).toContainText('ITU');

	// The moderator role on a meeting, then the person's own console greets them by name.
	await admin.goto(`/admin/meetings/${code}`);
	await admin
		.getByRole('combobox', { name: 'Person', exact: true })
		.selectOption({ label: `Amina Diallo (${username})` });
	await admin.getByRole('combobox', { name: 'Role', exact: true }).selectOption({ label: 'Moderator' });
	await admin.getByRole('button', { name: /^Give/ }).click();
	await expect(admin.getByRole('region', { name: 'People' })).toContainText('Amina Diallo');

	const chair = await (await browser.newContext(DESK)).newPage();
	await chair.goto('/login?redirectTo=/account');
	await chair.getByLabel('Username').fill(username);
	await chair.getByLabel('Password').fill(PASSWORD);
	await chair.getByRole('button', { name: 'Sign in' }).click();
	await expect(chair).toHaveURL(/\/account$/);
	await expect(chair.getByLabel('Display name')).toHaveValue('Amina Diallo');
	await chair.getByLabel('Display name').fill('Amina D. Diallo');
	await chair.getByLabel('Display name').press('Enter');
	await expect(chair.getByRole('status')).toContainText('Saved.');
	await expectAccessible(chair, '/account after a save');
	await chair.goto(`/m/${code}/moderate`);
	await expect(chair.locator('header .user')).toHaveText('Amina D. Diallo');
});
