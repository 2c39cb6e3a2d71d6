import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { AgendaItem } from '../agenda';
import { tallyPoll } from '../polls/tally';
import { reportWords } from '$lib/server/record/words';
import { buildRecord, visitsOf } from './build';
import type { RecordFacts } from './facts';
import { askedQuestion, at, sessionAgenda, sessionFacts, spokenTurn } from './fixtures';
import { sessionRecordSchema } from './schema';

const english = reportWords('en');
const built = (f: RecordFacts) => buildRecord(f, english);

const agenda = sessionAgenda;
const facts = sessionFacts;

describe('the agenda as held', () => {
	it('gives each item its start, end and time spent, from the moves', () => {
		const record = built(facts());
		expect(record.agenda.map((i) => [i.startedAt, i.endedAt, i.seconds])).toEqual([
			[at(0).toISOString(), at(10).toISOString(), 600],
			[at(10).toISOString(), at(30).toISOString(), 1200],
			[at(30).toISOString(), at(50).toISOString(), 1200]
		]);
	});

	it('leaves out moves before the session started (a rehearsal)', () => {
		const rehearsal = [{ item: 2, step: 0, at: new Date(Date.UTC(2017, 11, 19, 17)) }];
		const record = built(facts({ moves: [...rehearsal, ...facts().moves] }));
		expect(record.agenda[2].visits).toHaveLength(1);
		expect(record.agenda[2].startedAt).toBe(at(30).toISOString());
	});

	it('counts an item visited twice once per visit, and leaves a running item open', () => {
		const moves = [
			{ item: 0, step: 0, at: at(0) },
			{ item: 1, step: 0, at: at(5) },
			{ item: 0, step: 0, at: at(8) },
			{ item: 1, step: 0, at: at(9) }
		];
		const record = built(facts({ moves, meeting: { ...facts().meeting, endedAt: null } }));
		expect(record.agenda[0].visits).toHaveLength(2);
		expect(record.agenda[0].seconds).toBe(5 * 60 + 60);
		expect(record.agenda[1].endedAt).toBeNull();
		expect(record.agenda[2].startedAt).toBeNull();
	});

	it('knows when each card was first on screen, focus cards included', () => {
		const cards = built(facts()).agenda[1].cards;
		expect(cards.map((c) => [c.id, c.placement, c.shownAt])).toEqual([
			['dos', 'walkthrough', at(12).toISOString()],
			['abuse', 'walkthrough', at(15).toISOString()],
			['divide', 'focus', at(20).toISOString()]
		]);
	});

	it('visits never overlap and cover the session in order (property)', () => {
		const move = fc.record({
			item: fc.integer({ min: 0, max: 2 }),
			step: fc.constant(0),
			minute: fc.integer({ min: 0, max: 59 })
		});
		fc.assert(
			fc.property(fc.array(move, { maxLength: 30 }), (raw) => {
				const moves = raw
					.map((m) => ({ item: m.item, step: m.step, at: at(m.minute) }))
					.sort((a, b) => a.at.getTime() - b.at.getTime());
				const visits = visitsOf(moves, at(59));
				for (let i = 1; i < visits.length; i++) {
					expect(visits[i].item).not.toBe(visits[i - 1].item);
					expect(visits[i - 1].endedAt).toEqual(visits[i].startedAt);
				}
				if (visits.length > 0) expect(visits.at(-1)?.endedAt).toEqual(at(59));
			})
		);
	});
});

