// One worker process of simulated phones (forked by bench/run.js). Each phone joins as the real
// one does (open the page, solve a join challenge and join, save a profile, connect with a
// WebSocket), then does what the parent asks: wait for an agenda move, vote, ask, upvote, drop its
// connection and come back. The same code drives Plenary and the raw reference server: both answer
// the same URLs and events.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { io } from 'socket.io-client';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { attack, stopAttack } from './attack.js';

const MEETING = 'BPF2017';
// The IGF groups of src/lib/domain/meeting.ts (a mismatch shows as failed joins).
const STAKEHOLDER_GROUPS = [
	'government',
	'private_sector',
	'civil_society',
	'technical_community',
	'academia',
	'intergovernmental',
	'other'
];
const ACK_TIMEOUT_MS = 60_000;
const SNAPSHOT_TIMEOUT_MS = 60_000;
const QUESTIONS = [
	'How do we keep shared critical services such as DNS reliable during an attack?',
	'Who audits the reuse of collected data by public authorities?',
	'What can small businesses do about secure development with few resources?',
	'How does the digital security divide affect women online?'
];

/**
 * `cut`: dropped on purpose by the reconnect storm; `ballot`: the acknowledged ballot's payload and
 * answer, which the phone sends again when it is back.
 * @type {{ index: number, cookie: string, socket: import('socket.io-client').Socket, movedAt: number | null, cut: boolean, ballot: { payload: object, answer: object } | null }[]}
 */
const phones = [];
/** Disconnects of phones not cut on purpose; the storm's own are counted apart. */
let disconnects = 0;
let cutDisconnects = 0;
/** Why phones were disconnected (Socket.IO's reasons: ping timeout, transport close, …). */
const disconnectReasons = {};
let reconnects = 0;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function cookiesFrom(response) {
	return response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0])
		.join('; ');
}

function connectPhone(url, cookie) {
	const socket = io(url, {
		auth: { meeting: MEETING, as: 'attendee' },
		extraHeaders: { cookie },
		transports: ['websocket'],
		forceNew: true,
		reconnectionDelay: 1000,
		reconnectionDelayMax: 5000
	});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.disconnect();
			reject(new Error('no snapshot within 60 s'));
		}, SNAPSHOT_TIMEOUT_MS);
		socket.once('meeting:snapshot', () => {
			clearTimeout(timer);
			resolve(socket);
		});
		socket.once('connect_error', (error) => {
			clearTimeout(timer);
			socket.disconnect();
			reject(error);
		});
	});
}

/**
 * A phone as the real one joins: open the page (which joins no one), take a join challenge, solve
 * it (altcha-lib's solver, at the benchmark's light cost), join with the proof (participant
 * cookie), save a profile, connect.
 */
