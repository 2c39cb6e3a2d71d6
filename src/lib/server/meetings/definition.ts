import { z } from 'zod';
import { ITEM_KINDS } from '$lib/domain/agenda';
import { POLL_KINDS } from '$lib/domain/polls/types';
import {
	JOIN_CODE_PATTERN,
	PARTICIPATION_RULES,
	PASSCODE_PATTERN,
	STAKEHOLDER_GROUPS,
	isTimeZone
} from '$lib/domain/meeting';
import { LOCALES } from '$lib/i18n/locales';

/**
 * A meeting definition file: the portable form of a meeting, its agenda and its prepared polls
 * (format version 1; fields added since are optional, so every version-1 file stays valid).
 * Documented in docs/meeting-file.md, with its JSON Schema in docs/meeting.schema.json.
 */
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes');
const text = (max: number) => z.string().trim().max(max);

const card = z.object({ id, title: text(200).min(1), body: text(4000).default('') });

const panelist = z.object({
	id,
	name: text(200).min(1),
	affiliation: text(200).default(''),
	stakeholderGroup: z.enum(STAKEHOLDER_GROUPS)
});

export const agendaItemSchema = z.object({
	id,
	kind: z.enum(ITEM_KINDS),
	title: text(200).min(1),
	body: text(8000).default(''),
	cards: z.array(card).max(100).default([]),
	focus: z
		.object({
			title: text(200).min(1),
			body: text(4000).default(''),
			cards: z.array(card).max(20).default([])
		})
		.nullable()
		.default(null),
	panelists: z.array(panelist).max(50).default([])
});

export const pollDefinitionSchema = z.object({
	id,
	/** The agenda item the poll belongs to (its id), or null. */
	itemId: id.nullable().default(null),
	kind: z.enum(POLL_KINDS),
	question: text(300).min(1),
	options: z
		.array(z.object({ id, label: text(200).min(1) }))
		.max(30)
		.default([]),
	maxPicks: z.number().int().min(1).max(30).nullable().default(null),
	wordLimit: z.number().int().min(1).max(500).nullable().default(null)
});

/** A meeting's own settings: what the admin area edits and a file's `meeting` holds. */
export const meetingSettingsSchema = z.object({
	code: z.string().regex(JOIN_CODE_PATTERN, '4 to 12 upper-case letters or digits'),
	title: text(200).min(1),
	description: text(4000).default(''),
	venue: text(200).default(''),
	date: z.iso.date().nullable().default(null),
	/** Local start time in the meeting's time zone. */
	startTime: z
		.string()
		.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM')
		.nullable()
		.default(null),
	timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Zurich').default('UTC'),
	organiser: text(200).default(''),
	commentDeadline: z.iso.datetime().nullable().default(null),
	/** A rehearsal keeps the comment deadline in its data but does not enforce it. */
	rehearsal: z.boolean().default(false),
	speakingSeconds: z.number().int().min(15).max(3600).default(180),
	premoderation: z.boolean().default(false),
	/** Phones type it before joining; null for an open meeting. */
	passcode: z.string().regex(PASSCODE_PATTERN, '4 to 32 letters or digits').nullable().default(null),
	/** Who may take part: anyone with the code, or only with the room code the projector shows. */
	participation: z.enum(PARTICIPATION_RULES).default('anyone'),
	/** The language the meeting is held in: its report's headings and sentences are written in it. */
	language: z.enum(LOCALES).default('en')
});

interface AgendaAndPolls {
	agenda: z.infer<typeof agendaItemSchema>[];
	polls: z.infer<typeof pollDefinitionSchema>[];
}

const agendaShape = {
	agenda: z.array(agendaItemSchema).min(1).max(100),
	polls: z.array(pollDefinitionSchema).max(200).default([])
};

export const meetingDefinitionSchema = z
	.object({
		format: z.literal('plenary-meeting'),
		formatVersion: z.literal(1),
		meeting: meetingSettingsSchema,
		...agendaShape
	})
	.superRefine(checkAgenda, { when: ({ value }) => listsToCheck(value) });

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null;

