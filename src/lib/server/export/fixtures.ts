import type { ReportDocument } from '$lib/domain/record/layout';

/**
 * A report as `layoutReport` lays it out for the IGF 2017 Best Practice Forum on Cybersecurity,
 * with every kind of block, breakdown tables nine columns wide on landscape pages, a suppressed
 * group, fields still as prefilled, an appendix, and user text that a careless renderer would take
 * for markup or break (a web address, a list item that begins "1."). The people are invented.
 */
export const bpfCybersecurityReport: ReportDocument = {
	locale: 'en',
	dir: 'ltr',
	subject: 'Session report',
	pageNumbers: { before: 'Page ', between: ' of ', after: '' },
	title: 'IGF 2017 Best Practice Forum on Cybersecurity',
	subtitle:
		'20 December 2017, 10:00–11:30 Europe/Zurich (09:00–10:30 UTC) · Room XXIV, Palais des Nations, Geneva',
	blocks: [
		{ kind: 'heading', level: 2, text: 'Session report' },
		{
			kind: 'fields',
			entries: [
				{ label: 'Session title', value: 'Best Practice Forum on Cybersecurity' },
				{
					label: 'Date and time',
					value: '20 December 2017, 10:00–11:30 Europe/Zurich (09:00–10:30 UTC)'
				},
				{ label: 'Organiser', value: 'IGF Best Practice Forum on Cybersecurity' },
				{ label: 'Chair / moderator', value: 'Amina Diallo' },
				{ label: 'Rapporteur / note taker', value: 'Lars Pettersson' },
				{ label: 'Participants (estimate)', value: '', mark: 'For the rapporteur to fill in' }
			]
		},
		{ kind: 'heading', level: 3, text: 'Speakers and their institutional affiliations' },
		{
			kind: 'paragraph',
			text: [
				'Amina Diallo, BPF co-facilitator, Civil society',
				'Kenji Watanabe, national CERT, Government',
				'Sofía Herrera, university cybersecurity centre, Academia',
				'Tomasz Nowak (Private sector, remote; from the floor)'
			].join('\n')
		},
		{
			kind: 'heading',
			level: 3,
			text: 'Key issues raised (one sentence each)',
			mark: 'Prefilled, not yet checked'
		},
		{
			kind: 'list',
			items: [
				'Cybersecurity policy should be judged by how it helps the Sustainable Development Goals.',
				'Norms for state behaviour mean little without a culture of security in companies & homes.'
			]
		},
		{ kind: 'heading', level: 3, text: 'Policy recommendations and suggestions for the way forward' },
		{
			kind: 'list',
			ordered: true,
			items: [
				'1. Make security by design a condition of public procurement.',
				'- Fund a CERT in every least developed country,\nwith a regional peer to learn from.',
				'Publish the BPF output: see https://www.intgovforum.org/multilingual/content/bpf-cybersecurity.'
			]
		},
		{ kind: 'appendix', title: 'Appendix: the session in detail' },
		{ kind: 'heading', level: 2, text: 'Agenda as held' },
		{
			kind: 'table',
			nowrap: [0, 2, 3, 4],
			columns: ['#', 'Item', 'Started', 'Ended', 'Time spent'],
			rows: [
				['1', 'Welcome and the BPF’s work in 2017', '09:00 UTC', '09:07 UTC', '7 min 12 s'],
				['2', 'Culture, norms and values in cybersecurity', '09:07 UTC', '09:31 UTC', '24 min 3 s'],
				['3', 'Policy options for the SDGs', '09:31 UTC', '10:02 UTC', '31 min 40 s'],
				['4', 'Priorities for 2018', '10:02 UTC', '10:24 UTC', '22 min 5 s'],
				['5', 'Way forward', '—', '—', 'Not reached']
			]
		},
		{ kind: 'heading', level: 2, text: 'Polls' },
		{ kind: 'heading', level: 3, text: 'Which topics should the BPF on Cybersecurity take up in 2018?' },
		{ kind: 'paragraph', text: 'Multiple choice · 64 ballots · closed at 10:15 UTC', note: true },
		{
			kind: 'table',
			nowrap: [1, 2],
			columns: ['Answer', 'Votes', 'Share'],
			rows: [
				['Norms of state behaviour', '31', '48 %'],
				['Supply-chain security', '24', '38 %'],
				['Vulnerability disclosure', '27', '42 %'],
				['Capacity building', '29', '45 %'],
				['Culture & awareness', '18', '28 %'],
				['CERT cooperation', '14', '22 %'],
				['Gender and online abuse', '7', '11 %']
			]
		},
		{ kind: 'paragraph', text: 'By stakeholder group:' },
		{
			kind: 'table',
			wide: true,
			nowrap: [1],
			columns: [
				'Stakeholder group',
				'Ballots',
				'Norms of state behaviour',
				'Supply-chain security',
				'Vulnerability disclosure',
				'Capacity building',
				'Culture & awareness',
				'CERT cooperation',
				'Gender and online abuse'
			],
			rows: [
				['Government', '14', '10', '4', '5', '8', '2', '5', '1'],
				['Civil society', '17', '8', '3', '6', '9', '7', '1', '4'],
				['Private sector', '12', '4', '9', '8', '3', '3', '2', '0'],
				['Technical community', '13', '5', '6', '7', '5', '4', '5', '1'],
				['Academia', '6', '4', '2', '1', '4', '2', '1', '1'],
				['Intergovernmental organisation', '2', ...Array<string>(7).fill('too few to show')]
			]
		},
		{ kind: 'paragraph', text: 'In the room and remote:' },
		{
			kind: 'table',
			wide: true,
			nowrap: [1],
			columns: [
				'Taking part',
				'Ballots',
				'Norms of state behaviour',
				'Supply-chain security',
				'Vulnerability disclosure',
				'Capacity building',
				'Culture & awareness',
				'CERT cooperation',
				'Gender and online abuse'
			],
			rows: [
				['In the room', '41', '22', '15', '18', '16', '10', '11', '3'],
				['Remote', '23', '9', '9', '9', '13', '8', '3', '4']
			]
		},
		{
			kind: 'heading',
			level: 3,
			text: 'Should the BPF publish the draft policy options as its 2017 output?'
		},
		{ kind: 'paragraph', text: 'Consensus check · 58 ballots · closed at 10:22 UTC', note: true },
		{
			kind: 'table',
			nowrap: [1, 2],
			columns: ['Answer', 'Ballots', 'Share'],
			rows: [
				['Agree', '41', '71 %'],
				['Can live with it', '13', '22 %'],
				['Disagree', '4', '7 %']
			]
		},
		{
			kind: 'paragraph',
			text: 'Support holds in every group shown. Consensus: at least two thirds agree or can live with it in every stakeholder group shown.'
		},
		{ kind: 'heading', level: 3, text: 'What should the BPF build on?' },
		{ kind: 'paragraph', text: 'Open text · 12 ballots · closed at 10:26 UTC', note: true },
		{
			kind: 'table',
			nowrap: [1, 2],
			columns: ['Answer', 'Ballots', 'Share of ballots'],
			rows: [
				['see https://www.intgovforum.org/multilingual/content/bpf-cybersecurity', '5', '42 %'],
				['- Better coordination between CERTs', '4', '33 %'],
				['The GFCE’s work (https://thegfce.org/about_us/).', '3', '25 %']
			]
		},
		{
			kind: 'paragraph',
			text: 'Results are aggregates. A group with fewer than 3 ballots is shown as "too few to show", and so is the next smallest when needed, so that no one’s vote can be inferred.',
			note: true
		},
		{ kind: 'heading', level: 2, text: 'Agreed topics' },
		{
			kind: 'list',
			items: [
				'Cybersecurity culture, norms and values in 2018 — declared by Amina Diallo at 10:20 UTC',
				'Coordinated vulnerability disclosure across borders — declared by Amina Diallo at 10:21 UTC; reworded by Lars Pettersson at 10:23 UTC: “Coordinated vulnerability disclosure across borders”',
				'Security of the supply chain (withdrawn) — declared by Amina Diallo at 10:21 UTC; withdrawn by Amina Diallo at 10:24 UTC'
			]
		},
		{ kind: 'heading', level: 2, text: 'Speakers from the floor' },
		{
			kind: 'table',
			columns: ['Speaker', 'Stakeholder group', 'Taking part', 'During', 'Began', 'Spoke for'],
			rows: [
				[
					'Kenji Watanabe',
					'Government',
					'In the room',
					'Policy options for the SDGs',
					'09:34 UTC',
					'2 min 5 s'
				],
				[
					'Tomasz Nowak',
					'Private sector',
					'Remote',
					'Policy options for the SDGs',
					'09:37 UTC',
					'1 min 48 s'
				],
				['Grace Mwangi', 'Civil society', 'In the room', 'Priorities for 2018', '10:05 UTC', '2 min 30 s'],
				['Anonymous participant', 'Not stated', 'Not stated', 'Priorities for 2018', '10:09 UTC', '55 s']
			]
		},
		{ kind: 'heading', level: 2, text: 'Questions from the room' },
		{
			kind: 'table',
			columns: ['Question', 'Asked by', 'Upvotes', 'Status'],
			rows: [
				[
					'Should CERTs share indicators with law enforcement & industry when they are <24 h old?',
					'Grace Mwangi',
					'17',
					'Answered 09:52 UTC'
				],
				[
					'How do the norms apply to <script> kiddies and botnets for hire?',
					'Anonymous (remote)',
					'9',
					'Not answered'
				],
				[
					'Who pays for capacity building\nin least developed countries?',
					'Sofía Herrera',
					'6',
					'Answered 09:58 UTC'
				]
			]
		},
		{ kind: 'heading', level: 2, text: 'Key issues and takeaways' },
		{ kind: 'heading', level: 3, text: 'Key issues tagged during the session' },
		{
			kind: 'list',
			items: [
				'Norms without enforcement are *wishes* — see [GFCE](https://thegfce.org) (comment)',
				'# of incidents reported is not a measure of security (question)'
			]
		},
		{ kind: 'heading', level: 2, text: 'Policy options for the SDGs: cards and comments' },
		{
			kind: 'table',
			columns: ['Card', 'On screen', 'Priority marks', 'Comments'],
			rows: [
				['Security by design in public procurement', '09:33 UTC', '22', '2'],
				['A CERT in every country by 2020', '09:44 UTC', '15', '1']
			]
		},
		{ kind: 'heading', level: 3, text: 'Security by design in public procurement' },
		{
			kind: 'list',
			items: [
				'Governments buy 10–15 % of all IT: use that weight. — Kenji Watanabe, Government',
				'Small vendors can’t afford certification | they need templates\nand shared test labs. — Anonymous'
			]
		},
		{ kind: 'heading', level: 2, text: 'Rapporteur’s notes' },
		{ kind: 'heading', level: 3, text: '3. Policy options for the SDGs' },
		{
			kind: 'paragraph',
			text: 'The draft output links each policy option to an SDG target.\nSpeakers asked for <concrete> examples & fewer recommendations.\n\nRemote participants joined from 14 countries.'
		},
		{ kind: 'heading', level: 2, text: 'Participation' },
		{
			kind: 'fields',
			entries: [
				{ label: 'Joined from a phone or laptop', value: '87' },
				{ label: 'In the room', value: '52' },
				{ label: 'Remote', value: '31' },
				{ label: 'Did not say', value: '4' },
				{ label: 'Most connected at once', value: '79 (in the room 50, remote 29)' },
				{ label: 'Women (self-declared)', value: '29 of 66 who stated their gender' },
				{ label: 'Civil society', value: '24' },
				{ label: 'Government', value: '19' }
			]
		},
		{ kind: 'heading', level: 2, text: 'Timeline' },
		{
			kind: 'table',
			nowrap: [0],
			columns: ['Time', 'Event', 'Detail'],
			rows: [
				['09:00 UTC', 'Session started', ''],
				['09:33 UTC', 'Card on screen', 'Security by design in public procurement'],
				['10:02 UTC', 'Poll opened', 'Which topics should the BPF on Cybersecurity take up in 2018?'],
				['10:20 UTC', 'Topic agreed', 'Cybersecurity culture, norms and values in 2018'],
				['10:30 UTC', 'Session ended', '']
			]
		},
		{
			kind: 'paragraph',
			text: 'Record of BPF17, generated 2017-12-20 10:41 UTC by Plenary. Times are in UTC.',
			note: true
		}
	]
};
