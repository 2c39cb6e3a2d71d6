// The benchmark's verdict over its pairs of runs: medians and ranges, ratios to the reference, the
// goals, and a readable table.
import { ratio } from './stats.js';

const MIB = 1024 * 1024;
const PERCENTILES = ['p50', 'p95', 'p99'];

/** Every latency compared with the reference, and where a run keeps its summary. */
const LATENCIES = {
	advance: (run) => run.advance.latencyMs,
	ballotToProjector: (run) => run.ballots.toProjectorMs,
	ballotAck: (run) => run.ballots.ackLatencyMs,
	questionAsk: (run) => run.questions.asked.ackLatencyMs,
	upvote: (run) => run.questions.upvotes.ackLatencyMs,
	join: (run) => run.join.latencyMs,
	reconnect: (run) => run.reconnect?.backInStepLatencyMs
};

const PHASES = ['join', 'firstAdvance', 'vote', 'questions', 'reconnect', 'secondAdvance'];

/** The figures summarised over runs: a name (its path in a run) and how to read it. */
const MEASURES = [
	...Object.entries(LATENCIES).flatMap(([name, latency]) =>
		PERCENTILES.map((p) => [`${name}.${p}`, (run) => latency(run)?.[p]])
	),
	['advance.max', (run) => run.advance.latencyMs.max],
	['join.joined', (run) => run.join.joined],
	['join.perSecond', (run) => run.join.perSecond],
	['ballots.acknowledged', (run) => run.ballots.acknowledged],
	['server.peakRssBytes', (run) => run.server.peakRssBytes],
	['server.eventLoopDelayBurstP99Ms', (run) => run.server.eventLoopDelayBurstP99Ms],
	['server.eventLoopDelayMaxMs', (run) => run.server.eventLoopDelayMaxMs],
	['costs.joinCpuMs', (run) => run.costs.joinCpuMs],
	['costs.ballotCpuMs', (run) => run.costs.ballotCpuMs],
	['costs.reconnectCpuMs', (run) => run.costs.reconnectCpuMs],
	['reconnect.allBackInStepMs', (run) => run.reconnect?.allBackInStepMs],
	['reconnect.notBackInStep', (run) => run.reconnect?.notBackInStep],
	['reconnect.uncutDisconnects', (run) => run.reconnect?.uncutDisconnects],
	['connections.disconnects', (run) => run.connections.disconnects],
	...PHASES.flatMap((phase) => [
		[`phases.${phase}.serverCpuSeconds`, (run) => run.phases[phase]?.serverCpuSeconds],
		[`phases.${phase}.clientCpuSeconds`, (run) => run.phases[phase]?.clientCpuSeconds],
		[`phases.${phase}.eventLoopDelay.p99Ms`, (run) => run.phases[phase]?.eventLoopDelay.p99Ms],
		[`phases.${phase}.eventLoopDelay.maxMs`, (run) => run.phases[phase]?.eventLoopDelay.maxMs]
	])
];

/** Counts that must agree or be zero: no ratio of them is taken. */
const COUNTS = new Set([
	'join.joined',
	'ballots.acknowledged',
	'reconnect.notBackInStep',
	'reconnect.uncutDisconnects',
	'connections.disconnects'
]);

const known = (value) => value !== null && value !== undefined;

/** The middle value (the mean of the two middle ones for an even count); null for none. */
function median(values) {
	const sorted = values.filter(known).sort((a, b) => a - b);
	if (sorted.length === 0) return null;
	const middle = sorted.length >> 1;
	const value = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return Math.round(value * 100) / 100;
}

function spread(values) {
	const present = values.filter(known);
	return present.length
		? { median: median(present), min: Math.min(...present), max: Math.max(...present) }
		: { median: null, min: null, max: null };
}

/** One pair's ours / reference for p50, p95 and p99 of every latency. */
export function pairRatios(ours, reference) {
	if (!ours || !reference) return null;
	return Object.fromEntries(
		Object.entries(LATENCIES).map(([name, latency]) => [
			name,
			Object.fromEntries(PERCENTILES.map((p) => [p, ratio(latency(ours)?.[p], latency(reference)?.[p])]))
		])
	);
}

