// The benchmark's verdict: ratios to the reference, the goals of the issue, and a readable table.
import { ratio } from './stats.js';

const MIB = 1024 * 1024;

function ratios(ours, reference) {
	const of = (pick) => {
		const a = pick(ours);
		const b = pick(reference);
		return { p50: ratio(a?.p50, b?.p50), p95: ratio(a?.p95, b?.p95), p99: ratio(a?.p99, b?.p99) };
	};
	return {
		advance: of((run) => run?.advance.latencyMs),
		ballotToProjector: of((run) => run?.ballots.toProjectorMs),
		ballotAck: of((run) => run?.ballots.ackLatencyMs)
	};
}

/** The goals, checked on Plenary's figures (they are set for 5,000 attendees). */
function goals(ours, ratiosToReference) {
	const goal = (name, value, limit, unit) => ({
		name,
		value,
		limit,
		unit,
		met: value === null || value === undefined ? null : value <= limit
	});
	const peakMiB = ours.server.peakRssBytes ? Math.round((ours.server.peakRssBytes / MIB) * 10) / 10 : null;
	return [
		goal('advance → every phone, p95', ours.advance.latencyMs.p95, 250, 'ms'),
		goal('ballot → projector, p95', ours.ballots.toProjectorMs.p95, 300, 'ms'),
		goal('ballot acknowledgement, p95', ours.ballots.ackLatencyMs.p95, 200, 'ms'),
		{
			name: 'every acknowledged ballot counted exactly once',
			value: ours.database?.countedExactlyOnce ?? null,
			limit: true,
			unit: '',
			met: ours.database?.countedExactlyOnce ?? null
		},
		goal('server peak RSS', peakMiB, 350, 'MiB'),
		goal('event-loop delay p99 during the burst', ours.server.eventLoopDelayBurstP99Ms, 50, 'ms'),
		goal('advance p95 / reference', ratiosToReference.advance.p95, 1.5, '×'),
		goal('ballot → projector p95 / reference', ratiosToReference.ballotToProjector.p95, 1.5, '×')
	];
}

export function verdict(runs) {
	const ratiosToReference = ratios(runs.plenary, runs.reference);
	return { ratios: ratiosToReference, goals: runs.plenary ? goals(runs.plenary, ratiosToReference) : [] };
}

const show = (value) => (value === null || value === undefined ? '–' : String(value));
const triple = (stats) => (stats ? `${show(stats.p50)} / ${show(stats.p95)} / ${show(stats.p99)}` : '–');
const tripleRatio = (r) => `${show(r.p50)} / ${show(r.p95)} / ${show(r.p99)}`;
const mib = (bytes) => (bytes ? `${(bytes / MIB).toFixed(0)} MiB` : '–');
const mark = (met) => (met === null ? '' : met ? '  ok' : '  MISSED');

/** A plain-text table: Plenary, the reference, ours / reference, and the goal. */
export function table(report) {
	const { plenary: ours, reference: ref } = report.runs;
	const goal = (name) => report.goals.find((candidate) => candidate.name.startsWith(name));
	const goalText = (name) => {
		const found = goal(name);
		return found ? `≤ ${found.limit} ${found.unit}${mark(found.met)}` : '';
	};
	const rows = [
		['', 'Plenary', 'reference', 'ours / ref', 'goal'],
		[
			'phones joined',
			`${show(ours?.join.joined)} / ${show(ours?.join.requested)}`,
			`${show(ref?.join.joined)} / ${show(ref?.join.requested)}`,
			'',
			''
		],
		[
			'join rate (joins/s)',
			show(ours?.join.perSecond),
			show(ref?.join.perSecond),
			show(ratio(ours?.join.perSecond, ref?.join.perSecond)),
			''
		],
		[
			'advance → phones p50/p95/p99 ms',
			triple(ours?.advance.latencyMs),
			triple(ref?.advance.latencyMs),
			tripleRatio(report.ratios.advance),
			goalText('advance →')
		],
		['advance → phones max ms', show(ours?.advance.latencyMs.max), show(ref?.advance.latencyMs.max), '', ''],
		[
			'ballot ack p50/p95/p99 ms',
			triple(ours?.ballots.ackLatencyMs),
			triple(ref?.ballots.ackLatencyMs),
			tripleRatio(report.ratios.ballotAck),
			goalText('ballot ack')
		],
		[
			'ballot → projector p50/p95/p99 ms',
			triple(ours?.ballots.toProjectorMs),
			triple(ref?.ballots.toProjectorMs),
			tripleRatio(report.ratios.ballotToProjector),
			goalText('ballot → projector')
		],
		[
			'ballots acknowledged / sent',
			`${show(ours?.ballots.acknowledged)} / ${show(ours?.ballots.sent)}`,
			`${show(ref?.ballots.acknowledged)} / ${show(ref?.ballots.sent)}`,
			'',
			''
		],
		[
			'ballots in the database',
			ours?.database
				? `${ours.database.ballotRows}${ours.database.countedExactlyOnce ? ' (exactly once)' : ' (MISMATCH)'}`
				: '–',
			'',
			'',
			goal('every') ? `= acknowledged${mark(goal('every').met)}` : ''
		],
		[
			'question ask ack p50/p95/p99 ms',
			triple(ours?.questions.asked.ackLatencyMs),
			triple(ref?.questions.asked.ackLatencyMs),
			'',
			''
		],
		[
			'upvote ack p50/p95/p99 ms',
			triple(ours?.questions.upvotes.ackLatencyMs),
			triple(ref?.questions.upvotes.ackLatencyMs),
			'',
			''
		],
		[
			'server peak RSS',
			mib(ours?.server.peakRssBytes),
			mib(ref?.server.peakRssBytes),
			'',
			goalText('server peak RSS')
		],
		[
			'event-loop delay p99, burst ms',
			show(ours?.server.eventLoopDelayBurstP99Ms),
			show(ref?.server.eventLoopDelayBurstP99Ms),
			'',
			goalText('event-loop')
		],
		['server CPU s (join / vote / Q&A)', cpu(ours, 'serverCpuSeconds'), cpu(ref, 'serverCpuSeconds'), '', ''],
		['phones CPU s (join / vote / Q&A)', cpu(ours, 'clientCpuSeconds'), cpu(ref, 'clientCpuSeconds'), '', ''],
		['disconnects / reconnects', connections(ours), connections(ref), '', '']
	];
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	const line = (row) =>
		row
			.map((cell, column) => cell.padEnd(widths[column]))
			.join('  ')
			.trimEnd();
	const ratioGoals = report.goals
		.filter((candidate) => candidate.unit === '×')
		.map(
			(candidate) =>
				`  ${candidate.name}: ${show(candidate.value)} (goal ≤ ${candidate.limit})${mark(candidate.met)}`
		);
	return [line(rows[0]), ...rows.slice(1).map(line), '', ...ratioGoals].join('\n');
}

