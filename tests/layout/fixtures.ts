/**
 * Meetings as the projector receives them, built from the seeded Geneva session (the BPF's
 * policy areas, panel and agreement) and stretched where a hall would stretch them: 11 and 30
 * options, long labels, many answers, a waiting floor.
 */
import type { AgendaItem, Position } from '$lib/domain/agenda';
import type { PollKind, PollResults, Tally } from '$lib/domain/polls/types';
import type { ProjectorTheme, StakeholderGroup } from '$lib/domain/meeting';
import type { FloorState, MeetingSnapshot, PollInfo } from '$lib/realtime/protocol';
import seeded from '$lib/server/meetings/igf-2017-bpf-cybersecurity.json';

const POLICY_AREAS = seeded.agenda
	.find((item) => item.kind === 'walkthrough')!
	.cards!.map((card) => card.title as string);

const LONG =
	'with particular attention to the obligations of operators of essential services and to the capacity of developing countries';

/** `count` option labels: the BPF's policy areas first, then more in the same vein; long ones run to two lines or more. */
export function labels(count: number, long = false): string[] {
	return Array.from({ length: count }, (_, index) => {
		const base = POLICY_AREAS[index % POLICY_AREAS.length] ?? `Area ${index + 1}`;
		const named =
			index < POLICY_AREAS.length ? base : `${base} (${Math.floor(index / POLICY_AREAS.length) + 1})`;
		return long ? `${named}, ${LONG}` : named;
	});
}

const ANSWERS = [
	'Reliable access to the Internet for hospitals and emergency services, even under attack.',
	'Capacity building for small businesses that cannot afford a security team.',
	'Protecting journalists and activists from surveillance and doxxing.',
	'Clear rules for disclosing vulnerabilities without being prosecuted.',
	'Secure defaults in consumer devices: no more default passwords.',
	'Cooperation between CERTs across borders, with trust built over years.'
];
const PHRASES = [
	'trust',
	'resilience',
	'human rights',
	'open standards',
	'capacity building',
	'privacy',
	'cooperation',
	'secure by default',
	'accountability',
	'inclusion',
	'encryption',
	'digital literacy'
];

export interface PollScenario {
	kind: PollKind;
	count: number;
	long?: boolean;
	status?: 'open' | 'closed';
	view?: 'overall' | 'breakdown';
}

function tallyOf(kind: PollKind, options: { id: string }[], count: number, long: boolean): Tally {
	switch (kind) {
		case 'single':
		case 'multiple':
			return { kind, counts: options.map((o, i) => ({ optionId: o.id, count: 40 - i })) };
		case 'ranking':
			return {
				kind,
				method: 'borda',
				points: options.map((o, i) => ({ optionId: o.id, points: 300 - i * 7 })),
				firstPreferences: options.map((o, i) => ({ optionId: o.id, count: Math.max(0, 12 - i) }))
			};
		case 'consensus':
			return { kind, counts: { support: 14, live_with: 6, object: 5 } };
		case 'open_text':
			return {
				kind,
				pending: 2,
				entries: Array.from({ length: count }, (_, i) => {
					const text = `${ANSWERS[i % ANSWERS.length]}${long ? ` ${LONG}.` : ''}`;
					return {
						key: `a${i}`,
						text: i < ANSWERS.length ? text : `${text} (${i + 1})`,
						count: i === 0 ? 3 : 1
					};
				})
			};
		case 'word_cloud':
			return {
				kind,
				pending: 0,
				entries: Array.from({ length: count }, (_, i) => {
					const phrase = PHRASES[i % PHRASES.length]!;
					const text = i < PHRASES.length ? phrase : `${phrase} ${Math.floor(i / PHRASES.length) + 1}`;
					return { key: text, text, count: Math.max(1, 12 - i) };
				})
			};
	}
}

const GROUPS: StakeholderGroup[] = [
	'government',
	'private_sector',
	'civil_society',
	'technical_community',
	'academia'
];