describe('what the room did', () => {
	it('keeps questions the room saw, most upvoted first, without pending or hidden ones', () => {
		const q = (
			id: string,
			status: 'pending' | 'approved' | 'hidden' | 'answered',
			upvotes: number,
			minute: number
		) => ({
			id,
			text: `Question ${id}`,
			authorName: null,
			stakeholderGroup: null,
			mode: null,
			status,
			upvotes,
			askedAt: at(minute),
			answeredAt: status === 'answered' ? at(minute + 1) : null
		});
		const record = built(
			facts({
				questions: [
					q('a', 'approved', 2, 1),
					q('b', 'hidden', 9, 2),
					q('c', 'answered', 5, 3),
					q('d', 'pending', 7, 4),
					q('e', 'approved', 2, 0)
				]
			})
		);
		expect(record.questions.map((x) => x.id)).toEqual(['c', 'e', 'a']);
	});

	it('gives each speaker the item on screen and the time they spoke', () => {
		const record = built(
			facts({
				speakers: [
					{
						name: 'Remote voice',
						affiliation: null,
						panelistId: null,
						stakeholderGroup: 'academia',
						mode: 'remote',
						requestedAt: at(31),
						startedAt: at(33),
						endedAt: at(35, 30)
					},
					{
						name: 'Hall voice',
						affiliation: null,
						panelistId: null,
						stakeholderGroup: null,
						mode: 'in_room',
						requestedAt: at(11),
						startedAt: at(13),
						endedAt: null
					}
				]
			})
		);
		expect(record.speakers.map((s) => [s.name, s.itemId, s.seconds])).toEqual([
			['Hall voice', 'options', null],
			['Remote voice', 'topics', 150]
		]);
	});

	it("gives a speaker from the floor the affiliation they asked with, and a panelist the agenda's", () => {
		const panel: AgendaItem = {
			id: 'panel',
			kind: 'panel',
			title: 'Panel',
			body: '',
			cards: [],
			focus: null,
			panelists: [{ id: 'p1', name: 'Ana Ruiz', affiliation: 'ITU', stakeholderGroup: 'intergovernmental' }]
		};
		const speaker = {
			mode: 'in_room' as const,
			requestedAt: at(11),
			startedAt: at(12),
			endedAt: at(13)
		};
		const record = built(
			facts({
				agenda: [panel, ...agenda],
				speakers: [
					{ ...speaker, name: 'Lee', affiliation: 'APNIC', panelistId: null, stakeholderGroup: null },
					// Stored while the agenda still held a placeholder; the agenda names her now.
					{
						...speaker,
						startedAt: at(14),
						name: 'Government panelist',
						affiliation: null,
						panelistId: 'p1',
						stakeholderGroup: 'government'
					},
					{
						...speaker,
						startedAt: at(15),
						name: 'Gone',
						affiliation: 'Old',
						panelistId: 'p9',
						stakeholderGroup: null
					},
					{
						...speaker,
						startedAt: at(16),
						name: 'Sam',
						affiliation: null,
						panelistId: null,
						stakeholderGroup: null
					}
				]
			})
		);
		expect(
			record.speakers.map(({ name, affiliation, panelist, stakeholderGroup }) => ({
				name,
				affiliation,
				panelist,
				stakeholderGroup
			}))
		).toEqual([
			{ name: 'Lee', affiliation: 'APNIC', panelist: false, stakeholderGroup: null },
			{ name: 'Ana Ruiz', affiliation: 'ITU', panelist: true, stakeholderGroup: 'intergovernmental' },
			{ name: 'Gone', affiliation: 'Old', panelist: true, stakeholderGroup: null },
			{ name: 'Sam', affiliation: null, panelist: false, stakeholderGroup: null }
		]);
	});

	it('shows a topic with its last wording and every change, and a withdrawn one as withdrawn', () => {
		const record = built(
			facts({
				topics: [
					{
						id: 't1',
						itemId: 'topics',
						pollId: 'c1',
						position: 0,
						history: [
							{
								change: 'declared',
								wording: 'The digital security divide',
								by: 'chair',
								role: 'moderator',
								at: at(40)
							},
							{
								change: 'reworded',
								wording: 'Closing the digital security divide',
								by: 'notes',
								role: 'rapporteur',
								at: at(41)
							}
						]
					},
					{
						id: 't2',
						itemId: 'topics',
						pollId: null,
						position: 1,
						history: [
							{ change: 'declared', wording: 'Norms', by: 'chair', role: 'moderator', at: at(42) },
							{ change: 'withdrawn', wording: 'Norms', by: 'chair', role: 'moderator', at: at(43) }
						]
					}
				]
			})
		);
		expect(record.agreedTopics.map((t) => [t.wording, t.status, t.history.length])).toEqual([
			['Closing the digital security divide', 'agreed', 2],
			['Norms', 'withdrawn', 2]
		]);
		expect(record.report.find((f) => f.key === 'way_forward')?.value).toContain(
			'Closing the digital security divide'
		);
		expect(record.report.find((f) => f.key === 'way_forward')?.value).not.toContain('Norms');
		expect(record.timeline.filter((e) => e.kind.startsWith('topic_')).map((e) => e.kind)).toEqual([
			'topic_declared',
			'topic_reworded',
			'topic_declared',
			'topic_withdrawn'
		]);
	});

	it('counts participants without joining gender to anything', () => {
		const record = built(
			facts({
				participants: [
					{ stakeholderGroup: 'government', mode: 'in_room', woman: true, genderStated: true },
					{ stakeholderGroup: 'government', mode: 'remote', woman: false, genderStated: true },
					{ stakeholderGroup: null, mode: null, woman: false, genderStated: false }
				],
				peaks: { connected: 3, inRoom: 1, remote: 1 }
			})
		);
		expect(record.participation).toMatchObject({
			joined: 3,
			inRoom: 1,
			remote: 1,
			modeUnstated: 1,
			women: 1,
			genderStated: 2
		});
		expect(record.participation.byStakeholderGroup).toEqual([
			{ group: 'government', count: 2 },
			{ group: 'unspecified', count: 1 }
		]);
		expect(JSON.stringify(record.participation.byStakeholderGroup)).not.toMatch(/woman|women|gender/);
	});
});

