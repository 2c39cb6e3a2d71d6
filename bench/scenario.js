// The benchmark's scenario against one server: everyone joins, the moderator advances, a poll
// opens and everyone votes within 2 s, a Q&A burst, a reconnect storm, the moderator advances
// again. The moderator and the projector live in this process; the phones in the worker processes.
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { ballotToProjector, summarise } from './stats.js';
import { ADMIN } from './targets.js';
import { split, startWorkers } from './workers.js';

const VOTE_WINDOW_MS = 2000;
const ASK_WINDOW_MS = 1000;
const UPVOTE_WINDOW_MS = 2000;
/** One phone in a hundred asks a question; six in ten upvote one. */
const ASKING_SHARE = 0.01;
const UPVOTING_SHARE = 0.6;
const MOVE_TIMEOUT_MS = 30_000;
const PROJECTOR_TIMEOUT_MS = 15_000;
const POLL_QUESTION = 'Which two policy areas';
/** A few ticks of the server's 10 ms event-loop sampling. */
const SAMPLING_PAUSE_MS = 50;

/** The hostile attendee's phones (--hostile), and how long its attack runs before the advance. */
const HOSTILE_PHONES = 50;
const ATTACK_RAMP_MS = 5000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const sum = (values) => values.reduce((total, value) => total + value, 0);

