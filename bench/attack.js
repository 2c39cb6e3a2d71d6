// The hostile attendee of `npm run bench -- --hostile`, run by one attendee worker with its own
// joined phones: screens that flood `meeting:sync` and never read the answers, a storm of raised
// and lowered hands, a flood of long questions, and phones asking for snapshots again and again.
// The same attack as tests/integration/flood.test.ts, for as long as the scenario runs.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

const MEETING = 'BPF2017';
const DEAF_SCREENS = 6;
const SYNCS_PER_SECOND = 100;
const HAND_RAISERS = 10;
const QUESTIONS_EACH = 10;
const TICK_MS = 100;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let stopped = false;

/** A projector over a bare WebSocket that stops reading once connected; it answers pings blindly. */
async function deafScreen(url) {
	const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
	ws.on('error', () => {});
	await new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no connection')), 10_000);
		ws.once('close', () => reject(new Error('refused')));
		ws.on('message', (data) => {
			const frame = data.toString();
			if (frame.startsWith('0{')) ws.send(`40${JSON.stringify({ meeting: MEETING, as: 'projector' })}`);
			if (frame.startsWith('40')) {
				clearTimeout(timer);
				resolve();
			}
		});
	});
	ws._socket.pause();
	return ws;
}

async function deafFlood(url, figures) {
	const screens = [];
	while (!stopped) {
		for (let index = 0; index < DEAF_SCREENS; index++) {
			const ws = screens[index];
			if (!ws || ws.readyState !== WebSocket.OPEN) {
				ws?.terminate();
				screens[index] = await deafScreen(url).then(
					(opened) => (figures.screensOpened++, opened),
					() => (figures.screensRefused++, null)
				);
				continue;
			}
			for (let i = 0; i < (SYNCS_PER_SECOND * TICK_MS) / 1000; i++)
				ws.send(`42${figures.syncsSent++}["meeting:sync"]`);
			ws.send('3');
		}
		await sleep(TICK_MS);
	}
	for (const ws of screens) ws?.terminate();
}

const refused = (answer) => answer?.error?.code === 'rate_limited';

/** Runs until `stopAttack`; the phones are this worker's joined phones. */
export async function attack(phones, { url }) {
	stopped = false;
	const figures = {
		hostilePhones: phones.length,
		screensOpened: 0,
		screensRefused: 0,
		syncsSent: 0,
		questionsSent: 0,
		questionsRefused: 0,
		handsSent: 0,
		handsRefused: 0,
		resyncsSent: 0,
		resyncsRefused: 0,
		phoneDisconnects: 0
	};
	for (const phone of phones) phone.socket.on('disconnect', () => figures.phoneDisconnects++);
	const text = (i) => `${i} `.padEnd(500, 'Why is this question so very long? ');
	for (const phone of phones) {
		for (let q = 0; q < QUESTIONS_EACH; q++) {
			figures.questionsSent++;
			phone.socket.emit(
				'question:ask',
				{ clientId: randomUUID(), text: text(q), anonymous: false },
				(answer) => {
					if (refused(answer)) figures.questionsRefused++;
				}
			);
		}
	}
	const flood = deafFlood(url, figures);
	const raisers = phones.slice(0, HAND_RAISERS);
	const syncers = phones.slice(HAND_RAISERS);
	while (!stopped) {
		for (const phone of raisers) {
			for (const event of ['floor:request', 'floor:withdraw']) {
				figures.handsSent++;
				phone.socket.emit(event, { clientId: randomUUID() }, (answer) => {
					if (refused(answer)) figures.handsRefused++;
				});
			}
		}
		for (const phone of syncers) {
			figures.resyncsSent++;
			phone.socket.emit('meeting:sync', (answer) => {
				if (refused(answer)) figures.resyncsRefused++;
			});
		}
		await sleep(20);
	}
	await flood;
	return figures;
}

export function stopAttack() {
	stopped = true;
	return { stopped: true };
}
