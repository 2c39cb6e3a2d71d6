// The yardstick for `npm run bench`: the benchmark's scenario on raw Socket.IO, with no database,
// no auth and no validation beyond what the scenario needs. It answers the same URLs and events as
// Plenary and coalesces live updates as a raw app would (results and questions every 100 ms to
// projectors and staff; to phones at Plenary's pace, every second or more; presence every second
// to everyone), so the difference between the two is what Plenary's own work costs.
//
//   PORT=0 node bench/reference-server.js   → prints "Reference listening on http://127.0.0.1:…"
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { createChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { REFERENCE_SCREENS_PACING_MS, phonesPacingMs } from './pacing.js';

const MEETING = 'BPF2017';
const ROOM = 'meeting';
const STAFF = 'staff';
const SCREENS = 'screens';
const PHONES = 'phones';
/** Room by room, how often at most live results and questions are sent (see pacing.js). */
function liveIntervals() {
	const phones = io.of('/').adapter.rooms.get(PHONES)?.size ?? 0;
	return {
		[SCREENS]: REFERENCE_SCREENS_PACING_MS,
		[STAFF]: REFERENCE_SCREENS_PACING_MS,
		[PHONES]: phonesPacingMs(phones)
	};
}
const PRESENCE_INTERVAL_MS = 1000;
const SAMPLING_MS = 10;

const agenda = Array.from({ length: 12 }, (_, step) => ({ item: step, step: 0 }));
const poll = {
	id: 'highlight-two',
	kind: 'multiple',
	question: 'Which two policy areas should the session highlight for discussion?',
	options: [
		'denial-of-service',
		'mobile-devices',
		'abuse-by-authorities',
		'health-data',
		'online-abuse',
		'shared-critical-services',
		'industrial-control-systems',
		'repurposed-data',
		'secure-development',
		'unauthorized-device-access'
	].map((id) => ({ id, label: id })),
	maxPicks: 2,
	status: 'draft',
	resultsVisible: false,
	ballots: 0
};

const state = {
	version: 1,
	cursor: 0,
	/** participant → picked option ids */
	ballots: new Map(),
	/** A ballot's client id → its acknowledgement, replayed to a retry (a phone back from a drop). */
	ballotAcks: new Map(),
	questions: new Map(),
	upvotes: new Set(),
	attendees: new Map(),
	profiles: new Map()
};

const eventLoopDelay = monitorEventLoopDelay({ resolution: SAMPLING_MS });
eventLoopDelay.enable();

function metrics() {
	const ms = (ns) => Math.max(0, Math.round((ns / 1e6 - SAMPLING_MS) * 10) / 10);
	const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
	const body = {
		clockUs: Number(process.hrtime.bigint() / 1000n),
		rssBytes: rss,
		heap: { usedBytes: heapUsed, totalBytes: heapTotal, externalBytes: external },
		eventLoopDelay: {
			p50Ms: ms(eventLoopDelay.percentile(50)),
			p99Ms: ms(eventLoopDelay.percentile(99)),
			maxMs: ms(eventLoopDelay.max)
		}
	};
	eventLoopDelay.reset();
	return body;
}

function cookieValue(header, name) {
	for (const part of (header ?? '').split(';')) {
		const [key, ...value] = part.trim().split('=');
		if (key === name) return value.join('=');
	}
	return null;
}

/** An unsigned challenge solved at the first or second try, made once: phones do the same steps here. */
const challenge = await createChallenge({ algorithm: 'SHA-256', cost: 1, counter: 1, deriveKey });

const server = http.createServer((req, res) => {
	const url = new URL(req.url, 'http://localhost');
	if (url.pathname === '/__metrics') {
		return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(metrics()));
	}
	if (req.method === 'POST' && url.pathname === '/login') {
		req.resume();
		return res
			.writeHead(303, { location: '/', 'set-cookie': `plenary-session=${randomUUID()}; Path=/; HttpOnly` })
			.end();
	}
	if (req.method === 'GET' && url.pathname === `/m/${MEETING}`) {
		return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Reference</title>');
	}
	// The same join exchange as Plenary's, without its proof-of-work crypto: one fixed, trivial
	// challenge, and any answer admits. The difference between the two is Plenary's issuing and checking.
	if (req.method === 'GET' && url.pathname === `/m/${MEETING}/join/challenge`) {
		return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge }));
	}
	if (req.method === 'POST' && url.pathname === `/m/${MEETING}` && url.search === '?/join') {
		req.resume();
		req.on('end', () => {
			const token = randomBytes(20).toString('hex');
			state.attendees.set(token, randomUUID());
			res
				.writeHead(200, {
					'content-type': 'application/json',
					'set-cookie': `plenary-attendee-${MEETING}=${token}; Path=/; HttpOnly; SameSite=Lax`
				})
				.end(JSON.stringify({ type: 'success', status: 200, data: '[{"joined":1},true]' }));
		});
		return;
	}
	if (req.method === 'POST' && url.pathname === `/m/${MEETING}` && url.search === '?/profile') {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			const token = cookieValue(req.headers.cookie, `plenary-attendee-${MEETING}`);
			state.profiles.set(token, Object.fromEntries(new URLSearchParams(body)));
			res
				.writeHead(200, { 'content-type': 'application/json' })
				.end(JSON.stringify({ type: 'success', status: 200, data: '[{"saved":1},true]' }));
		});
		return;
	}
	res.writeHead(404).end();
});

const io = new Server(server, { maxHttpBufferSize: 64 * 1024, pingInterval: 10_000, pingTimeout: 10_000 });