export function poll(scenario: PollScenario): { info: PollInfo; results: PollResults } {
	const long = scenario.long ?? false;
	const textual = scenario.kind === 'open_text' || scenario.kind === 'word_cloud';
	const options =
		textual || scenario.kind === 'consensus'
			? []
			: labels(scenario.count, long).map((label, i) => ({ id: `o${i}`, label }));
	const overall = tallyOf(scenario.kind, options, scenario.count, long);
	const view = scenario.view ?? 'overall';
	const breakdown = view === 'breakdown' && !textual;
	const results: PollResults = {
		ballots: 48,
		overall,
		byGroup: breakdown
			? GROUPS.map((group, i) => ({
					group,
					ballots: i < 2 ? 14 : 2,
					suppressed: i >= 2,
					tally: i < 2 ? overall : null
				}))
			: [],
		byMode: [],
		consensus:
			breakdown && scenario.kind === 'consensus'
				? {
						rule: 'two thirds',
						groups: GROUPS.slice(0, 2).map((group) => ({ group, holds: true })),
						holdsEverywhere: true
					}
				: null
	};
	const question =
		scenario.kind === 'consensus'
			? 'Can the room support proposing “Safe and reliable access” as a 2018 topic?'
			: scenario.kind === 'word_cloud'
				? seeded.polls[0]!.question
				: long
					? 'Which two policy areas should the session highlight for discussion, given what the panel said about the developing countries and about the resources the forum can give them?'
					: 'Which two policy areas should the session highlight for discussion?';
	return {
		info: {
			id: 'poll-1',
			itemId: null,
			kind: scenario.kind,
			question,
			options,
			maxPicks: scenario.kind === 'multiple' ? 2 : null,
			wordLimit: null,
			status: scenario.status ?? (view === 'breakdown' ? 'closed' : 'open'),
			resultsVisible: true,
			resultsView: view,
			reopened: false,
			ballots: 48
		},
		results
	};
}

const PANELISTS = [
	{
		name: 'Maarten Van Horenbeeck',
		affiliation: 'Forum of Incident Response and Security Teams',
		group: 'technical_community'
	},
	{
		name: 'Markus Kummer',
		affiliation: 'Internet Governance Forum Support Association',
		group: 'civil_society'
	},
	{ name: 'Hiroshi Esaki', affiliation: 'University of Tokyo', group: 'academia' },
	{
		name: 'Cristine Hoepers',
		affiliation: 'CERT.br, Brazilian Network Information Center',
		group: 'technical_community'
	}
] as const;

export type StepScenario =
	| { step: 'info' }
	| { step: 'panel' }
	| { step: 'card' }
	| { step: 'focus'; count: number }
	| { step: 'agreement'; count: number; long?: boolean };

function agendaFor(scenario: StepScenario): { agenda: AgendaItem[]; position: Position; topics: string[] } {
	const info = seeded.agenda[0]!;
	const intro: AgendaItem = {
		id: 'goals',
		kind: 'info',
		title: info.title,
		body: info.body ?? '',
		cards: [],
		focus: null,
		panelists: []
	};
	const cards = POLICY_AREAS.map((title, i) => ({
		id: `card-${i}`,
		title,
		body: 'Stakeholders describe the threat, who it harms, and the policy options that would address it.'
	}));
	const count = 'count' in scenario ? scenario.count : 2;
	const focusCards = labels(count).map((title, i) => ({
		id: `focus-${i}`,
		title,
		body: 'What the room said about it during the walkthrough, in two lines.'
	}));
	const agenda: AgendaItem[] = [
		intro,
		{
			id: 'panel',
			kind: 'panel',
			title: 'Introduction of panelists',
			body: 'Four panelists introduce themselves and the stakeholder group they speak for.',
			cards: [],
			focus: null,
			panelists: PANELISTS.map((p, i) => ({
				id: `p${i}`,
				name: p.name,
				affiliation: p.affiliation,
				stakeholderGroup: p.group
			}))
		},
		{
			id: 'policy-options',
			kind: 'walkthrough',
			title: 'Policy options',
			body: 'The policy areas the BPF contributors identified.',
			cards,
			focus: { title: 'Two highlighted policy areas', body: 'The room chose these.', cards: focusCards },
			panelists: []
		},
		{
			id: 'agreement',
			kind: 'agreement',
			title: 'Agreement on proposals for 2018 topics',
			body: 'The room agrees on the topics the BPF proposes for 2018.',
			cards: [],
			focus: null,
			panelists: []
		}
	];
	const position: Position =
		scenario.step === 'info'
			? { item: 0, step: 0 }
			: scenario.step === 'panel'
				? { item: 1, step: 0 }
				: scenario.step === 'card'
					? { item: 2, step: 3 }
					: scenario.step === 'focus'
						? { item: 2, step: cards.length + 1 }
						: { item: 3, step: 0 };
	const topics =
		scenario.step === 'agreement'
			? labels(scenario.count, scenario.long).map((t) => `Propose “${t}” as a 2018 topic`)
			: [];
	return { agenda, position, topics };
}

