import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { expectAccessible } from './support/axe';
import { PHONE, PROJECTOR } from './support/devices';
import { phoneAt } from './support/phone';
import { copyOfGeneva, signedInConsole, signedInLive } from './support/staff';

test('the rapporteur keeps notes that never overwrite each other, and downloads the report', async ({
	browser
}) => {
	const code = await copyOfGeneva(browser);
	const moderator = await signedInConsole(browser, code);
	const clock = moderator.getByTestId('session-clock');
	await clock.getByRole('button', { name: 'Start the session' }).click();
	await expect(clock).toContainText('the record is running');

	const first = await signedInLive(browser, `/m/${code}/record`);
	const second = await signedInLive(browser, `/m/${code}/record`);
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
	expect(file.suggestedFilename()).toBe(`${code}-record.docx`);
	const zip = await JSZip.loadAsync(await readFile(await file.path()));
	const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
	expect(xml).toContain('Chair opened with the SDG question. Opening remarks on the next billion users.');

	// At the agreement item the moderator declares a topic; the projector and the record show it.
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(`/m/${code}/projector`);
	await moderator.getByRole('button', { name: /^7 Agreement/ }).click();
	await moderator.getByLabel('Declare a topic in your own words').fill('Capacity building for CERTs');
	await moderator.getByRole('button', { name: 'Declare agreed' }).last().click();
	await expect(projector.getByRole('list', { name: 'Agreed', exact: true })).toContainText(
		'Capacity building for CERTs'
	);
	await expectAccessible(projector, 'the projector with an agreed topic');
	await expectAccessible(moderator, 'the console at the agreement item');
	const wording = first.getByRole('textbox', { name: 'Wording of the agreed topic' }).last();
	await expect(wording).toHaveValue('Capacity building for CERTs');
	await wording.fill('Capacity building for national CERTs');
	await first.getByRole('button', { name: 'Save wording' }).last().click();
	await expect(projector.getByRole('list', { name: 'Agreed', exact: true })).toContainText(
		'Capacity building for national CERTs'
	);

	await first.getByRole('link', { name: 'Print or PDF' }).click();
	await expect(first.getByRole('heading', { level: 1 }).first()).toHaveText(
		'Best Practice Forum on Cybersecurity'
	);
	await expect(first.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
	await expectAccessible(first, 'the print page');
	const report = first.locator('article');
	await expect(report).toHaveAttribute('lang', 'en');
	await expect(report).toHaveAttribute('dir', 'ltr');

	// On paper the page box is 170 mm wide (A4 less 2 cm margins, 642.5 px), laid out 643 px wide:
	// every table, its right border included, lies within the box, not on its last cut-off pixel.
	await first.emulateMedia({ media: 'print' });
	await first.setViewportSize({ width: 643, height: 900 });
	const pageBox = (170 / 25.4) * 96;
	const edges = await report
		.locator('table')
		.evaluateAll((tables) => tables.map((table) => table.getBoundingClientRect().right));
	expect(edges.length).toBeGreaterThan(3);
	expect(edges.filter((right) => right > pageBox)).toEqual([]);
});

test('ending the session seals it: a new phone is turned away until the moderator reopens it, on purpose', async ({
	browser
}) => {
	const code = await copyOfGeneva(browser, 'SEAL');
	const moderator = await signedInConsole(browser, code);
	const clock = moderator.getByTestId('session-clock');
	await clock.getByRole('button', { name: 'Start the session' }).click();
	await expect(clock).toContainText('the record is running');
	const record = await signedInLive(browser, `/m/${code}/record`);
	const now = record.locator('[aria-current="step"]');
	await expect(now).toContainText('Now ·');
	await expect(record.getByTestId('session-state')).toHaveText(/^Session running since \d\d:\d\d UTC$/);
	await clock.getByRole('button', { name: 'End the session' }).click();
	await expect(clock).toContainText('the record is sealed');

	// After the end no item is "Now": the record page says the session ended, and when.
	await expect(record.getByTestId('session-state')).toHaveText(
		/^The session ended at \d\d:\d\d UTC; it started at \d\d:\d\d UTC\.$/
	);
	await expect(now).toHaveCount(0);
	await expect(record.getByText('Now ·')).toHaveCount(0);

	const late = await (await browser.newContext(PHONE)).newPage();
	await late.goto(`/m/${code}`);
	await expect(late).toHaveURL(new RegExp(`/m/${code}/join$`));
	await expect(late.getByRole('status')).toHaveText(
		'This session has ended. Its organisers keep its record; no one can join it any more.'
	);

	// Reopening asks first: dismissed, nothing changes; accepted, the session runs again.
	moderator.once('dialog', (dialog) => void dialog.dismiss());
	await clock.getByRole('button', { name: 'Reopen the session' }).click();
	await expect(clock).toContainText('the record is sealed');
	moderator.once('dialog', (dialog) => {
		expect(dialog.message()).toMatch(/^Reopen the session\?/);
		void dialog.accept();
	});
	await clock.getByRole('button', { name: 'Reopen the session' }).click();
	await expect(clock).toContainText('the record is running');
	await expectAccessible(moderator, 'the console after reopening the session');
	expect((await phoneAt(browser, code)).url()).toMatch(new RegExp(`/m/${code}$`));
});

test('the rapporteur words a tagged card as one sentence in place, and accepts a prefilled field', async ({
	browser
}) => {
	const code = await copyOfGeneva(browser);
	const page = await signedInLive(browser, `/m/${code}/record`);
	// The policy options' cards, folded while another item is on screen.
	await page.locator('summary', { hasText: /cards/ }).first().click();
	await page.getByRole('button', { name: 'Key issue' }).first().click();
	const sentence = page.getByRole('textbox', { name: /^Key issue · from a card: “Denial of service/ });
	await expect(sentence).toHaveValue(/^Denial of service and service reliability: \S.*\.$/);
	await sentence.fill('Attacks on availability hit small providers hardest.');
	await sentence.press('Tab');
	await expect(page.getByTestId('tagged-sentence').getByTestId('save-state')).toContainText('Saved');
	await expect(page.getByRole('textbox', { name: 'Key issues raised (one sentence each)' })).toHaveValue(
		'- Attacks on availability hit small providers hardest.'
	);

	const organiser = page.locator('[data-field="organiser"]');
	await expect(organiser.getByTestId('field-status')).toHaveText('Prefilled, not yet checked');
	await organiser.getByRole('button', { name: 'Accept', exact: true }).click();
	await expect(organiser.getByTestId('field-status')).toHaveText(/^Accepted by /);
	const participants = page.locator('[data-field="participants"]');
	await expect(participants.getByTestId('field-status')).toHaveText('To be written by you');
	await expect(participants.getByTestId('field-evidence')).toContainText('These count phones, not people.');
	await expectAccessible(page, 'the record page with a tagged sentence and an accepted field');

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Word (DOCX)' }).click();
	const zip = await JSZip.loadAsync(await readFile(await (await download).path()));
	const text = ((await zip.file('word/document.xml')?.async('string')) ?? '').replace(/<[^>]+>/g, '');
	expect(text).toContain('Attacks on availability hit small providers hardest.');
});
