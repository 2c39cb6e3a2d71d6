import { expect, test } from '@playwright/test';
import { connect, joinMeeting } from '../integration/support/clients';
import { QUESTIONS_SHOWN } from '../../src/lib/domain/questions';
import { phoneAt, showTab } from './support/phone';
import { copyOfGeneva, signedInConsole } from './support/staff';

/** Enough questions that the first in each order leave some out: 5 each from 17 phones. */
const ASKERS = 17;
const EACH = 5;
const TOTAL = ASKERS * EACH;

test('a room full of questions sends phones and the console the first ones, and more on request', async ({
	browser
}) => {
	const code = await copyOfGeneva(browser, 'QMR');
	const origin = test.info().project.use.baseURL!;
	for (let a = 0; a < ASKERS; a++) {
		const cookie = await joinMeeting(origin, code);
		const { socket } = await connect(origin, { as: 'attendee', cookie, meeting: code });
		for (let q = 0; q < EACH; q++) {
			const answer = await socket.emitWithAck('question:ask', {
				clientId: `more-${a}-${q}`,
				text: `Question ${a * EACH + q + 1} from the floor`,
				anonymous: false
			});
			expect(answer).toHaveProperty('data');
		}
		socket.disconnect();
	}
	const hidden = TOTAL - 2 * QUESTIONS_SHOWN;

	const phone = await phoneAt(browser, code);
	await showTab(phone, 'Questions');
	const upvotes = phone.getByRole('button', { name: /^Upvote: Question/ });
	await expect(upvotes).toHaveCount(2 * QUESTIONS_SHOWN);
	await phone.getByRole('button', { name: `Show more questions (${hidden} more)` }).click();
	await expect(upvotes).toHaveCount(TOTAL);
	await expect(phone.getByRole('button', { name: /Show more questions/ })).toHaveCount(0);

	const moderator = await signedInConsole(browser, code);
	await moderator.getByRole('button', { name: `Show more questions (${hidden} more)` }).click();
	await expect(moderator.getByRole('heading', { name: `Open (${TOTAL})` })).toBeVisible();

	// On another tab, the phone counts the questions that arrive, until it looks at them.
	await showTab(phone, 'Now');
	const questionsTab = phone.getByRole('tab', { name: /^Questions/ });
	await expect(questionsTab).toHaveAccessibleName('Questions');
	const cookie = await joinMeeting(origin, code);
	const { socket } = await connect(origin, { as: 'attendee', cookie, meeting: code });
	const answer = await socket.emitWithAck('question:ask', {
		clientId: 'more-latecomer',
		text: 'A question asked while the phone looks elsewhere',
		anonymous: false
	});
	socket.disconnect();
	expect(answer).toHaveProperty('data');
	await expect(questionsTab).toHaveAccessibleName('Questions (1 new)');
	await showTab(phone, 'Questions');
	await expect(questionsTab).toHaveAccessibleName('Questions');
});