function cpu(run, field) {
	if (!run) return '–';
	const { join, vote, questions } = run.phases;
	return `${show(join[field])} / ${show(vote[field])} / ${show(questions[field])}`;
}

function connections(run) {
	return run ? `${run.connections.disconnects} / ${run.connections.reconnects}` : '–';
}

/**
 * `--hostile`: the honest phones' figures in a quiet run and under attack, side by side, and what
 * the attacker sent and had refused.
 */
export function attackTable(report) {
	const { plenary: quiet, hostile } = report.runs;
	const counted = (run) =>
		run?.database
			? `${run.database.ballotRows}${run.database.countedExactlyOnce ? ' (exactly once)' : ' (MISMATCH)'}`
			: '–';
	const rows = [
		['honest phones', 'quiet', 'under attack'],
		['advance → phones p50/p95/p99 ms', triple(quiet?.advance.latencyMs), triple(hostile?.advance.latencyMs)],
		['ballot ack p50/p95/p99 ms', triple(quiet?.ballots.ackLatencyMs), triple(hostile?.ballots.ackLatencyMs)],
		[
			'ballot → projector p50/p95/p99 ms',
			triple(quiet?.ballots.toProjectorMs),
			triple(hostile?.ballots.toProjectorMs)
		],
		['ballots in the database', counted(quiet), counted(hostile)],
		[
			'question ask ack p50/p95/p99 ms',
			triple(quiet?.questions.asked.ackLatencyMs),
			triple(hostile?.questions.asked.ackLatencyMs)
		],
		[
			'upvote ack p50/p95/p99 ms',
			triple(quiet?.questions.upvotes.ackLatencyMs),
			triple(hostile?.questions.upvotes.ackLatencyMs)
		],
		['server peak RSS', mib(quiet?.server.peakRssBytes), mib(hostile?.server.peakRssBytes)],
		[
			'event-loop delay p99, burst ms',
			show(quiet?.server.eventLoopDelayBurstP99Ms),
			show(hostile?.server.eventLoopDelayBurstP99Ms)
		],
		['disconnects / reconnects', connections(quiet), connections(hostile)]
	];
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	const line = (row) =>
		row
			.map((cell, column) => cell.padEnd(widths[column]))
			.join('  ')
			.trimEnd();
	const attack = hostile?.attack;
	const sent = attack
		? [
				`attacker: ${attack.hostilePhones} phones; ${attack.screensOpened} deaf screens opened (${attack.screensRefused} refused), ${attack.syncsSent} syncs sent`,
				`  hands ${attack.handsRefused} of ${attack.handsSent} refused; questions ${attack.questionsRefused} of ${attack.questionsSent}; resyncs ${attack.resyncsRefused} of ${attack.resyncsSent}; phone connections dropped ${attack.phoneDisconnects}`
			]
		: [];
	return [line(rows[0]), ...rows.slice(1).map(line), '', ...sent].join('\n');
}