/**
 * Per measure and server, the median and range over its runs, and the median and range of the
 * per-pair ratios ours / reference (null without a reference).
 */
function summarisePairs(pairs) {
	const servers = ['plenary', 'reference', 'hostile'].filter((server) => pairs.some((pair) => pair[server]));
	const measures = {};
	for (const [name, pick] of MEASURES) {
		const measure = {};
		for (const server of servers) measure[server] = spread(pairs.map((pair) => pick(pair[server])));
		const ratios = pairs
			.filter((pair) => pair.plenary && pair.reference && !COUNTS.has(name))
			.map((pair) => ratio(pick(pair.plenary), pick(pair.reference)));
		measure.ratio = ratios.length ? spread(ratios) : null;
		measures[name] = measure;
	}
	return { runs: Object.fromEntries(servers.map((server) => [server, pairs.length])), measures };
}

/** The median over pairs of each ratio, in the shape of one pair's. */
function medianRatios(pairs) {
	const counted = pairs.filter((pair) => pair.ratios);
	if (counted.length === 0) return pairRatios(null, null);
	return Object.fromEntries(
		Object.keys(LATENCIES).map((name) => [
			name,
			Object.fromEntries(PERCENTILES.map((p) => [p, median(counted.map((pair) => pair.ratios[name][p]))]))
		])
	);
}

/**
 * The goals (set for 5,000 attendees), judged on the medians of Plenary's runs; what must
 * never happen (a ballot lost, a phone dropped, a stall) on the worst run.
 */
function goals(summary, pairs) {
	const measure = (name) => summary.measures[name];
	const goal = (name, value, comparison, limit, unit, range) => ({
		name,
		value,
		comparison,
		limit,
		unit,
		range,
		met: known(value) ? (comparison === '≥' ? value >= limit : value <= limit) : null
	});
	const ours = (name, limit, unit, goalName) => {
		const { median: value, min, max } = measure(name).plenary;
		return goal(goalName, value, '≤', limit, unit, [min, max]);
	};
	const worst = (name, limit, unit, goalName) => {
		const { min, max } = measure(name).plenary;
		return goal(goalName, max, '≤', limit, unit, [min, max]);
	};
	const relative = (name, goalName) => {
		const spreadOf = measure(name).ratio;
		return goal(
			goalName,
			spreadOf?.median ?? null,
			'≤',
			1.5,
			'×',
			spreadOf ? [spreadOf.min, spreadOf.max] : null
		);
	};
	const mib = (bytes) => (known(bytes) ? Math.round((bytes / MIB) * 10) / 10 : null);
	const rss = measure('server.peakRssBytes').plenary;
	const rates = measure('join.perSecond').plenary;
	const counted = pairs.map((pair) => pair.plenary?.database?.countedExactlyOnce).filter(known);
	return [
		ours('advance.p95', 250, 'ms', 'advance → every phone, p95'),
		ours('ballotToProjector.p95', 300, 'ms', 'ballot → projector, p95'),
		ours('ballotAck.p95', 200, 'ms', 'ballot acknowledgement, p95'),
		{
			name: 'every acknowledged ballot counted exactly once',
			value: counted.length ? counted.every(Boolean) : null,
			comparison: '=',
			limit: true,
			unit: '',
			range: null,
			met: counted.length ? counted.every(Boolean) : null
		},
		goal('server peak RSS', mib(rss.median), '≤', 350, 'MiB', [mib(rss.min), mib(rss.max)]),
		ours('server.eventLoopDelayBurstP99Ms', 50, 'ms', 'event-loop delay p99 during the burst'),
		relative('advance.p95', 'advance p95 / reference'),
		relative('ballotToProjector.p95', 'ballot → projector p95 / reference'),
		relative('ballotAck.p95', 'ballot acknowledgement p95 / reference'),
		relative('questionAsk.p95', 'question acknowledgement p95 / reference'),
		relative('upvote.p95', 'upvote acknowledgement p95 / reference'),
		relative('join.p95', 'join latency p95 / reference'),
		relative('reconnect.p95', 'reconnect back in step p95 / reference'),
		goal('joins per second', rates.median, '≥', 250, '/s', [rates.min, rates.max]),
		ours('reconnect.allBackInStepMs', 5000, 'ms', 'reconnect storm: every cut phone back in step'),
		worst(
			'reconnect.notBackInStep',
			0,
			'',
			'cut phones not back in step (wrong item, other acknowledgement)'
		),
		worst('connections.disconnects', 0, '', 'phones disconnected that were not cut'),
		worst('server.eventLoopDelayMaxMs', 1000, 'ms', 'longest event-loop stall')
	];
}