async function joinPhone(url, index) {
	const page = await fetch(`${url}/m/${MEETING}`, { redirect: 'manual' });
	await page.arrayBuffer();
	if (page.status !== 200) throw new Error(`GET /m/${MEETING}: ${page.status}`);
	const issued = await fetch(`${url}/m/${MEETING}/join/challenge`);
	if (issued.status !== 200) throw new Error(`GET challenge: ${issued.status}`);
	const { challenge } = await issued.json();
	const solution = await solveChallenge({ challenge, deriveKey });
	const joined = await fetch(`${url}/m/${MEETING}?/join`, {
		method: 'POST',
		headers: {
			origin: url,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({ proof: JSON.stringify({ challenge, solution }) })
	});
	const answer = await joined.json().catch(() => null);
	if (joined.status !== 200 || answer?.type !== 'success') {
		throw new Error(`join: ${joined.status} ${JSON.stringify(answer)?.slice(0, 200)}`);
	}
	const cookie = cookiesFrom(joined);
	const profile = await fetch(`${url}/m/${MEETING}?/profile`, {
		method: 'POST',
		headers: {
			origin: url,
			cookie,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams({
			displayName: `Attendee ${index + 1}`,
			stakeholderGroup: STAKEHOLDER_GROUPS[index % STAKEHOLDER_GROUPS.length],
			mode: index % 3 === 0 ? 'remote' : 'in_room'
		})
	});
	const saved = await profile.json().catch(() => null);
	if (profile.status !== 200 || saved?.type !== 'success') {
		throw new Error(`profile: ${profile.status} ${JSON.stringify(saved)?.slice(0, 200)}`);
	}
	const socket = await connectPhone(url, cookie);
	const phone = { index, cookie, socket, movedAt: null, cut: false, ballot: null };
	socket.on('agenda:moved', () => {
		phone.movedAt ??= Date.now();
	});
	socket.on('disconnect', (reason) => {
		if (phone.cut) return void cutDisconnects++;
		disconnects++;
		disconnectReasons[reason] = (disconnectReasons[reason] ?? 0) + 1;
	});
	socket.io.on('reconnect', () => reconnects++);
	return phone;
}

function countError(errors, message) {
	const key = String(message).slice(0, 160);
	errors[key] = (errors[key] ?? 0) + 1;
}

async function join({ url, first, count, concurrency }) {
	const startedAt = Date.now();
	const durations = [];
	const errors = {};
	let next = first;
	async function lane() {
		while (next < first + count) {
			const index = next++;
			const began = Date.now();
			try {
				phones.push(await joinPhone(url, index));
				durations.push(Date.now() - began);
			} catch (error) {
				countError(errors, error?.message ?? error);
			}
		}
	}
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
	return { joined: durations.length, durations, errors, startedAt, endedAt: Date.now() };
}

function armMove() {
	for (const phone of phones) phone.movedAt = null;
	return { armed: phones.length };
}

/** Waits until every phone saw the move (or the timeout), then gives the arrival times. */
async function collectMove({ timeoutMs }) {
	const deadline = Date.now() + timeoutMs;
	while (phones.some((phone) => phone.movedAt === null) && Date.now() < deadline) await sleep(20);
	const arrivals = phones.filter((phone) => phone.movedAt !== null).map((phone) => phone.movedAt);
	return { arrivals, missing: phones.length - arrivals.length };
}

/** Sends one acknowledged command; resolves with the times and the answer (or the error). */
function command(socket, event, payload) {
	const sentAt = Date.now();
	return new Promise((resolve) => {
		socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (error, answer) => {
			const ackedAt = Date.now();
			if (error) resolve({ sentAt, ackedAt, error: 'timeout' });
			else if (answer?.error) resolve({ sentAt, ackedAt, error: answer.error.code, answer });
			else resolve({ sentAt, ackedAt, answer });
		});
	});
}

function pick(options, count) {
	const chosen = new Set();
	while (chosen.size < count) chosen.add(options[Math.floor(Math.random() * options.length)]);
	return [...chosen];
}

/** Every phone votes once (revision 1) at a random moment within `windowMs`. */
async function vote({ pollId, optionIds, maxPicks, windowMs }) {
	const results = await Promise.all(
		phones.map(async (phone) => {
			await sleep(Math.random() * windowMs);
			const picks = pick(optionIds, 1 + Math.floor(Math.random() * maxPicks));
			const payload = {
				clientId: randomUUID(),
				pollId,
				revision: 1,
				choice: { kind: 'multiple', optionIds: picks }
			};
			const outcome = await command(phone.socket, 'poll:vote', payload);
			if (!outcome.error) phone.ballot = { payload, answer: outcome.answer };
			return { ...outcome, picks };
		})
	);
	const errors = {};
	const picked = {};
	const acknowledged = [];
	for (const result of results) {
		if (result.error) {
			countError(errors, result.error);
			continue;
		}
		acknowledged.push({ sentAt: result.sentAt, ackedAt: result.ackedAt });
		for (const optionId of result.picks) picked[optionId] = (picked[optionId] ?? 0) + 1;
	}
	return { sent: results.length, acknowledged, errors, picked };
}

/** The first `count` phones of this worker ask one question each within `windowMs`. */
async function ask({ count, windowMs }) {
	const askers = phones.slice(0, count);
	const results = await Promise.all(
		askers.map(async (phone) => {
			await sleep(Math.random() * windowMs);
			return command(phone.socket, 'question:ask', {
				clientId: randomUUID(),
				text: `${QUESTIONS[phone.index % QUESTIONS.length]} (#${phone.index + 1})`,
				anonymous: phone.index % 4 === 0
			});
		})
	);
	return acknowledgedSummary(results, (answer) => answer.data.question.id);
}

/** A share of the phones upvote one of the questions each within `windowMs`. */
async function upvote({ questionIds, share, windowMs }) {
	const voters = phones.filter(() => Math.random() < share);
	const results = await Promise.all(
		voters.map(async (phone) => {
			await sleep(Math.random() * windowMs);
			const questionId = questionIds[Math.floor(Math.random() * questionIds.length)];
			return command(phone.socket, 'question:upvote', { clientId: randomUUID(), questionId, up: true });
		})
	);
	return acknowledgedSummary(results, () => null);
}

function acknowledgedSummary(results, idOf) {
	const errors = {};
	const latencies = [];
	const ids = [];
	for (const result of results) {
		if (result.error) {
			countError(errors, result.error);
			continue;
		}
		latencies.push(result.ackedAt - result.sentAt);
		const id = idOf(result.answer);
		if (id) ids.push(id);
	}
	return { sent: results.length, latencies, ids, errors };
}

/**
 * The storm's first half: `count` phones with an acknowledged ballot lose their connection without
 * a WebSocket close frame (the TCP socket under the client's WebSocket is destroyed, as when a
 * phone's network goes), and do not reconnect by themselves until `reconnectCut`.
 */
async function cut({ count }) {
	const voters = phones.filter((phone) => phone.ballot && phone.socket.connected);
	const chosen = voters.slice(voters.length - Math.min(count, voters.length));
	const gone = chosen.map(
		(phone) =>
			new Promise((resolve) => {
				phone.cut = true;
				phone.socket.io.reconnection(false);
				phone.socket.once('disconnect', resolve);
				phone.socket.io.engine.transport.ws._socket.destroy();
			})
	);
	await Promise.race([Promise.all(gone), sleep(10_000)]);
	return { cut: chosen.length, stillConnected: chosen.filter((phone) => phone.socket.connected).length };
}

/** A cut phone connects again, as socket.io-client would (a new connection, the same cookie). */
function reconnectPhone(socket) {
	return new Promise((resolve) => {
		const timer = setTimeout(() => done({ error: 'no snapshot within 60 s' }), SNAPSHOT_TIMEOUT_MS);
		const onSnapshot = (snapshot) => done({ snapshot });
		const onError = (error) => done({ error: String(error?.message ?? error) });
		function done(outcome) {
			clearTimeout(timer);
			socket.off('meeting:snapshot', onSnapshot);
			socket.off('connect_error', onError);
			resolve(outcome);
		}
		socket.once('meeting:snapshot', onSnapshot);
		socket.once('connect_error', onError);
		socket.connect();
	});
}

/**
 * The storm's second half: every cut phone reconnects at once, checks its snapshot is on
 * `position` (the item the moderator moved to meanwhile), and sends its ballot again with the same
 * client id; the server must answer with the acknowledgement it gave the first time.
 */
async function reconnectCut({ position }) {
	const results = await Promise.all(
		phones
			.filter((phone) => phone.cut)
			.map(async (phone) => {
				const { snapshot, error } = await reconnectPhone(phone.socket);
				phone.socket.io.reconnection(true);
				phone.cut = false;
				if (error) return { error };
				const snapshotAt = Date.now();
				const resent = await command(phone.socket, 'poll:vote', phone.ballot.payload);
				return {
					snapshotAt,
					backAt: resent.ackedAt,
					onItem: isDeepStrictEqual(snapshot.position, position),
					resendError: resent.error,
					sameAck: !resent.error && isDeepStrictEqual(resent.answer, phone.ballot.answer)
				};
			})
	);
	const errors = {};
	for (const result of results) {
		const error = result.error ?? result.resendError;
		if (error) countError(errors, error);
	}
	const back = results.filter((result) => !result.error);
	return {
		reconnected: back.length,
		snapshotAt: back.map((result) => result.snapshotAt),
		// Back in step: on the right item, its ballot answered as the first time.
		backAt: back.filter((result) => result.onItem && result.sameAck).map((result) => result.backAt),
		wrongItem: back.filter((result) => !result.onItem).length,
		ackMismatches: back.filter((result) => !result.sameAck).length,
		errors
	};
}

function status() {
	return {
		phones: phones.length,
		connected: phones.filter((phone) => phone.socket.connected).length,
		disconnects,
		cutDisconnects,
		disconnectReasons: { ...disconnectReasons },
		reconnects
	};
}

async function close() {
	const summary = status();
	for (const phone of phones) phone.socket.disconnect();
	await sleep(200);
	return summary;
}

const commands = {
	join,
	armMove,
	collectMove,
	vote,
	ask,
	upvote,
	cut,
	reconnectCut,
	status,
	close,
	attack: (args) => attack(phones, args),
	stopAttack
};

process.on('message', ({ id, name, args }) => {
	Promise.resolve()
		.then(() => commands[name](args ?? {}))
		.then(
			(result) => process.send({ id, result }),
			(error) => process.send({ id, error: String(error?.stack ?? error) })
		)
		.finally(() => {
			if (name === 'close') process.disconnect();
		});
});