describe("the meeting's language", () => {
	it('is in the record, as the meeting says', () => {
		const record = built(facts({ meeting: { ...facts().meeting, language: 'fr' } }));
		expect(record.meeting.language).toBe('fr');
		expect(sessionRecordSchema.safeParse(record).success).toBe(true);
		expect(
			sessionRecordSchema.safeParse({ ...record, meeting: { ...record.meeting, language: 'de' } }).success
		).toBe(false);
	});
});

describe('an ended session reopened', () => {
	it('shows each end and reopening, with who reopened it, in the meeting and the timeline', () => {
		const record = built(facts({ reopenings: [{ endedAt: at(40), reopenedAt: at(42), by: 'chair' }] }));
		expect(record.meeting.reopenings).toEqual([
			{ endedAt: at(40).toISOString(), reopenedAt: at(42).toISOString(), by: 'chair' }
		]);
		const clock = record.timeline.filter((event) => event.kind.startsWith('session_'));
		expect(clock.map(({ kind, text }) => [kind, text])).toEqual([
			['session_started', 'Session started: Best Practice Forum on Cybersecurity'],
			['session_ended', 'Session ended'],
			['session_reopened', 'Session reopened by chair'],
			['session_ended', 'Session ended']
		]);
		expect(sessionRecordSchema.safeParse(record).success).toBe(true);
	});
});

describe('the report', () => {
	it('is filled in from the session where the rapporteur wrote nothing', () => {
		const record = built(facts());
		const field = (key: string) => record.report.find((f) => f.key === key);
		expect(field('title')).toMatchObject({
			value: 'Best Practice Forum on Cybersecurity',
			source: 'prefilled'
		});
		expect(field('moderator')?.value).toBe('chair');
		expect(field('rapporteur')?.value).toBe('Noor Haddad (IGF Secretariat)');
		expect(field('date_time')?.value).toBe('20 December 2017, 10:00–10:50 Europe/Zurich (09:00–09:50 UTC)');
		// The "Online abuse and gender-based violence" card was on screen, and nothing more: no discussion.
		expect(field('gender_issues')).toMatchObject({ value: '', source: 'prefilled' });
		expect(field('gender_issues')?.evidence).toContain('only shown on screen');
	});

	it('keeps what the rapporteur wrote, even an empty field', () => {
		const record = built(
			facts({
				report: [
					{ field: 'discussion', text: 'Lively.', by: 'notes', accepted: false },
					{ field: 'organiser', text: '', by: 'notes', accepted: false }
				]
			})
		);
		expect(record.report.find((f) => f.key === 'discussion')).toMatchObject({
			value: 'Lively.',
			source: 'rapporteur'
		});
		expect(record.report.find((f) => f.key === 'organiser')).toMatchObject({
			value: '',
			source: 'rapporteur'
		});
	});

	it('lists the fields in the order of the IGF template', () => {
		expect(built(facts()).report.map((f) => f.key)).toEqual([
			'title',
			'date_time',
			'organiser',
			'moderator',
			'rapporteur',
			'speakers',
			'key_issues',
			'presentations',
			'discussion',
			'policy_recommendations',
			'way_forward',
			'outcomes',
			'participants',
			'women_participants',
			'gender_issues'
		]);
	});
});

