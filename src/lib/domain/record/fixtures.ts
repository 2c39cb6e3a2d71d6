import type { AgendaItem } from '../agenda';
import type { RecordFacts } from './facts';

/**
 * A stored session for tests of the record and its exports: the Geneva forum cut down to three
 * items, on 20 December 2017 from 09:00 UTC. Tests change only what they are about.
 */

/** A moment of the session: minutes (and seconds) after 09:00 UTC. */
export const at = (minute: number, second = 0) => new Date(Date.UTC(2017, 11, 20, 9, minute, second));

export const sessionAgenda: AgendaItem[] = [
	{ id: 'goals', kind: 'info', title: 'Goals', body: '', cards: [], focus: null, panelists: [] },
	{
		id: 'options',
		kind: 'walkthrough',
		title: 'Policy options',
		body: '',
		cards: [
			{ id: 'dos', title: 'Denial of service', body: '' },
			{ id: 'abuse', title: 'Online abuse and gender-based violence', body: '' }
		],
		focus: { title: 'Two areas', body: '', cards: [{ id: 'divide', title: 'Security divide', body: '' }] },
		panelists: []
	},
	{ id: 'topics', kind: 'agreement', title: '2018 topics', body: '', cards: [], focus: null, panelists: [] }
];

export function sessionFacts(overrides: Partial<RecordFacts> = {}): RecordFacts {
	return {
		now: at(59),
		meeting: {
			code: 'BPF2017',
			title: 'Best Practice Forum on Cybersecurity',
			description: '',
			venue: 'Geneva',
			date: '2017-12-20',
			timeZone: 'Europe/Zurich',
			organiser: 'IGF Secretariat',
			startTime: '10:00',
			rehearsal: false,
			language: 'en',
			startedAt: at(0),
			endedAt: at(50)
		},
		reopenings: [],
		agenda: sessionAgenda,
		moves: [
			{ item: 0, step: 0, at: at(0) },
			{ item: 1, step: 0, at: at(10) },
			{ item: 1, step: 1, at: at(12) },
			{ item: 1, step: 2, at: at(15) },
			{ item: 1, step: 3, at: at(20) },
			{ item: 2, step: 0, at: at(30) }
		],
		polls: [],
		questions: [],
		comments: [],
		priorityMarks: [],
		speakers: [],
		tags: [],
		topics: [],
		notes: [],
		report: [],
		people: {
			moderators: [{ name: 'chair', affiliation: '' }],
			rapporteurs: [{ name: 'Noor Haddad', affiliation: 'IGF Secretariat' }]
		},
		sentences: [],
		participants: [],
		peaks: { connected: 0, inRoom: 0, remote: 0 },
		...overrides
	};
}

/** A question the room saw, asked with no name at 09:21. */
export function askedQuestion(
	id: string,
	text: string,
	extra: Partial<RecordFacts['questions'][number]> = {}
): RecordFacts['questions'][number] {
	return {
		id,
		text,
		authorName: null,
		stakeholderGroup: null,
		mode: null,
		status: 'approved',
		upvotes: 0,
		askedAt: at(21),
		answeredAt: null,
		...extra
	};
}

/** A minute at the floor, from the room, beginning `minute` minutes after 09:00. */
export function spokenTurn(
	name: string,
	minute: number,
	extra: Partial<RecordFacts['speakers'][number]> = {}
): RecordFacts['speakers'][number] {
	return {
		name,
		affiliation: null,
		panelistId: null,
		stakeholderGroup: null,
		mode: 'in_room',
		requestedAt: at(minute),
		startedAt: at(minute),
		endedAt: at(minute + 1),
		...extra
	};
}
