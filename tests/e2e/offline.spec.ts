import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe';
import { PHONE } from './support/devices';
import { PhoneLink, openProfile, showTab } from './support/phone';
import { freshCode, meetingWithPoll } from './support/staff';

/** Socket.IO backs off up to 5 s (±50 %) between reconnection attempts. */
const RECONNECT = { timeout: 20_000 };

const QUESTION = 'Can remote participants see the queue from the train?';
const LATER_QUESTION = 'Will the slides be shared afterwards?';
const WAITING_VOTE = 'Waiting for the connection: your vote will be sent.';
const WAITING_JOIN =
	'Your vote is kept on this phone while it joins the meeting (a check only the page’s scripts can do); it will be sent then.';
const WAITING_FLOOR = 'Waiting for the connection: your request will be sent.';

test('a phone offline keeps its ballot, question and floor request, and sends each once when back', async ({
	browser
}) => {
	const code = freshCode('OFF');
	const moderator = await meetingWithPoll(browser, code, 'Offline moments');
	const ballots = moderator.getByTestId('ballot-count');
	const questions = moderator.getByRole('region', { name: 'Questions' });
	const floor = moderator.getByRole('region', { name: 'The floor' });

	const context = await browser.newContext(PHONE);
	const link = new PhoneLink();
	await link.attach(context);
	const phone = await context.newPage();
	await phone.goto(`/m/${code}`);
	const connection = phone.getByRole('status').filter({ hasText: /Live|Reconnecting|Connecting/ });
	await expect(connection).toHaveText('Live');
	await openProfile(phone);
	await phone.getByLabel('Display name').fill('Ines on the train');
	await phone.getByRole('button', { name: 'Save' }).click();
	await expect(phone.getByText('Profile saved.')).toBeVisible();
	await expect.poll(() => link.webSockets).toBeGreaterThan(0);

	// The train enters a tunnel.
	await context.setOffline(true);
	await link.sever();
	await expect(connection).toContainText('Reconnecting', RECONNECT);

	await showTab(phone, 'Now');
	const ballot = phone.getByRole('form', { name: 'Where should the next session meet?' });
	await ballot.getByLabel('Geneva').check();
	await ballot.getByRole('button', { name: 'Vote' }).click();
	await expect(ballot.getByRole('status')).toHaveText(WAITING_VOTE);
	await expect(ballot.getByText('Your vote is recorded')).toHaveCount(0);
	// Changed while still offline: only the latest ballot waits.
	await ballot.getByRole('button', { name: 'Change my vote' }).click();
	await ballot.getByLabel('Nairobi').check();
	await ballot.getByRole('button', { name: 'Save my new vote' }).click();
	await expect(ballot.getByRole('status')).toHaveText(WAITING_VOTE);

	await showTab(phone, 'Questions');
	await phone.getByLabel('Your question').fill(QUESTION);
	await phone.getByRole('button', { name: 'Send question' }).click();
	await expect(phone.getByLabel('Your question')).toHaveValue('');
	const waitingQuestion = phone.getByRole('status').filter({ hasText: QUESTION });
	await expect(waitingQuestion).toContainText('waiting for the connection');

	await showTab(phone, 'Floor');
	await phone.getByRole('button', { name: 'Ask for the floor' }).click();
	await expect(phone.getByText(WAITING_FLOOR)).toBeVisible();
	await expect(phone.getByRole('button', { name: 'Cancel my request' })).toBeVisible();
	await expect(connection).toContainText('3 to send');
	await expectAccessible(phone, 'a phone with a ballot, a question and a floor request waiting');

	// The room has seen none of them.
	await expect(ballots).toContainText('0 ballots');
	await expect(questions).toContainText('No questions yet.');
	await expect(floor.getByRole('list', { name: 'Speaker queue' })).toHaveCount(0);

	// Out of the tunnel, but the connection still fails: a reload keeps what waits on the phone.
	await context.setOffline(false);
	await phone.reload();
	await expect(connection).toContainText('3 to send');
	await expect(ballot.getByRole('status')).toHaveText(WAITING_VOTE);
	await showTab(phone, 'Questions');
	await expect(waitingQuestion).toContainText('waiting for the connection');
	await showTab(phone, 'Floor');
	await expect(phone.getByText(WAITING_FLOOR)).toBeVisible();
	await expect(ballots).toContainText('0 ballots');

	// The connection is back: each one is sent, once.
	link.cut = false;
	await expect(connection).toHaveText('Live', RECONNECT);
	await expect(phone.getByText('You are number 1 in the queue.')).toBeVisible();
	await showTab(phone, 'Now');
	await expect(ballot.getByRole('status')).toContainText('Your vote is recorded: Nairobi');
	await expect(phone.getByText('waiting for the connection')).toHaveCount(0);
	await expect(ballots).toContainText('1 ballot ·');
	await expect(questions.getByRole('listitem').filter({ hasText: QUESTION })).toHaveCount(1);
	const queue = floor.getByRole('list', { name: 'Speaker queue' }).getByRole('listitem');
	await expect(queue.filter({ hasText: 'Ines on the train' })).toHaveCount(1);
	expect(await phone.evaluate((key) => localStorage.getItem(key), `plenary:pending:${code}`)).toBeNull();

	// A reload sends nothing again. What a phone sends on reconnecting goes before anything it
	// sends next, on the same connection, and the server takes a connection's commands in order:
	// once the room sees a new question from the phone, it has seen whatever the reload resent.
	await phone.reload();
	await expect(connection).toHaveText('Live');
	await expect(ballot.getByText('Your vote is recorded: Nairobi')).toBeVisible();
	await showTab(phone, 'Floor');
	await expect(phone.getByText('You are number 1 in the queue.')).toBeVisible();
	await showTab(phone, 'Questions');
	await phone.getByLabel('Your question').fill(LATER_QUESTION);
	await phone.getByRole('button', { name: 'Send question' }).click();
	await expect(questions.getByRole('listitem').filter({ hasText: LATER_QUESTION })).toHaveCount(1);
	// The console reloaded shows what the server holds, not what its updates added up to.
	await moderator.reload();
	await expect(ballots).toContainText('1 ballot ·');
	await expect(questions.getByRole('listitem').filter({ hasText: QUESTION })).toHaveCount(1);
	await expect(queue).toHaveCount(1);
	await expect(phone.getByText(WAITING_VOTE)).toHaveCount(0);
});