describe('the JSON contract', () => {
	/** The published schema, as a reader compiles it: Ajv's JSON Schema 2020-12, with its formats. */
	const published = JSON.parse(
		readFileSync(new URL('../../../../docs/record.schema.json', import.meta.url), 'utf8')
	);
	const validate = addFormats(new Ajv2020()).compile(published);

	it('compiles in Ajv 2020 as it comes, and under every strict rule', () => {
		expect(() => addFormats(new Ajv2020({ strict: true })).compile(published)).not.toThrow();
		// Its instants are `date-time`s: without ajv-formats, Ajv refuses the schema rather than skip them.
		expect(() => new Ajv2020().compile(published)).toThrow(/unknown format "date-time"/);
	});

	it('a record with polls of every kind matches its published schema', () => {
		const options = [
			{ id: 'dos', label: 'Denial of service' },
			{ id: 'abuse', label: 'Online abuse' }
		];
		const spec = {
			kind: 'consensus' as const,
			question: 'Divide?',
			options: [],
			maxPicks: null,
			wordLimit: null
		};
		const results = tallyPoll(spec, [
			{
				choice: { kind: 'consensus', stance: 'support', reason: null },
				group: 'government',
				mode: 'in_room'
			},
			{ choice: { kind: 'consensus', stance: 'object', reason: null }, group: 'academia', mode: 'remote' }
		]);
		const record = built(
			facts({
				polls: [
					{
						id: 'c1',
						itemId: 'topics',
						kind: 'consensus',
						question: 'Divide?',
						status: 'closed',
						options: [],
						openedAt: at(35),
						closedAt: at(38),
						results
					},
					{
						id: 'm1',
						itemId: 'options',
						kind: 'multiple',
						question: 'Which two?',
						status: 'draft',
						options,
						openedAt: null,
						closedAt: null,
						results: null
					}
				]
			})
		);
		const valid = validate(JSON.parse(JSON.stringify(record)));
		expect(validate.errors ?? []).toEqual([]);
		expect(valid).toBe(true);
	});

	it('the schema refuses a record that breaks it', () => {
		const record = JSON.parse(JSON.stringify(built(facts())));
		expect(validate(record)).toBe(true);
		record.agenda[0].startedAt = 'yesterday';
		expect(validate(record)).toBe(false);
		record.agenda[0].startedAt = '2017-12-20T09:00:00.000Z';
		record.generatedAt = '2017-02-30T09:00:00Z';
		expect(validate(record)).toBe(false);
		expect(validate.errors?.[0]?.instancePath).toBe('/generatedAt');
	});
});