/** @type {Map<string, { due: number, timer: NodeJS.Timeout }>} */
const pending = new Map();
/**
 * Runs `publish` once, `intervalMs` after the first call for `key`, or at a later call that finds
 * it overdue, as Plenary's hub does.
 */
function coalesce(key, intervalMs, publish) {
	const run = () => {
		clearTimeout(pending.get(key)?.timer);
		pending.delete(key);
		publish();
	};
	const waiting = pending.get(key);
	if (!waiting) pending.set(key, { due: performance.now() + intervalMs, timer: setTimeout(run, intervalMs) });
	else if (performance.now() >= waiting.due) run();
}

/** A live update, to each room at its own pace. */
function live(topic, send) {
	for (const [room, interval] of Object.entries(liveIntervals())) {
		coalesce(`${topic}:${room}`, interval, () => send(io.to(room)));
	}
}

const position = () => agenda[state.cursor];
const pollInfo = () => ({ ...poll, ballots: state.ballots.size });

function results() {
	const counts = Object.fromEntries(poll.options.map((option) => [option.id, 0]));
	for (const picks of state.ballots.values()) for (const id of picks) counts[id]++;
	return {
		kind: 'multiple',
		counts: poll.options.map((option) => ({ optionId: option.id, count: counts[option.id] }))
	};
}

function publishResults() {
	live('results', (to) => {
		const ballots = state.ballots.size;
		to.emit('poll:results', {
			pollId: poll.id,
			ballots,
			results: poll.resultsVisible ? results() : null
		});
	});
}

function publishQuestions() {
	live('questions', (to) => {
		const questions = [...state.questions.values()].sort((a, b) => b.upvotes - a.upvotes);
		to.emit('questions:changed', { questions, premoderation: false, onScreenQuestionId: null });
	});
}

function publishPresence() {
	coalesce('presence', PRESENCE_INTERVAL_MS, () => {
		const connected = io.of('/').adapter.rooms.get(ROOM)?.size ?? 0;
		io.to(ROOM).emit('presence:counts', { connected, inRoom: connected, remote: 0 });
	});
}

function snapshot() {
	return {
		version: state.version,
		position: position(),
		polls: [pollInfo()],
		onScreenPollId: null,
		results: {},
		qa: { questions: [...state.questions.values()], premoderation: false, onScreenQuestionId: null }
	};
}

const ok = (ack, data) => typeof ack === 'function' && ack({ data });
const refuse = (ack, code) => typeof ack === 'function' && ack({ error: { code, message: code } });

io.on('connection', (socket) => {
	const role = socket.handshake.auth?.as;
	const token = cookieValue(socket.request.headers.cookie, `plenary-attendee-${MEETING}`);
	const participantId = state.attendees.get(token) ?? socket.id;
	void socket.join([ROOM, { moderator: STAFF, projector: SCREENS }[role] ?? PHONES]);
	socket.emit('meeting:snapshot', snapshot());
	publishPresence();
	socket.on('disconnect', publishPresence);

	socket.on('agenda:move', (move, ack) => {
		state.cursor = Math.min(agenda.length - 1, state.cursor + (move?.to === 'previous' ? -1 : 1));
		state.version++;
		const at = new Date().toISOString();
		io.to(ROOM).emit('agenda:moved', {
			version: state.version,
			position: position(),
			onScreenPollId: null,
			at
		});
		ok(ack, { version: state.version, position: position() });
	});

	socket.on('poll:control', (control, ack) => {
		if (control?.action === 'open') poll.status = 'open';
		if (control?.action === 'close') poll.status = 'closed';
		if (control?.action === 'show-results') poll.resultsVisible = true;
		state.version++;
		io.to(ROOM).emit('polls:changed', {
			version: state.version,
			polls: [pollInfo()],
			onScreenPollId: poll.id
		});
		publishResults();
		ok(ack, { version: state.version });
	});

	socket.on('poll:vote', (ballot, ack) => {
		const earlier = state.ballotAcks.get(`${participantId}:${ballot?.clientId}`);
		if (earlier) return typeof ack === 'function' && ack(earlier);
		if (poll.status !== 'open' || ballot?.pollId !== poll.id) return refuse(ack, 'conflict');
		const picks = ballot.choice?.optionIds;
		if (!Array.isArray(picks) || picks.length < 1 || picks.length > poll.maxPicks)
			return refuse(ack, 'invalid');
		state.ballots.set(participantId, picks);
		const answer = { data: { pollId: poll.id, choice: { kind: 'multiple', optionIds: picks } } };
		state.ballotAcks.set(`${participantId}:${ballot.clientId}`, answer);
		publishResults();
		if (typeof ack === 'function') ack(answer);
	});

	socket.on('question:ask', (question, ack) => {
		const info = {
			id: randomUUID(),
			text: String(question?.text ?? ''),
			author: question?.anonymous ? null : 'Attendee',
			group: null,
			mode: 'in_room',
			status: 'approved',
			upvotes: 0,
			askedAt: new Date().toISOString()
		};
		state.questions.set(info.id, info);
		publishQuestions();
		ok(ack, { question: info });
	});

	socket.on('question:upvote', (vote, ack) => {
		const question = state.questions.get(vote?.questionId);
		if (!question) return refuse(ack, 'not_found');
		const key = `${participantId}:${question.id}`;
		if (!state.upvotes.has(key)) {
			state.upvotes.add(key);
			question.upvotes++;
			publishQuestions();
		}
		ok(ack, { questionId: question.id, up: true });
	});
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST || '127.0.0.1', () => {
	const { address, port } = server.address();
	console.log(`Reference listening on http://${address}:${port}`);
});

process.on('SIGTERM', () => {
	void io.close();
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 2000).unref();
});
