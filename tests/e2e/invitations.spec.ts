import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { PHONE } from './support/devices';
import { copyOfGeneva, signedIn } from './support/staff';

async function shoot(page: Page, name: string): Promise<void> {
	const file = test.info().outputPath(`${name}.png`);
	await page.screenshot({ path: file, fullPage: true });
	if (process.env.SCREENSHOT_DIR) {
		fs.mkdirSync(process.env.SCREENSHOT_DIR, { recursive: true });
		fs.copyFileSync(file, `${process.env.SCREENSHOT_DIR}/${name}.png`);
	}
}

test('an organiser invites a list; a phone joins with its personal link, once, with its name filled in', async ({
	browser
}) => {
	const code = await copyOfGeneva(browser, 'INV', { participation: 'invitation' });
	const admin = await signedIn(browser, `/admin/meetings/${code}`);
	const list = admin.getByLabel('Invitation list (CSV)');

	await list.setInputFiles({
		name: 'list.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('name,email,group\nAda Okafor,ada@example.org,Civil society\nLin Wei,,Wizards\n')
	});
	await admin.getByRole('button', { name: 'Upload the list' }).click();
	await expect(admin.getByRole('alert')).toContainText('Line 3: the email or reference is missing');
	await expectAccessible(admin, 'a refused invitation list');

	await list.setInputFiles({
		name: 'list.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'name,email,group\nAda Okafor,ada@example.org,Civil society\nLin Wei,lin@example.org,\n'
		)
	});
	await admin.getByRole('button', { name: 'Upload the list' }).click();
	await expect(admin.getByRole('status').filter({ hasText: 'Added 2 invitations.' })).toBeVisible();
	await expect(admin.getByRole('row', { name: /Ada Okafor/ })).toContainText('Not used yet');
	await shoot(admin, 'admin-invitations');

	await admin.getByRole('link', { name: 'Printable sheet with QR codes' }).click();
	await expect(admin.getByRole('img', { name: 'QR code of the invitation of Ada Okafor' })).toBeVisible();
	await expectAccessible(admin, 'the printable invitation sheet');
	await shoot(admin, 'admin-invitation-sheet');
	const link = (await admin
		.getByRole('listitem')
		.filter({ hasText: 'Ada Okafor' })
		.locator('.link')
		.textContent())!;

	const phone = await (await browser.newContext(PHONE)).newPage();
	await phone.goto(new URL(link).pathname);
	await expect(phone.getByText('Invitation for Ada Okafor')).toBeVisible();
	await expectAccessible(phone, 'an invitation');
	await shoot(phone, 'phone-invitation-en-390');
	await phone.getByRole('button', { name: 'Join' }).click();
	await expect(phone).toHaveURL(new RegExp(`/m/${code}$`));
	await expect(phone.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

	const another = await (await browser.newContext(PHONE)).newPage();
	await another.goto(new URL(link).pathname);
	await expect(another.getByRole('status')).toHaveText(/already in use on another device/);
	await shoot(another, 'phone-invitation-used-en-390');

	await admin.goto(`/admin/meetings/${code}`);
	await expect(admin.getByRole('row', { name: /Ada Okafor/ })).toContainText('Joined');
});
