import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { E2E_ADMIN } from '../../playwright.config';
import { expectAccessible } from './support/axe';

async function signedIn(browser: Browser, path: string): Promise<Page> {
	const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
	await page.goto(`/login?redirectTo=${path}`);
	await page.getByLabel('Username').fill(E2E_ADMIN.username);
	await page.getByLabel('Password').fill(E2E_ADMIN.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	return page;
}

test('the rapporteur keeps notes that never overwrite each other, and downloads the report', async ({
	browser
}) => {
	const moderator = await signedIn(browser, '/m/BPF2017/moderate');
	const clock = moderator.getByTestId('session-clock');
	if (await clock.getByRole('button', { name: 'Start the session' }).isVisible()) {
		await clock.getByRole('button', { name: 'Start the session' }).click();
	}
	await expect(clock).toContainText('the record is running');

	const first = await signedIn(browser, '/m/BPF2017/record');
	const second = await signedIn(browser, '/m/BPF2017/record');
	const note = (page: Page) => page.getByRole('textbox', { name: 'Notes' }).first();
	const state = (page: Page) => page.getByTestId('save-state').first();

	// Both start from the same empty note; the first saves (leaving the field saves at once) while
	// the second is still typing, so the second's save comes on top of a revision it never saw.
	await note(second).fill('Opening remarks on the next billion users.');
	await note(first).fill('Chair opened with the SDG question.');
	await note(first).press('Tab');
	await expect(state(first)).toContainText('Saved');
	const conflict = second.getByRole('alert').filter({ hasText: 'saved this version' });
	await expect(conflict).toBeVisible();
	await expect(second.getByTestId('their-version')).toHaveText('Chair opened with the SDG question.');
	await expect(note(second)).toHaveValue('Opening remarks on the next billion users.');
	await expectAccessible(second, 'the record page with a conflicting save');

	// The second writer combines both and keeps theirs; the first page follows without a reload.
	await note(second).fill('Chair opened with the SDG question. Opening remarks on the next billion users.');
	await conflict.getByRole('button', { name: 'Keep mine' }).click();
	await expect(state(second)).toContainText('Saved');
	await expect(note(first)).toHaveValue(
		'Chair opened with the SDG question. Opening remarks on the next billion users.'
	);

	// The report's fields start filled in from the session.
	await expect(first.getByRole('textbox', { name: 'Session title' })).toHaveValue(
		'Best Practice Forum on Cybersecurity'
	);
	await expectAccessible(first, 'the record page');

	const download = first.waitForEvent('download');
	await first.getByRole('link', { name: 'Word (DOCX)' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe('BPF2017-record.docx');
	const zip = await JSZip.loadAsync(await readFile(await file.path()));
	const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
	expect(xml).toContain('Chair opened with the SDG question. Opening remarks on the next billion users.');

	// At the agreement item the moderator declares a topic; the projector and the record show it.
	const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
	await projector.goto('/m/BPF2017/projector');
	await moderator.getByRole('button', { name: /^7 Agreement/ }).click();
	await moderator.getByLabel('Declare a topic in your own words').fill('Capacity building for CERTs');
	await moderator.getByRole('button', { name: 'Declare agreed' }).last().click();
	await expect(projector.getByTestId('agreed-topics')).toContainText('Capacity building for CERTs');
	await expectAccessible(projector, 'the projector with an agreed topic');
	await expectAccessible(moderator, 'the console at the agreement item');
	const wording = first.getByRole('textbox', { name: 'Wording of the agreed topic' }).last();
	await expect(wording).toHaveValue('Capacity building for CERTs');
	await wording.fill('Capacity building for national CERTs');
	await first.getByRole('button', { name: 'Save wording' }).last().click();
	await expect(projector.getByTestId('agreed-topics')).toContainText('Capacity building for national CERTs');

	await first.getByRole('link', { name: 'Print or PDF' }).click();
	await expect(first.getByRole('heading', { level: 1 })).toHaveText('Best Practice Forum on Cybersecurity');
	await expect(first.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
	await expectAccessible(first, 'the print page');
});