test('a vote tapped while the phone is still joining waits on the phone and is sent once it has joined', async ({
	browser
}) => {
	const code = freshCode('JOIN');
	const moderator = await meetingWithPoll(browser, code, 'Quick hands');
	const ballots = moderator.getByTestId('ballot-count');

	// The join (a POST once the proof of work is done) is held back until the vote is tapped.
	const context = await browser.newContext(PHONE);
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await context.route(
		(url) => url.search === '?/join',
		async (route) => {
			await held;
			await route.continue();
		}
	);
	const phone = await context.newPage();
	await phone.goto(`/m/${code}`);
	const connection = phone.getByRole('status').filter({ hasText: /Joining|Live|Connecting/ });
	await expect(connection).toHaveText('Joining…');

	const ballot = phone.getByRole('form', { name: 'Where should the next session meet?' });
	await ballot.getByLabel('Nairobi').check();
	await ballot.getByRole('button', { name: 'Vote' }).click();
	// The phone says what the ballot waits for: joining, not the connection.
	await expect(ballot.getByRole('status')).toHaveText(WAITING_JOIN);
	await expect(connection).toContainText('1 to send');
	await expect(ballots).toContainText('0 ballots');

	release();
	await expect(ballot.getByText('Your vote is recorded')).toBeVisible();
	await expect(connection).toHaveText('Live');
	await expect(ballots).toContainText('1 ballot');
});
