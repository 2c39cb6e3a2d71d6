import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { PHONE, PROJECTOR } from './support/devices';
import { freshCode, openLive, signedIn } from './support/staff';

async function signedInAdmin(browser: Browser): Promise<Page> {
	const page = await signedIn(browser, '/admin');
	await expect(page.getByRole('heading', { name: 'Meetings', level: 1 })).toBeVisible();
	return page;
}

/** Creates a meeting from the admin page and lands on its settings page. */
async function createMeeting(admin: Page, title: string, code: string): Promise<void> {
	await admin.goto('/admin');
	const form = admin.getByRole('region', { name: 'New meeting' });
	await form.getByLabel('Title').fill(title);
	await form.getByLabel('Join code').fill(code);
	await form.getByRole('button', { name: 'Create meeting' }).click();
	await expect(admin).toHaveURL(new RegExp(`/admin/meetings/${code}$`));
	await expect(admin.getByRole('heading', { name: title, level: 1 })).toBeVisible();
}

async function saveSettings(admin: Page): Promise<void> {
	await admin.getByRole('button', { name: 'Save settings' }).click();
	await expect(admin.getByRole('status').filter({ hasText: 'Saved.' })).toHaveText(
		'Saved. Open screens and phones show the change.'
	);
}

async function openAgendaEditor(admin: Page, code: string): Promise<void> {
	await admin.goto(`/admin/meetings/${code}`);
	await admin.getByRole('link', { name: 'Edit the agenda and polls' }).click();
	await expect(admin).toHaveURL(new RegExp(`/admin/meetings/${code}/agenda$`));
	await expect(admin.getByRole('heading', { name: 'Agenda and polls' })).toBeVisible();
}

/** Adds an item of a kind at the end of the agenda; the editor selects it. */
async function addItem(admin: Page, kind: string, title: string): Promise<void> {
	await admin.getByLabel("New item's kind").selectOption({ label: kind });
	await admin.getByRole('button', { name: 'Add an item' }).click();
	await admin.getByRole('region', { name: 'Selected item' }).getByLabel('Title', { exact: true }).fill(title);
}

async function addCard(admin: Page, number: number, title: string): Promise<void> {
	const editor = admin.getByRole('region', { name: 'Selected item' });
	await editor.getByRole('button', { name: 'Add a card' }).click();
	await editor.getByLabel(`Card ${number} title`).fill(title);
}

async function saveAgenda(admin: Page): Promise<void> {
	await admin.getByRole('button', { name: 'Save the agenda' }).click();
	await expect(admin.getByRole('status').filter({ hasText: 'Saved.' })).toHaveText(
		'Saved. The projector and phones show the new agenda.'
	);
}

/** The console of a meeting, opened in the admin's own browser context (already signed in). */
const consoleOf = (admin: Page, code: string) => openLive(admin.context(), `/m/${code}/moderate`);