/**
 * The cross-checks also run when other fields failed (a missing title must not hide a repeated
 * id), as long as the lists they walk are lists.
 */
function listsToCheck(value: unknown): boolean {
	if (!isObject(value) || !Array.isArray(value.agenda) || !Array.isArray(value.polls)) return false;
	const objects = (list: unknown) => Array.isArray(list) && list.every(isObject);
	const items = value.agenda.every(
		(item) =>
			isObject(item) &&
			objects(item.cards) &&
			objects(item.panelists) &&
			(item.focus === null || (isObject(item.focus) && objects(item.focus.cards)))
	);
	return items && value.polls.every((poll) => isObject(poll) && objects(poll.options));
}

/** Ids are unique within the meeting, and every poll fits the agenda it belongs to. */
function checkAgenda(definition: AgendaAndPolls, context: z.RefinementCtx): void {
	// Items, cards and panelists are addressed by id within a meeting, so ids must not repeat.
	const seen = new Set<string>();
	definition.agenda.forEach((item, itemIndex) => {
		const claims: [string, (string | number)[]][] = [
			[item.id, ['agenda', itemIndex, 'id']],
			...item.cards.map((c, i): [string, (string | number)[]] => [
				c.id,
				['agenda', itemIndex, 'cards', i, 'id']
			]),
			...(item.focus?.cards ?? []).map((c, i): [string, (string | number)[]] => [
				c.id,
				['agenda', itemIndex, 'focus', 'cards', i, 'id']
			]),
			...item.panelists.map((p, i): [string, (string | number)[]] => [
				p.id,
				['agenda', itemIndex, 'panelists', i, 'id']
			])
		];
		for (const [claimed, path] of claims) {
			if (seen.has(claimed))
				context.addIssue({ code: 'custom', message: `id "${claimed}" is used twice`, path });
			seen.add(claimed);
		}
	});
	checkPolls(definition.polls, new Set(definition.agenda.map((item) => item.id)), context);
}

/** Poll ids are unique, each poll belongs to an existing item, and only choice polls have options. */
function checkPolls(
	polls: z.infer<typeof pollDefinitionSchema>[],
	itemIds: Set<string>,
	context: z.RefinementCtx
): void {
	const pollIds = new Set<string>();
	polls.forEach((poll, index) => {
		const at = (...path: (string | number)[]) => ['polls', index, ...path];
		if (pollIds.has(poll.id))
			context.addIssue({ code: 'custom', message: `poll id "${poll.id}" is used twice`, path: at('id') });
		pollIds.add(poll.id);
		if (poll.itemId !== null && !itemIds.has(poll.itemId)) {
			context.addIssue({
				code: 'custom',
				message: `no agenda item has id "${poll.itemId}"`,
				path: at('itemId')
			});
		}
		const withOptions = poll.kind === 'single' || poll.kind === 'multiple' || poll.kind === 'ranking';
		if (withOptions && poll.options.length < 2) {
			context.addIssue({
				code: 'custom',
				message: 'a choice poll needs at least two options',
				path: at('options')
			});
		}
		if (!withOptions && poll.options.length > 0) {
			context.addIssue({
				code: 'custom',
				message: `a ${poll.kind} poll has no options`,
				path: at('options')
			});
		}
		if (new Set(poll.options.map((option) => option.id)).size !== poll.options.length) {
			context.addIssue({ code: 'custom', message: 'option ids repeat', path: at('options') });
		}
	});
}

/** What the agenda editor saves: the agenda and polls, named by the revision they were edited on. */
export const agendaEditSchema = z
	.object({ revision: z.number().int().min(1), ...agendaShape })
	.superRefine(checkAgenda, { when: ({ value }) => listsToCheck(value) });

export type MeetingDefinition = z.infer<typeof meetingDefinitionSchema>;

export type MeetingSettings = z.infer<typeof meetingSettingsSchema>;