/** The report's comparison: per pair its ratios, then the summary, medians of ratios and goals. */
export function verdict(pairs) {
	for (const pair of pairs) pair.ratios = pairRatios(pair.plenary, pair.reference);
	const summary = summarisePairs(pairs);
	return {
		ratios: medianRatios(pairs),
		goals: pairs.some((pair) => pair.plenary) ? goals(summary, pairs) : [],
		summary
	};
}

const show = (value) => (known(value) ? String(value) : '–');
const mib = (bytes) => (bytes ? `${(bytes / MIB).toFixed(0)} MiB` : '–');
const mark = (met) => (met === null ? '' : met ? '  ok' : '  MISSED');
const triple = (stats) => (stats ? `${show(stats.p50)} / ${show(stats.p95)} / ${show(stats.p99)}` : '–');

/** A plain-text table: medians [ranges] of Plenary and the reference, ours / reference, and the goal. */
export function table(report) {
	const { measures } = report.summary;
	const several = report.pairs.length > 1;
	const goalText = (name) => {
		const found = report.goals.find((candidate) => candidate.name === name);
		if (!found) return '';
		const limit = found.comparison === '=' ? 'all' : `${found.comparison} ${found.limit} ${found.unit}`;
		return `${limit.trim()}${mark(found.met)}`;
	};
	const goalsText = (...names) => names.map(goalText).filter(Boolean).join(', ');
	const value = (name, server, format = show) => {
		const figures = measures[name]?.[server];
		if (!figures || !known(figures.median)) return '–';
		const middle = format(figures.median);
		return several ? `${middle} [${format(figures.min)}–${format(figures.max)}]` : middle;
	};
	const ratioOf = (name) => (measures[name]?.ratio ? value(name, 'ratio') : '');
	const medians = (name, server) =>
		PERCENTILES.map((p) => show(measures[`${name}.${p}`]?.[server]?.median)).join(' / ');
	const latency = (label, name, ...goalNames) => [
		[
			`${label} p50/p95/p99 ms`,
			medians(name, 'plenary'),
			medians(name, 'reference'),
			measures[`${name}.p95`].ratio ? medians(name, 'ratio') : '',
			goalsText(...goalNames)
		],
		...(several
			? [
					[
						'  p95 [range]',
						value(`${name}.p95`, 'plenary'),
						value(`${name}.p95`, 'reference'),
						ratioOf(`${name}.p95`),
						''
					]
				]
			: [])
	];
	const row = (label, name, goalNames = [], format = show) => [
		label,
		value(name, 'plenary', format),
		value(name, 'reference', format),
		ratioOf(name),
		goalsText(...goalNames)
	];
	const first = report.runs;
	const pacing = (run) => (run ? `${run.pacing.screensMs} / ${run.pacing.phonesMs}` : '–');
	const phaseCpu = (server, field) =>
		PHASES.map((phase) => show(measures[`phases.${phase}.${field}`]?.[server]?.median)).join(' / ');
	const counted = report.pairs.map((pair) => pair.plenary?.database).filter(Boolean);
	const rows = [
		report.labels
			? [
					'',
					report.labels.plenary,
					report.labels.reference,
					`${report.labels.plenary} / ${report.labels.reference}`,
					'goal'
				]
			: ['', 'Plenary', 'reference', 'ours / ref', 'goal'],
		['pacing ms, screens / phones', pacing(first.plenary), pacing(first.reference), '', ''],
		row('phones joined', 'join.joined'),
		row('join rate (joins/s)', 'join.perSecond', ['joins per second']),
		...latency('join', 'join', 'join latency p95 / reference'),
		row('server CPU per join ms', 'costs.joinCpuMs'),
		row('event-loop delay p99, join ms', 'phases.join.eventLoopDelay.p99Ms'),
		row('event-loop delay max, join ms', 'phases.join.eventLoopDelay.maxMs'),
		...latency('advance → phones', 'advance', 'advance → every phone, p95', 'advance p95 / reference'),
		row('advance → phones max ms', 'advance.max'),
		...latency(
			'ballot ack',
			'ballotAck',
			'ballot acknowledgement, p95',
			'ballot acknowledgement p95 / reference'
		),
		...latency(
			'ballot → projector',
			'ballotToProjector',
			'ballot → projector, p95',
			'ballot → projector p95 / reference'
		),
		row('ballots acknowledged', 'ballots.acknowledged'),
		[
			'ballots in the database',
			counted.length
				? counted.every((database) => database.countedExactlyOnce)
					? `exactly once (${counted.length} run${counted.length > 1 ? 's' : ''})`
					: 'MISMATCH'
				: '–',
			'',
			'',
			goalText('every acknowledged ballot counted exactly once')
		],
		row('server CPU per ballot ms', 'costs.ballotCpuMs'),
		...latency('question ask ack', 'questionAsk', 'question acknowledgement p95 / reference'),
		...latency('upvote ack', 'upvote', 'upvote acknowledgement p95 / reference'),
		[
			'reconnect storm: phones cut',
			show(first.plenary?.reconnect?.cut),
			show(first.reference?.reconnect?.cut),
			'',
			''
		],
		row('all back in step ms', 'reconnect.allBackInStepMs', [
			'reconnect storm: every cut phone back in step'
		]),
		...latency('back in step, per phone', 'reconnect', 'reconnect back in step p95 / reference'),
		row('not back in step', 'reconnect.notBackInStep', [
			'cut phones not back in step (wrong item, other acknowledgement)'
		]),
		row('server CPU per reconnect ms', 'costs.reconnectCpuMs'),
		row('event-loop delay p99, storm ms', 'phases.reconnect.eventLoopDelay.p99Ms'),
		row('event-loop delay max, storm ms', 'phases.reconnect.eventLoopDelay.maxMs'),
		row('phones not cut disconnected, storm', 'reconnect.uncutDisconnects'),
		row('server peak RSS', 'server.peakRssBytes', ['server peak RSS'], mib),
		row('event-loop delay p99, burst ms', 'server.eventLoopDelayBurstP99Ms', [
			'event-loop delay p99 during the burst'
		]),
		row('event-loop delay max, whole run ms', 'server.eventLoopDelayMaxMs', ['longest event-loop stall']),
		[
			'server CPU s (join/1st/vote/Q&A/storm/2nd)',
			phaseCpu('plenary', 'serverCpuSeconds'),
			phaseCpu('reference', 'serverCpuSeconds'),
			'',
			''
		],
		[
			'phones CPU s (join/1st/vote/Q&A/storm/2nd)',
			phaseCpu('plenary', 'clientCpuSeconds'),
			phaseCpu('reference', 'clientCpuSeconds'),
			'',
			''
		],
		row('phones disconnected (not cut)', 'connections.disconnects', ['phones disconnected that were not cut'])
	];
	const widths = rows[0].map((_, column) => Math.max(...rows.map((cells) => cells[column].length)));
	const line = (cells) =>
		cells
			.map((cell, column) => cell.padEnd(widths[column]))
			.join('  ')
			.trimEnd();
	const loads = report.pairs.flatMap((pair, index) =>
		['plenary', 'reference', 'hostile']
			.filter((server) => pair[server])
			.map(
				(server) =>
					`  pair ${index + 1}, ${server}: load ${pair[server].loadAverage.atStart.join(' ')} → ${pair[server].loadAverage.atEnd.join(' ')}`
			)
	);
	const compared = report.pairs.some((pair) => pair.ratios);
	const heading = several
		? `Medians over ${report.pairs.length} runs of each server [min–max]` +
			(compared ? "; ours / ref is the median [range] of the pairs' ratios." : '.')
		: 'One run of each server.';
	return [
		heading,
		'',
		line(rows[0]),
		...rows.slice(1).map(line),
		'',
		"Load average (1 / 5 / 15 min) at each run's start → end:",
		...loads
	].join('\n');
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