test('an admin builds a meeting from scratch and a phone votes in its walkthrough poll', async ({
	browser
}) => {
	const admin = await signedInAdmin(browser);
	const code = freshCode('CYBER');
	await createMeeting(admin, 'Regional cyber-resilience forum', code);
	await admin.getByLabel('Venue').fill('Palais des Nations, Room XVII');
	await admin.getByLabel('Date').fill('2025-11-18');
	await admin.getByLabel('Time zone').fill('Europe/Zurich');
	await saveSettings(admin);

	await admin.goto('/admin');
	const row = admin.getByRole('row').filter({ hasText: code });
	await expect(row).toContainText('Palais des Nations, Room XVII');
	await expect(row).toContainText('Regional cyber-resilience forum');
	await expect(row).toContainText('2025-11-18 Europe/Zurich');
	await expectAccessible(admin, 'the meetings list');
	await row.getByRole('link', { name: 'Regional cyber-resilience forum' }).click();
	await expect(admin.getByLabel('Venue')).toHaveValue('Palais des Nations, Room XVII');
	await expect(admin.getByLabel('Date')).toHaveValue('2025-11-18');
	await expect(admin.getByLabel('Time zone')).toHaveValue('Europe/Zurich');
	await expectAccessible(admin, 'the meeting page');

	await openAgendaEditor(admin, code);
	await addItem(admin, 'Walkthrough', 'Draft recommendations');
	await addCard(admin, 1, 'Incident reporting within 72 hours');
	await addCard(admin, 2, 'A shared register of critical suppliers');
	const polls = admin.getByRole('region', { name: 'Prepared polls' });
	await polls.getByRole('button', { name: 'Add a poll to the selected item' }).click();
	await polls.getByLabel('Question').fill('Which recommendation should go first?');
	await expect(polls.getByLabel('Kind')).toHaveValue('single');
	await polls.getByPlaceholder('Option 1').fill('Incident reporting');
	await polls.getByPlaceholder('Option 2').fill('Supplier register');
	await expect(polls.getByRole('heading', { name: /^Poll 1/ })).toContainText('Draft recommendations');
	await expectAccessible(admin, 'the agenda editor with a walkthrough and a poll');
	await saveAgenda(admin);

	const moderator = await consoleOf(admin, code);
	await moderator.getByRole('button', { name: /^2 Draft recommendations/ }).click();
	await expect(moderator.getByTestId('current-step')).toHaveText('Draft recommendations');
	const poll = moderator.getByRole('article', { name: 'Which recommendation should go first?' });
	await poll.getByRole('button', { name: 'Open' }).click();
	await expect(poll.getByText('open', { exact: true })).toBeVisible();

	const phone = await (await browser.newContext(PHONE)).newPage();
	await phone.goto('/');
	await phone.getByLabel('Session code').fill(code.toLowerCase());
	await phone.getByRole('button', { name: 'Join' }).click();
	await expect(phone).toHaveURL(new RegExp(`/m/${code}$`));
	await expect(phone.getByTestId('now-showing').getByRole('heading')).toHaveText('Draft recommendations');
	const ballot = phone.getByRole('form', { name: 'Which recommendation should go first?' });
	await ballot.getByLabel('Supplier register').check();
	await ballot.getByRole('button', { name: 'Vote' }).click();
	await expect(ballot.getByText('Your vote is recorded')).toContainText('Supplier register');
	await expect(poll.getByTestId('ballot-count')).toHaveText(/^1 ballot ·/);
});

test('cards and items are reordered with the keyboard alone', async ({ browser }) => {
	const admin = await signedInAdmin(browser);
	const code = freshCode('KEYS');
	await createMeeting(admin, 'Keyboard reordering', code);
	await openAgendaEditor(admin, code);
	await addItem(admin, 'Walkthrough', 'Options');
	await addCard(admin, 1, 'Alpha');
	await addCard(admin, 2, 'Beta');

	const editor = admin.getByRole('region', { name: 'Selected item' });
	const liveRegion = admin.locator('[aria-live="polite"]');
	const focused = () => admin.evaluate(() => document.activeElement?.getAttribute('aria-label'));

	// Enter on ↓ moves Alpha to the end; ↓ is then disabled, so focus stays on Alpha's ↑.
	await editor.getByRole('button', { name: 'Move card 1, Alpha down' }).focus();
	await admin.keyboard.press('Enter');
	await expect(editor.getByLabel('Card 1 title')).toHaveValue('Beta');
	await expect(editor.getByLabel('Card 2 title')).toHaveValue('Alpha');
	await expect.poll(focused).toBe('Move card 2, Alpha up');
	await expect(liveRegion).toHaveText('card 1, Alpha moved to place 2 of 2.');

	// Space on that focused ↑ takes it back.
	await admin.keyboard.press('Space');
	await expect(editor.getByLabel('Card 1 title')).toHaveValue('Alpha');
	await expect(editor.getByLabel('Card 2 title')).toHaveValue('Beta');
	await expect.poll(focused).toBe('Move card 1, Alpha down');
	await expect(liveRegion).toHaveText('card 2, Alpha moved to place 1 of 2.');

	// The walkthrough goes before the welcome item.
	const items = admin.getByRole('region', { name: 'Items' });
	await items.getByRole('button', { name: 'Move item 2, Options up' }).focus();
	await admin.keyboard.press('Enter');
	await expect(items.locator('li .title')).toHaveText(['Options', 'Welcome']);
	await expect.poll(focused).toBe('Move item 1, Options down');
	await expect(liveRegion).toHaveText('item 2, Options moved to place 1 of 2.');

	await saveAgenda(admin);
	await admin.goto(`/admin/meetings/${code}`);
	await expect(admin.getByRole('region', { name: 'Agenda' }).getByRole('listitem')).toHaveText([
		/^Options · Walkthrough · 2 cards/,
		/^Welcome · Information/
	]);

	// A refused save names the problem, keeps the draft and leaves the page accessible.
	await openAgendaEditor(admin, code);
	await admin.getByRole('region', { name: 'Selected item' }).getByLabel('Title', { exact: true }).fill('');
	await admin.getByRole('button', { name: 'Save the agenda' }).click();
	await expect(admin.getByRole('alert')).toContainText('item 1 › title: cannot be empty');
	await expectAccessible(admin, 'the agenda editor after a refused save');
	for (const path of ['/admin/people', '/account']) {
		await admin.goto(path);
		await expectAccessible(admin, path);
	}
});

