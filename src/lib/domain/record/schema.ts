import { z } from 'zod';
import { CARD_PLACEMENTS, ITEM_KINDS } from '../agenda';
import { LOCALES } from '../../i18n/locales';
import { MEETING_ROLES, PARTICIPATION_MODES, STAKEHOLDER_GROUPS } from '../meeting';
import { POLL_KINDS, POLL_STATUSES, type ConsensusStance } from '../polls/types';
import { QUESTION_STATUSES } from '../questions';
import { TAGS, TAG_TARGETS } from '../comments';
import { TOPIC_CHANGES, TOPIC_STATUSES } from './topics';

/**
 * The session record as exported to JSON: the contract other tools read. It is versioned by
 * `formatVersion`; docs/record.schema.json is generated from this file (`npm run docs:schemas`).
 * Everything in it is an aggregate or something said in front of the room: no ballot, no
 * participant token, no declared gender beside anything but a count.
 */

export const RECORD_FORMAT = 'plenary-record';
export const RECORD_FORMAT_VERSION = 2;

const instant = z.iso.datetime().describe('A moment in UTC, ISO 8601 with a Z suffix.');
const group = z.enum(STAKEHOLDER_GROUPS);
const mode = z.enum(PARTICIPATION_MODES);
const tag = z.enum(TAGS);

const optionCount = z.object({ optionId: z.string(), count: z.int().nonnegative() });

const tally = z.discriminatedUnion('kind', [
	z.object({ kind: z.enum(['single', 'multiple']), counts: z.array(optionCount) }),
	z.object({
		kind: z.literal('ranking'),
		method: z.literal('borda').describe('With n options a first place earns n-1 points, a last place 0.'),
		points: z.array(z.object({ optionId: z.string(), points: z.int().nonnegative() })),
		firstPreferences: z.array(optionCount)
	}),
	z.object({
		kind: z.literal('consensus'),
		// Each stance a property of its own, not a record keyed by an enum, whose JSON Schema strict
		// validators refuse (its `required` names properties that only `propertyNames` defines).
		counts: z.object({
			support: z.int().nonnegative(),
			live_with: z.int().nonnegative(),
			object: z.int().nonnegative()
		}) satisfies z.ZodType<Record<ConsensusStance, number>>
	}),
	z.object({
		kind: z.enum(['open_text', 'word_cloud']),
		entries: z
			.array(z.object({ key: z.string(), text: z.string(), count: z.int().positive() }))
			.describe('Texts a moderator approved, grouped: how many ballots gave each.'),
		pending: z.int().nonnegative().describe('Ballots whose text no moderator approved.')
	})
]);

const groupResult = <G extends z.ZodType>(groupSchema: G) =>
	z.object({
		group: groupSchema,
		ballots: z.int().positive(),
		suppressed: z
			.boolean()
			.describe('True when the tally is withheld so that no one’s vote can be inferred.'),
		tally: tally.nullable()
	});

const pollResults = z.object({
	ballots: z.int().nonnegative(),
	overall: tally,
	byGroup: z
		.array(groupResult(z.union([group, z.literal('unspecified')])))
		.describe('Filled once the poll is closed (never for free text or a poll opened again).'),
	byMode: z
		.array(groupResult(z.union([mode, z.literal('unspecified')])))
		.describe('Always empty in the record: beside byGroup it could give a ballot away.'),
	consensus: z
		.object({
			rule: z.string(),
			groups: z.array(z.object({ group: z.union([group, z.literal('unspecified')]), holds: z.boolean() })),
			holdsEverywhere: z.boolean()
		})
		.nullable()
});

const comment = z.object({
	id: z.string(),
	text: z.string(),
	author: z.string().nullable().describe('The name the attendee gave, or null when anonymous.'),
	stakeholderGroup: group.nullable(),
	mode: mode.nullable(),
	at: instant,
	tags: z.array(tag)
});

const card = z.object({
	id: z.string(),
	title: z.string(),
	body: z.string(),
	placement: z.enum(CARD_PLACEMENTS),
	shownAt: instant.nullable().describe('When the card first came on screen; null if it never did.'),
	priorityMarks: z.int().nonnegative(),
	comments: z.array(comment),
	tags: z.array(tag)
});

const visit = z.object({ startedAt: instant, endedAt: instant.nullable() });

const agendaItem = z.object({
	id: z.string(),
	number: z.int().positive(),
	kind: z.enum(ITEM_KINDS),
	title: z.string(),
	body: z.string(),
	startedAt: instant.nullable(),
	endedAt: instant.nullable(),
	seconds: z.int().nonnegative().describe('Time spent on the item, summed over its visits.'),
	visits: z.array(visit),
	cards: z.array(card),
	panelists: z.array(z.object({ name: z.string(), affiliation: z.string(), stakeholderGroup: group })),
	pollIds: z.array(z.string()),
	notes: z.string().describe('The rapporteur’s notes on the item.')
});

const poll = z.object({
	id: z.string(),
	itemId: z.string().nullable(),
	kind: z.enum(POLL_KINDS),
	question: z.string(),
	status: z.enum(POLL_STATUSES),
	options: z.array(z.object({ id: z.string(), label: z.string() })),
	openedAt: instant.nullable(),
	closedAt: instant.nullable(),
	results: pollResults.nullable().describe('Final results once closed, live results while open.')
});

const question = z.object({
	id: z.string(),
	text: z.string(),
	author: z.string().nullable(),
	stakeholderGroup: group.nullable(),
	mode: mode.nullable(),
	status: z.enum(QUESTION_STATUSES),
	upvotes: z.int().nonnegative(),
	askedAt: instant,
	answeredAt: instant.nullable(),
	tags: z.array(tag)
});