describe('the report fields, as the IGF template means them', () => {
	const field = (record: ReturnType<typeof built>, key: string) => record.report.find((f) => f.key === key)!;
	const question = (id: string, text: string, upvotes = 0) => askedQuestion(id, text, { upvotes });

	it('lists as speakers only who spoke, once each, in order, with affiliation, never a placeholder', () => {
		const spoke = spokenTurn;
		const record = built(
			facts({
				speakers: [
					spoke('Maria Lopez', 25, { affiliation: 'CERT.br', stakeholderGroup: 'technical_community' }),
					spoke('Government panelist', 12, { affiliation: 'To be confirmed', panelistId: 'p1' }),
					spoke('Ahmed Said', 14, {
						affiliation: 'Ministry of ICT',
						panelistId: 'p2',
						stakeholderGroup: 'government'
					}),
					spoke('Maria Lopez', 35, { affiliation: 'CERT.br', stakeholderGroup: 'technical_community' })
				]
			})
		);
		const speakers = field(record, 'speakers');
		expect(speakers.value.split('\n')).toEqual([
			'- Ahmed Said (Ministry of ICT, Government; panelist)',
			'- Maria Lopez (CERT.br, Technical community; from the floor)'
		]);
		expect(speakers.value).not.toContain('To be confirmed');
		expect(speakers.evidence).toContain('One panelist');
	});

	it('proposes one sentence per tagged item, which the rapporteur’s own sentence replaces', () => {
		const tags: RecordFacts['tags'] = [
			{ target: 'question', targetId: 'q1', tag: 'key_issue', at: at(22) },
			{ target: 'card', targetId: 'dos', tag: 'key_issue', at: at(23) }
		];
		const questions = [question('q1', 'Who protects shared DNS services? And how are IXPs funded?')];
		const proposed = built(facts({ tags, questions }));
		expect(proposed.tagged.map((t) => [t.sentence, t.sentenceSource])).toEqual([
			['The room asked: Who protects shared DNS services?', 'prefilled'],
			['Denial of service', 'prefilled']
		]);
		expect(field(proposed, 'key_issues').value).toBe(
			'- The room asked: Who protects shared DNS services?\n- Denial of service'
		);
		const sentences = [
			{
				tag: 'key_issue' as const,
				target: 'card' as const,
				targetId: 'dos',
				text: 'Attacks on availability grow.'
			}
		];
		const edited = built(facts({ tags, questions, sentences }));
		expect(edited.tagged[1]).toMatchObject({
			sentence: 'Attacks on availability grow.',
			sentenceSource: 'rapporteur'
		});
		expect(field(edited, 'key_issues').value).toContain('- Attacks on availability grow.');
	});

	it('counts gender as discussed only on evidence, and says what the evidence was', () => {
		const record = built(
			facts({ questions: [question('q1', 'How do we protect women journalists online?')] })
		);
		const gender = field(record, 'gender_issues');
		expect(gender.value).toBe(
			'Gender came up in 1 question, for example: “How do we protect women journalists online?”'
		);
		expect(gender.evidence).toContain('mention gender or women');
	});

	it('leaves the headcounts to the rapporteur and offers the phone counts beside them as such', () => {
		const participants = Array.from({ length: 5 }, (_, i) => ({
			stakeholderGroup: null,
			mode: i < 3 ? ('in_room' as const) : ('remote' as const),
			woman: i === 0,
			genderStated: i < 2
		}));
		const record = built(facts({ participants, peaks: { connected: 4, inRoom: 3, remote: 1 } }));
		expect(field(record, 'participants')).toMatchObject({ value: '', source: 'prefilled' });
		expect(field(record, 'participants').evidence).toBe(
			'For your estimate, from the phones: 5 phones joined (3 in the room, 2 remote, 0 did not say); at most 4 were connected at once (3 in the room, 1 remote). These count phones, not people.'
		);
		expect(field(record, 'women_participants').value).toBe('');
		expect(field(record, 'women_participants').evidence).toContain(
			'1 of the 2 participants who stated a gender'
		);
	});

	it('says when a rehearsal is held on another day than planned', () => {
		const day = new Date(Date.UTC(2026, 11, 3, 13, 5));
		const record = built(
			facts({
				meeting: {
					...facts().meeting,
					rehearsal: true,
					startedAt: day,
					endedAt: new Date(day.getTime() + 3_600_000)
				},
				moves: [{ item: 0, step: 0, at: day }]
			})
		);
		expect(field(record, 'date_time').value).toBe(
			'3 December 2026, 14:05–15:05 Europe/Zurich (13:05–14:05 UTC). This was a rehearsal; the session is planned for 20 December 2017, 10:00 Europe/Zurich.'
		);
		expect(record.meeting.rehearsal).toBe(true);
	});

	it('fills policy recommendations, next steps and outcomes from takeaways, the highlight poll and agreed topics', () => {
		const options = [
			{ id: 'dos', label: 'Denial of service' },
			{ id: 'abuse', label: 'Online abuse' },
			{ id: 'iot', label: 'Industrial control systems' }
		];
		const ballots = [['dos'], ['dos'], ['abuse'], ['dos', 'abuse'], ['iot']].map((optionIds) => ({
			choice: { kind: 'multiple' as const, optionIds },
			group: null,
			mode: null
		}));
		const poll = {
			id: 'highlight',
			itemId: 'options',
			kind: 'multiple' as const,
			question: 'Which areas should we discuss?',
			status: 'closed' as const,
			options,
			openedAt: at(18),
			closedAt: at(19),
			results: tallyPoll(
				{
					kind: 'multiple',
					question: 'Which areas should we discuss?',
					options,
					maxPicks: 2,
					wordLimit: null
				},
				ballots
			)
		};
		const topics: RecordFacts['topics'] = [
			{
				id: 't1',
				itemId: 'topics',
				pollId: null,
				position: 0,
				history: [{ change: 'declared', wording: 'IoT security', by: 'chair', role: 'moderator', at: at(45) }]
			}
		];
		const tags: RecordFacts['tags'] = [{ target: 'card', targetId: 'divide', tag: 'takeaway', at: at(27) }];
		const record = built(facts({ polls: [poll], topics, tags }));
		const chose =
			'Policy options: the room chose Denial of service (3 votes) (poll “Which areas should we discuss?”, 5 ballots).';
		// The item goes on to one area in focus: the one option that led is the room's choice.
		expect(field(record, 'policy_recommendations').value).toBe('- Security divide');
		expect(field(record, 'way_forward').value).toBe(
			'The room agreed on this topic for next year’s work:\n- IoT security'
		);
		expect(field(record, 'outcomes').label).toBe('Outcomes of the Best Practice Forum');
		expect(field(record, 'outcomes').value).toContain(`- ${chose}`);
		expect(field(record, 'outcomes').value).toContain('- One topic was agreed for next year: IoT security.');
	});

	it('marks a prefilled text a person accepted, and keeps it so when the session changes after', () => {
		const prefilled = field(built(facts()), 'organiser');
		expect(prefilled).toMatchObject({ source: 'prefilled', accepted: false, by: null });
		const accepted = [{ field: 'organiser' as const, text: 'As it was', by: 'notes', accepted: true }];
		const record = built(facts({ report: accepted, meeting: { ...facts().meeting, organiser: 'Renamed' } }));
		expect(field(record, 'organiser')).toMatchObject({
			value: 'As it was',
			source: 'rapporteur',
			accepted: true,
			by: 'notes'
		});
		const written = [{ field: 'organiser' as const, text: prefilled.value, by: 'notes', accepted: false }];
		expect(field(built(facts({ report: written })), 'organiser')).toMatchObject({ accepted: false });
	});
});