async function signIn(url) {
	const response = await fetch(`${url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(ADMIN)
	});
	if (response.status !== 303) throw new Error(`admin sign-in failed with ${response.status}`);
	return response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0])
		.join('; ');
}

function connectStaff(url, as, cookie) {
	const socket = io(url, {
		auth: { meeting: 'BPF2017', as },
		extraHeaders: cookie ? { cookie } : {},
		transports: ['websocket'],
		forceNew: true
	});
	return new Promise((resolve, reject) => {
		socket.once('meeting:snapshot', (snapshot) => resolve({ socket, snapshot }));
		socket.once('connect_error', reject);
	});
}

function command(socket, event, payload) {
	const sentAt = Date.now();
	return new Promise((resolve, reject) => {
		socket.timeout(MOVE_TIMEOUT_MS).emit(event, { clientId: randomUUID(), ...payload }, (error, answer) => {
			if (error) reject(new Error(`${event}: no acknowledgement`));
			else if (answer.error) reject(new Error(`${event}: ${answer.error.code} ${answer.error.message}`));
			else resolve({ ...answer.data, ackMs: Date.now() - sentAt });
		});
	});
}

function mergeCounts(records) {
	const merged = {};
	for (const record of records)
		for (const [key, count] of Object.entries(record)) merged[key] = (merged[key] ?? 0) + count;
	return merged;
}

/** The moderator presses "next"; each phone's latency is its arrival minus the moment of the press. */
async function advance(workers, moderator) {
	await workers.all('armMove');
	const pressedAt = Date.now();
	const acknowledged = command(moderator, 'agenda:move', { to: 'next' });
	const collected = await workers.all('collectMove', () => ({ timeoutMs: MOVE_TIMEOUT_MS }));
	const { ackMs } = await acknowledged;
	const latencies = collected.flatMap(({ arrivals }) => arrivals.map((arrival) => arrival - pressedAt));
	return {
		latencies,
		summary: {
			latencyMs: summarise(latencies),
			received: latencies.length,
			missing: collected.reduce((sum, { missing }) => sum + missing, 0),
			ackMs
		}
	};
}

async function votingRound(workers, moderator, projector, poll) {
	const updates = [];
	projector.on('poll:results', (update) => {
		if (update.pollId === poll.id) updates.push({ at: Date.now(), ballots: update.ballots });
	});
	await command(moderator, 'poll:control', { pollId: poll.id, action: 'open' });
	await command(moderator, 'poll:control', { pollId: poll.id, action: 'show-results' });
	const votes = await workers.all('vote', () => ({
		pollId: poll.id,
		optionIds: poll.options.map((option) => option.id),
		maxPicks: poll.maxPicks ?? 2,
		windowMs: VOTE_WINDOW_MS
	}));
	const acknowledged = votes.flatMap((result) => result.acknowledged);
	const deadline = Date.now() + PROJECTOR_TIMEOUT_MS;
	while ((updates.at(-1)?.ballots ?? 0) < acknowledged.length && Date.now() < deadline) await sleep(50);
	projector.off('poll:results');
	const shown = ballotToProjector(acknowledged, updates);
	return {
		picked: mergeCounts(votes.map((result) => result.picked)),
		summary: {
			sent: votes.reduce((sum, result) => sum + result.sent, 0),
			acknowledged: acknowledged.length,
			rejected: mergeCounts(votes.map((result) => result.errors)),
			ackLatencyMs: summarise(acknowledged.map((ballot) => ballot.ackedAt - ballot.sentAt)),
			toProjectorMs: summarise(shown.latencies),
			notOnProjector: shown.missing,
			projectorUpdates: updates.length,
			projectorFinalCount: updates.at(-1)?.ballots ?? 0
		}
	};
}

function commandSummary(results) {
	return {
		sent: results.reduce((sum, result) => sum + result.sent, 0),
		acknowledged: results.reduce((sum, result) => sum + result.latencies.length, 0),
		rejected: mergeCounts(results.map((result) => result.errors)),
		ackLatencyMs: summarise(results.flatMap((result) => result.latencies))
	};
}

async function questionBurst(workers, attendees) {
	const askers = split(Math.max(1, Math.round(attendees * ASKING_SHARE)), workers.size);
	const asked = await workers.all('ask', (index) => ({ count: askers[index], windowMs: ASK_WINDOW_MS }));
	const questionIds = asked.flatMap((result) => result.ids);
	if (questionIds.length === 0) throw new Error('no question was acknowledged: nothing to upvote');
	const upvoted = await workers.all('upvote', () => ({
		questionIds,
		share: UPVOTING_SHARE,
		windowMs: UPVOTE_WINDOW_MS
	}));
	return { asked: commandSummary(asked), upvotes: commandSummary(upvoted) };
}

/**
 * The reconnect storm: `size` phones that voted lose their connection without a close frame, the
 * moderator moves on while they are away, then they all come back at once, each checking its
 * snapshot is on the new item and sending its ballot again with the same client id. The phase
 * `reconnect` runs from the reconnections' start until the last phone is back in step.
 */
async function reconnectStorm(workers, moderator, meter, size) {
	const before = await workers.all('status');
	const shares = split(size, workers.size);
	const cut = await workers.all('cut', (index) => ({ count: shares[index] }));
	const moved = await command(moderator, 'agenda:move', { to: 'next' });
	// The server has seen the drops and the move before the phones come back.
	await sleep(1000);
	await meter.end(null);
	const startedAt = Date.now();
	const back = await workers.all('reconnectCut', () => ({ position: moved.position }));
	await meter.end('reconnect');
	const after = await workers.all('status');
	const snapshotAt = back.flatMap((result) => result.snapshotAt);
	const backAt = back.flatMap((result) => result.backAt);
	const cutCount = sum(cut.map((result) => result.cut));
	return {
		cut: cutCount,
		stillConnected: sum(cut.map((result) => result.stillConnected)),
		reconnected: sum(back.map((result) => result.reconnected)),
		backInStep: backAt.length,
		notBackInStep: cutCount - backAt.length,
		allBackInStepMs: backAt.length ? Math.max(...backAt) - startedAt : null,
		reconnectLatencyMs: summarise(snapshotAt.map((at) => at - startedAt)),
		backInStepLatencyMs: summarise(backAt.map((at) => at - startedAt)),
		wrongItem: sum(back.map((result) => result.wrongItem)),
		ackMismatches: sum(back.map((result) => result.ackMismatches)),
		errors: mergeCounts(back.map((result) => result.errors)),
		cutDisconnects:
			sum(after.map((status) => status.cutDisconnects)) - sum(before.map((status) => status.cutDisconnects)),
		uncutDisconnects:
			sum(after.map((status) => status.disconnects)) - sum(before.map((status) => status.disconnects))
	};
}

/**
 * Per phase of the scenario: its wall time, the CPU seconds of the server and of the phones
 * (worker processes and this one), and the server's event-loop delay (each read restarts it).
 * `maxDelayMs` is the longest delay over the whole scenario, the pauses between phases included.
 */
function phaseMeter(target, workers) {
	const phases = {};
	const round = (value) => Math.round(value * 100) / 100;
	const now = () => ({
		at: Date.now(),
		server: target.cpuSeconds(),
		clients: workers.cpuSeconds(),
		clockUs: target.clockUs()
	});
	let last = null;
	let maxDelayMs = 0;
	/** The histogram's first tick after a read only sets its clock: let it tick before going on. */
	const settle = () => sleep(SAMPLING_PAUSE_MS);
	return {
		phases,
		maxDelayMs: () => maxDelayMs,
		async start() {
			await target.eventLoopDelay();
			last = now();
			await settle();
		},
		/** Closes the current phase; a phase without a name (a pause) is not reported. */
		async end(name) {
			const eventLoopDelay = await target.eventLoopDelay();
			maxDelayMs = Math.max(maxDelayMs, eventLoopDelay.maxMs);
			const current = now();
			if (name) {
				phases[name] = {
					durationMs: current.at - last.at,
					serverCpuSeconds: round(current.server - last.server),
					clientCpuSeconds: round(current.clients - last.clients),
					eventLoopDelay,
					// On the server's monotonic clock: what of a CPU profile the phase is (bench/profile.js).
					serverClockUs: [last.clockUs, current.clockUs]
				};
			}
			last = current;
			await settle();
		}
	};
}

/**
 * One hostile attendee (bench/attack.js) in its own worker process: its phones join as the others
 * do, and the attack runs from ATTACK_RAMP_MS before the first advance until after the second.
 */
async function startAttack(url, attendees, log) {
	const attacker = startWorkers(1);
	const [joined] = await attacker.all('join', () => ({
		url,
		first: attendees,
		count: HOSTILE_PHONES,
		concurrency: 8
	}));
	log(`  a hostile attendee with ${joined.joined} phones attacks…`);
	const running = attacker.all('attack', () => ({ url }));
	await sleep(ATTACK_RAMP_MS);
	return {
		async stop() {
			await attacker.all('stopAttack');
			const [figures] = await running;
			attacker.kill();
			log(`  attack: ${JSON.stringify(figures)}`);
			return figures;
		}
	};
}

async function closePhones(workers) {
	const statuses = await workers.all('close');
	return {
		disconnects: statuses.reduce((sum, status) => sum + status.disconnects, 0),
		disconnectReasons: mergeCounts(statuses.map((status) => status.disconnectReasons)),
		reconnects: statuses.reduce((sum, status) => sum + status.reconnects, 0),
		cutDisconnects: statuses.reduce((sum, status) => sum + status.cutDisconnects, 0),
		connectedAtEnd: statuses.reduce((sum, status) => sum + status.connected, 0)
	};
}

async function joinPhones(workers, { url, attendees, joinConcurrency }) {
	const shares = split(attendees, workers.size);
	const perWorker = Math.max(1, Math.ceil(joinConcurrency / workers.size));
	const joins = await workers.all('join', (index) => ({
		url,
		first: shares.slice(0, index).reduce((sum, count) => sum + count, 0),
		count: shares[index],
		concurrency: perWorker
	}));
	const joined = joins.reduce((sum, result) => sum + result.joined, 0);
	const durationMs =
		Math.max(...joins.map((result) => result.endedAt)) - Math.min(...joins.map((result) => result.startedAt));
	return {
		requested: attendees,
		joined,
		failed: attendees - joined,
		errors: mergeCounts(joins.map((result) => result.errors)),
		durationMs,
		perSecond: Math.round((joined / durationMs) * 10_000) / 10,
		latencyMs: summarise(joins.flatMap((result) => result.durations))
	};
}

/**
 * Runs the whole scenario against a started target (see targets.js) and returns its figures,
 * plus what the database check needs (the poll and the options picked in acknowledged ballots).
 */
export async function runScenario(target, { attendees, workerCount, joinConcurrency, storm, hostile, log }) {
	const { url } = target;
	const startedAt = Date.now();
	const cpuAtStart = target.cpuSeconds();
	const cookie = await signIn(url);
	const moderator = await connectStaff(url, 'moderator', cookie);
	const projector = await connectStaff(url, 'projector');
	const poll = moderator.snapshot.polls.find((candidate) => candidate.question.startsWith(POLL_QUESTION));
	if (!poll) throw new Error(`no poll "${POLL_QUESTION}…" in the moderator's snapshot`);
	const workers = startWorkers(workerCount);
	const meter = phaseMeter(target, workers);
	try {
		await meter.start();
		log(`  ${attendees} phones join through ${workerCount} workers…`);
		const join = await joinPhones(workers, { url, attendees, joinConcurrency });
		await meter.end('join');
		const rssAfterJoinBytes = target.memory.now();
		const heapAfterJoin = target.heap();
		log(`  ${join.joined} joined in ${(join.durationMs / 1000).toFixed(1)} s; settling…`);
		await sleep(3000);
		const attack = hostile ? await startAttack(url, attendees, log) : null;
		await meter.end(null);

		const first = await advance(workers, moderator.socket);
		await meter.end('firstAdvance');
		log(`  advance: p95 ${first.summary.latencyMs.p95} ms; voting…`);

		const voting = await votingRound(workers, moderator.socket, projector.socket, poll);
		await meter.end('vote');
		log(`  ${voting.summary.acknowledged} ballots acknowledged; Q&A burst…`);

		const questions = await questionBurst(workers, attendees);
		await meter.end('questions');
		await sleep(1000);
		await meter.end(null);

		let reconnect = null;
		if (storm > 0) {
			log(`  reconnect storm: ${storm} phones cut while the moderator moves on…`);
			reconnect = await reconnectStorm(workers, moderator.socket, meter, storm);
			log(`  ${reconnect.backInStep} of ${reconnect.cut} back in step in ${reconnect.allBackInStepMs} ms`);
			await sleep(1000);
			await meter.end(null);
		}

		const second = await advance(workers, moderator.socket);
		await meter.end('secondAdvance');
		const attacked = attack ? await attack.stop() : null;

		const connections = await closePhones(workers);
		const { phases } = meter;
		const perOperation = (phase, count) =>
			phase && count ? Math.round((phase.serverCpuSeconds * 1000 * 100) / count) / 100 : null;
		return {
			poll,
			picked: voting.picked,
			result: {
				target: target.kind,
				durationSeconds: Math.round((Date.now() - startedAt) / 100) / 10,
				join,
				advance: {
					latencyMs: summarise([...first.latencies, ...second.latencies]),
					moves: [first.summary, second.summary]
				},
				ballots: voting.summary,
				questions,
				reconnect,
				pacing: target.pacing(join.joined),
				costs: {
					joinCpuMs: perOperation(phases.join, join.joined),
					ballotCpuMs: perOperation(phases.vote, voting.summary.acknowledged),
					reconnectCpuMs: perOperation(phases.reconnect, reconnect?.reconnected)
				},
				server: {
					pid: target.pid,
					rssAfterJoinBytes,
					heapAfterJoin,
					eventLoopDelayBurstP99Ms: Math.max(
						phases.vote.eventLoopDelay.p99Ms,
						phases.questions.eventLoopDelay.p99Ms
					),
					eventLoopDelayMaxMs: meter.maxDelayMs(),
					cpuSeconds: Math.round((target.cpuSeconds() - cpuAtStart) * 100) / 100
				},
				phases,
				connections,
				attack: attacked
			}
		};
	} finally {
		workers.kill();
		moderator.socket.disconnect();
		projector.socket.disconnect();
	}
}