const speaker = z.object({
	name: z.string(),
	affiliation: z
		.string()
		.nullable()
		.describe(
			"The institution given beside the name: the one a phone had in its profile when asking, the agenda's for a panelist; null when none was given."
		),
	panelist: z
		.boolean()
		.describe('Whether the speaker spoke as a panelist of the agenda (given the floor by the moderator).'),
	stakeholderGroup: group.nullable(),
	mode: mode,
	itemId: z.string().nullable().describe('The agenda item on screen when the speaker began.'),
	requestedAt: instant,
	startedAt: instant,
	endedAt: instant.nullable(),
	seconds: z.int().nonnegative().nullable()
});

const topicChange = z.object({
	change: z.enum(TOPIC_CHANGES),
	wording: z.string(),
	by: z.string().nullable().describe('The user name of who made the change.'),
	role: z.enum(MEETING_ROLES).nullable(),
	at: instant
});

const agreedTopic = z.object({
	id: z.string(),
	itemId: z.string().nullable(),
	pollId: z.string().nullable().describe('The consensus check the topic was declared from, if any.'),
	wording: z.string(),
	status: z.enum(TOPIC_STATUSES),
	declaredAt: instant,
	history: z.array(topicChange)
});

const tagged = z.object({
	tag,
	target: z.enum(TAG_TARGETS),
	targetId: z.string(),
	text: z.string(),
	sentence: z.string().describe('The one-sentence wording the report uses for this item.'),
	sentenceSource: z
		.enum(['rapporteur', 'prefilled'])
		.describe('Written by the rapporteur, or proposed from the item when it was tagged.'),
	at: instant
});

export const REPORT_FIELDS = [
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
] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

const reportField = z.object({
	key: z.enum(REPORT_FIELDS),
	label: z.string(),
	value: z.string(),
	source: z
		.enum(['rapporteur', 'prefilled'])
		.describe('Written or edited by the rapporteur, or filled in from what the session recorded.'),
	by: z.string().nullable().describe('Who wrote or accepted the text (null while prefilled).'),
	accepted: z
		.boolean()
		.describe('True when a person accepted the prefilled text as it stands: checked, not rewritten.'),
	evidence: z
		.string()
		.nullable()
		.describe(
			'What the session offers beside the field: what a prefilled text was drawn from, or figures for the rapporteur’s own estimate (phone counts are not headcounts).'
		)
});

const participation = z.object({
	joined: z.int().nonnegative().describe('Phones that joined the meeting.'),
	inRoom: z.int().nonnegative(),
	remote: z.int().nonnegative(),
	modeUnstated: z.int().nonnegative(),
	peakConnected: z.int().nonnegative().describe('Most attendees connected at once.'),
	peakInRoom: z.int().nonnegative(),
	peakRemote: z.int().nonnegative(),
	byStakeholderGroup: z.array(
		z.object({ group: z.union([group, z.literal('unspecified')]), count: z.int() })
	),
	women: z
		.int()
		.nonnegative()
		.describe('Attendees who declared themselves women: a count, joined to nothing.'),
	genderStated: z.int().nonnegative()
});

const event = z.object({
	at: instant,
	kind: z.enum([
		'session_started',
		'session_ended',
		'session_reopened',
		'item_started',
		'card_shown',
		'poll_opened',
		'poll_closed',
		'speaker',
		'question_answered',
		'topic_declared',
		'topic_reworded',
		'topic_withdrawn'
	]),
	text: z.string()
});

export const sessionRecordSchema = z
	.object({
		format: z.literal(RECORD_FORMAT),
		formatVersion: z.literal(RECORD_FORMAT_VERSION),
		generatedAt: instant,
		meeting: z.object({
			code: z.string(),
			title: z.string(),
			description: z.string(),
			venue: z.string(),
			date: z.string().nullable(),
			timeZone: z.string(),
			organiser: z.string(),
			startTime: z.string().nullable().describe('The planned local start (HH:MM) on `date`.'),
			rehearsal: z.boolean().describe('A rehearsal: held on another day than the planned `date`.'),
			language: z
				.enum(LOCALES)
				.describe(
					"The meeting's language: the report's headings, labels and prefilled sentences are written in it."
				),
			startedAt: instant.nullable(),
			endedAt: instant.nullable(),
			reopenings: z
				.array(
					z.object({
						endedAt: instant.describe('The end that was undone.'),
						reopenedAt: instant,
						by: z.string().nullable().describe('Who reopened it (null for a removed account).')
					})
				)
				.describe('Each time a moderator reopened the session after ending it, oldest first.')
		}),
		agenda: z.array(agendaItem),
		polls: z.array(poll),
		questions: z.array(question).describe('Questions the room saw, most upvoted first.'),
		speakers: z.array(speaker).describe('Who had the floor, in order.'),
		tagged: z.array(tagged).describe('Cards, comments and questions tagged key issue or takeaway.'),
		agreedTopics: z.array(agreedTopic),
		participation,
		report: z.array(reportField).describe('The IGF session report, in the order of its template.'),
		timeline: z.array(event).describe('What happened, in order.')
	})
	.describe('The record of one Plenary session.');

export type SessionRecord = z.infer<typeof sessionRecordSchema>;
export type RecordAgendaItem = SessionRecord['agenda'][number];
export type RecordPoll = SessionRecord['polls'][number];
export type RecordEvent = SessionRecord['timeline'][number];