test('a renamed item shows on the projector at once, which stays on it', async ({ browser }) => {
	const admin = await signedInAdmin(browser);
	const code = freshCode('LIVE');
	await createMeeting(admin, 'Live editing', code);
	await openAgendaEditor(admin, code);
	await addItem(admin, 'Information', 'Market update');
	await saveAgenda(admin);

	const moderator = await consoleOf(admin, code);
	await moderator.getByRole('button', { name: /^2 Market update/ }).click();
	await expect(moderator.getByTestId('current-step')).toHaveText('Market update');
	const projector = await (await browser.newContext(PROJECTOR)).newPage();
	await projector.goto(`/m/${code}/projector`);
	const onProjector = projector.locator('.canvas h1');
	await expect(onProjector).toHaveText('Market update');
	await projector.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));

	await admin.reload();
	await admin.getByRole('button', { name: /^2 Market update/ }).click();
	await admin
		.getByRole('region', { name: 'Selected item' })
		.getByLabel('Title', { exact: true })
		.fill('Market outlook');
	await saveAgenda(admin);
	await expect(onProjector).toHaveText('Market outlook');
	await expect(moderator.getByTestId('current-step')).toHaveText('Market outlook');

	// Moved to the top, the item keeps the projector: the cursor follows it, not its old place.
	await admin.getByRole('button', { name: 'Move item 2, Market outlook up' }).click();
	await saveAgenda(admin);
	await expect(moderator.getByRole('button', { name: /^1 Market outlook/ })).toHaveAttribute(
		'aria-current',
		'step'
	);
	await expect(onProjector).toHaveText('Market outlook');
	expect(await projector.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
});

/** Participants of one meeting, read beside the running server. */
function participantsOf(code: string): number {
	const sqlite = new Database(path.join(process.env.PLENARY_E2E_DB_DIR ?? '', 'plenary.db'), {
		readonly: true
	});
	try {
		const row = sqlite
			.prepare(
				'select count(*) as n from participants join meetings on meetings.id = meeting_id where code = ?'
			)
			.get(code) as { n: number };
		return row.n;
	} finally {
		sqlite.close();
	}
}

test('hovering the attendee link preloads the page and joins no one; the phone joins once it is open', async ({
	browser
}) => {
	const admin = await signedInAdmin(browser);
	const code = freshCode('HOVER');
	await createMeeting(admin, 'Preloaded but not joined', code);
	const link = admin.getByRole('link', { name: 'Attendee page' });
	const preloaded = admin.waitForResponse((response) => response.url().includes(`/m/${code}/__data.json`));
	await link.hover();
	expect((await preloaded).status()).toBe(200);
	expect(participantsOf(code)).toBe(0);
	expect((await admin.context().cookies()).map((cookie) => cookie.name)).not.toContain(
		`plenary-attendee-${code}`
	);

	await link.click();
	await expect(admin.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	expect(participantsOf(code)).toBe(1);
});

test('a passcode keeps out a phone until it types the right one', async ({ browser }) => {
	const admin = await signedInAdmin(browser);
	const code = freshCode('DOOR');
	await createMeeting(admin, 'Closed-door consultation', code);
	await admin.getByLabel('Attendee passcode').fill('TULIP42');
	await saveSettings(admin);

	const phone = await (await browser.newContext(PHONE)).newPage();
	await phone.goto(`/m/${code}`);
	await expect(phone).toHaveURL(new RegExp(`/m/${code}/join$`));
	await expect(phone.getByRole('heading', { name: 'Closed-door consultation' })).toBeVisible();
	await phone.getByLabel('Passcode').fill('TULIP41');
	await phone.getByRole('button', { name: 'Join' }).click();
	await expect(phone.getByRole('alert')).toHaveText(/That passcode is not right/);
	await expectAccessible(phone, 'the passcode page after a wrong passcode');
	await expect(phone).toHaveURL(new RegExp(`/m/${code}/join$`));

	await phone.getByLabel('Passcode').fill('TULIP42');
	await phone.getByRole('button', { name: 'Join' }).click();
	await expect(phone).toHaveURL(new RegExp(`/m/${code}$`));
	await expect(phone.getByTestId('now-showing').getByRole('heading')).toHaveText('Welcome');
	await phone.reload();
	await expect(phone).toHaveURL(new RegExp(`/m/${code}$`));
});