describe('the report’s sentences and evidence, at their edges', () => {
	const field = (record: ReturnType<typeof built>, key: string) => record.report.find((f) => f.key === key)!;
	const ask = (id: string, text: string) => askedQuestion(id, text);

	it('keeps a speaker from the floor whose affiliation reads "N/A", without it', () => {
		const record = built(
			facts({
				speakers: [spokenTurn('Ana Ruiz', 15, { affiliation: 'N/A' })]
			})
		);
		expect(field(record, 'speakers')).toMatchObject({
			value: '- Ana Ruiz (from the floor)',
			evidence: null
		});
	});

	it('lists a person once, with the affiliation one of their turns gave, and names a speaker who gave no name in the report’s language', () => {
		const turn = (name: string, minute: number, affiliation: string | null) =>
			spokenTurn(name, minute, { affiliation });
		const speakers = [turn('Ana Ruiz', 15, null), turn('Attendee', 16, null), turn('Ana Ruiz', 17, 'ITU')];
		speakers[1].name = 'Unnamed attendee';
		const record = built(facts({ speakers }));
		expect(field(record, 'speakers').value.split('\n')).toEqual([
			'- Ana Ruiz (ITU; from the floor)',
			'- A participant who gave no name (from the floor)'
		]);
		const french = buildRecord(facts({ speakers }), reportWords('fr'));
		expect(french.speakers[1].name).toBe('Un participant ou une participante sans nom indiqué');
	});

	it('cuts a Chinese question at its first full stop, and leaves out an item whose sentence was emptied', () => {
		const tags: RecordFacts['tags'] = [
			{ target: 'question', targetId: 'q1', tag: 'key_issue', at: at(22) },
			{ target: 'card', targetId: 'dos', tag: 'key_issue', at: at(23) }
		];
		const sentences = [{ tag: 'key_issue' as const, target: 'card' as const, targetId: 'dos', text: '  ' }];
		const record = built(
			facts({ tags, sentences, questions: [ask('q1', '谁来保护共享服务？资金从哪里来？')] })
		);
		expect(field(record, 'key_issues').value).toBe('- The room asked: 谁来保护共享服务？');
	});

	it('proposes a question tagged as a takeaway in its own words', () => {
		const tags: RecordFacts['tags'] = [{ target: 'question', targetId: 'q1', tag: 'takeaway', at: at(22) }];
		const record = built(facts({ tags, questions: [ask('q1', 'Fund CERTs in small states. Soon.')] }));
		expect(field(record, 'policy_recommendations').value).toBe('- Fund CERTs in small states.');
	});

	it('does not take "genre" in the sense of "kind" for gender', () => {
		const record = built(facts({ questions: [ask('q1', 'Ce genre de menace touche les PME.')] }));
		expect(field(record, 'gender_issues').value).toBe('');
		const discussed = built(facts({ questions: [ask('q1', 'Et l’égalité des genres en ligne ?')] }));
		expect(field(discussed, 'gender_issues').value).toContain('égalité des genres');
	});
});