export interface Room {
	theme: ProjectorTheme;
	/** Someone speaking and people waiting for the floor. */
	floor: boolean;
}

function floorOf(busy: boolean): FloorState {
	const now = new Date().toISOString();
	const entry = (i: number) => ({
		id: `f${i}`,
		name: ['Anriette Esterhuysen', 'Olga Cavalli', 'Jimson Olufuye'][i % 3]!,
		group: (['civil_society', 'government', 'private_sector'] as const)[i % 3]!,
		mode: i % 2 ? ('remote' as const) : ('in_room' as const),
		requestedAt: now
	});
	return {
		speaking: busy ? { ...entry(0), startedAt: now } : null,
		queue: busy ? [entry(1), entry(2)] : [],
		waiting: busy ? 4 : 0,
		alternate: true,
		speakingSeconds: 180,
		balance: { inRoom: 0, remote: 0, byGroup: {} },
		serverNow: now
	};
}

export type Scenario =
	| ({ show: 'poll' } & PollScenario)
	| ({ show: 'step' } & StepScenario)
	| { show: 'question' | 'comment'; long?: boolean };

export function snapshotFor(scenario: Scenario, room: Room): MeetingSnapshot {
	const { agenda, position, topics } =
		scenario.show === 'step' ? agendaFor(scenario) : agendaFor({ step: 'card' });
	const polled = scenario.show === 'poll' ? poll(scenario) : null;
	const text =
		'How will the forum make sure that the voices of small and medium enterprises from developing countries are heard when the 2018 topics are chosen?';
	return {
		version: 1,
		meeting: {
			code: 'BPF2017',
			title: seeded.meeting.title,
			description: '',
			venue: 'Geneva',
			date: '2017-12-20',
			startTime: '10:00',
			timeZone: 'Europe/Zurich',
			organiser: 'IGF',
			commentDeadline: null,
			rehearsal: false,
			projectorTheme: room.theme,
			startedAt: null,
			endedAt: null
		},
		agenda,
		position,
		presence: { connected: 118, inRoom: 87, remote: 31 },
		polls: polled ? [polled.info] : [],
		onScreenPollId: polled ? polled.info.id : null,
		results: polled
			? { [polled.info.id]: { pollId: polled.info.id, ballots: 48, results: polled.results } }
			: {},
		myBallots: {},
		floor: floorOf(room.floor),
		qa: {
			questions:
				scenario.show === 'question'
					? [
							{
								id: 'q1',
								text: scenario.long ? `${text} ${text}` : text,
								author: 'Nnenna Nwakanma',
								group: 'civil_society',
								mode: 'remote',
								status: 'approved',
								upvotes: 23,
								askedAt: new Date().toISOString()
							}
						]
					: [],
			more: 0,
			premoderation: false,
			onScreenQuestionId: scenario.show === 'question' ? 'q1' : null
		},
		myQuestions: [],
		myUpvotes: [],
		comments: {
			comments:
				scenario.show === 'comment'
					? [
							{
								id: 'c1',
								cardId: 'card-3',
								text: scenario.long ? `${text} ${text}` : text,
								author: 'Jimson Olufuye',
								group: 'private_sector',
								mode: 'in_room',
								hidden: false,
								createdAt: new Date().toISOString()
							}
						]
					: [],
			earlier: {},
			marks: {},
			tags: [],
			onScreenCommentId: scenario.show === 'comment' ? 'c1' : null,
			deadline: null
		},
		myMarks: [],
		topics: topics.map((wording, i) => ({ id: `t${i}`, wording, itemId: 'agreement', pollId: null }))
	};
}
