/**
 * What a client may send, as zod schemas: the server parses every command with these, and the
 * payload types in `protocol.ts` are inferred from them, so the contract is written once.
 * Clients import this file for its types only; the schemas run on the server.
 */
import { z } from 'zod';
import { PARTICIPATION_MODES, PROJECTOR_THEMES, STAKEHOLDER_GROUPS } from '$lib/domain/meeting';
import { POLL_KINDS, TEXT_DECISIONS } from '$lib/domain/polls/types';
import { TAG_TARGETS, TAGS } from '$lib/domain/comments';
import { REPORT_FIELDS } from '$lib/domain/record/schema';
import { POLL_ACTIONS, QUESTION_ACTIONS, COMMENT_ACTIONS } from '$lib/domain/screen';
import { QUESTIONS_MOST } from '$lib/domain/questions';

/** Chosen by the client once per intent and reused on every retry of it. */
const clientId = z.string().min(8).max(64);
const id = z.string().min(1).max(64);
const wording = z
	.string()
	.trim()
	.min(3, 'Write the topic in a few words.')
	.max(300, 'Keep a topic under 300 characters.');

/** A command: its client id, and what it asks for. */
const command = <Shape extends z.ZodRawShape>(shape: Shape) => z.object({ clientId, ...shape });

export const commandSchemas = {
	'agenda:move': command({
		to: z.union([
			z.literal('next'),
			z.literal('previous'),
			z.object({
				item: z.number().int().min(0).max(1000),
				step: z.number().int().min(0).max(1000).optional()
			})
		])
	}),
	'projector:theme': command({ theme: z.enum(PROJECTOR_THEMES) }),
	/** Moderators: the page of a long list on the projector, for the view it was chosen in. */
	'projector:page': command({
		view: z.string().min(1).max(200),
		page: z.number().int().min(0).max(1000)
	}),
	'poll:vote': command({
		pollId: id,
		/** Increases with each change a phone makes; an older revision never replaces a newer one. */
		revision: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
		/** The kind-specific content, checked against the poll (see domain/polls/choice.ts). */
		choice: z.unknown()
	}),
	'poll:create': command({
		itemId: z.string().max(64).nullable(),
		kind: z.enum(POLL_KINDS),
		question: z.string().trim().min(1).max(300),
		options: z.array(z.string().trim().min(1).max(200)).max(30),
		maxPicks: z.number().int().min(1).max(30).nullable(),
		wordLimit: z.number().int().min(1).max(500).nullable()
	}),
	'poll:control': command({ pollId: id, action: z.enum(POLL_ACTIONS) }),
	'poll:moderate': command({
		pollId: id,
		key: z.string().min(1).max(2000),
		status: z.enum(TEXT_DECISIONS)
	}),
	'floor:request': command({}),
	'floor:withdraw': command({}),
	'floor:add': command({
		name: z.string().trim().min(1, 'Give the speaker a name.').max(80),
		/** Given beside the name in the record; none when left empty or out. */
		affiliation: z
			.string()
			.trim()
			.max(120, 'Keep the affiliation under 120 characters.')
			.optional()
			.transform((affiliation) => affiliation || null),
		group: z.enum(STAKEHOLDER_GROUPS).nullable(),
		mode: z.enum(PARTICIPATION_MODES)
	}),
	'floor:remove': command({ requestId: id }),
	'floor:next': command({}),
	'floor:panelist': command({ panelistId: id }),
	'floor:end': command({}),
	'floor:settings': command({
		alternate: z.boolean(),
		speakingSeconds: z.number().int().min(15).max(3600)
	}),
	'question:ask': command({
		text: z
			.string()
			.trim()
			.min(3, 'Write a question of at least a few words.')
			.max(500, 'Keep the question under 500 characters.'),
		anonymous: z.boolean()
	}),
	'question:upvote': command({ questionId: id, up: z.boolean() }),
	'question:moderate': command({ questionId: id, action: z.enum(QUESTION_ACTIONS) }),
	'question:settings': command({ premoderation: z.boolean() }),
	'card:comment': command({
		cardId: id,
		text: z
			.string()
			.trim()
			.min(2, 'Write a comment first.')
			.max(1000, 'Keep the comment under 1,000 characters.')
	}),
	'card:priority': command({ cardId: id, marked: z.boolean() }),
	'comment:moderate': command({ commentId: id, action: z.enum(COMMENT_ACTIONS) }),
	'comments:deadline': command({ deadline: z.iso.datetime({ offset: true }).nullable() }),
	'record:tag': command({
		target: z.enum(TAG_TARGETS),
		targetId: id,
		tag: z.enum(TAGS),
		on: z.boolean()
	}),
	'session:clock': command({ action: z.enum(['start', 'end', 'reopen']) }),
	'record:write': command({
		target: z.discriminatedUnion('kind', [
			z.object({ kind: z.literal('note'), itemId: id }),
			z.object({ kind: z.literal('report'), field: z.enum(REPORT_FIELDS) }),
			/** The report's one sentence for a tagged card, comment or question. */
			z.object({
				kind: z.literal('sentence'),
				tag: z.enum(TAGS),
				target: z.enum(TAG_TARGETS),
				targetId: id
			})
		]),
		text: z.string().max(20_000, 'Keep one text under 20,000 characters.'),
		/** The revision the writer started from: 0 for a text not saved before. */
		baseRevision: z.int().min(0).max(1_000_000),
		/** A report field accepted as prefilled rather than written: the record says "accepted". */
		accept: z.boolean().optional()
	}),
	'topic:declare': command({
		wording,
		itemId: id.nullable(),
		/** The consensus check the topic comes from, if any. */
		pollId: id.nullable()
	}),
	'topic:reword': command({ topicId: id, wording }),
	'topic:withdraw': command({ topicId: id })
} as const;

export type CommandName = keyof typeof commandSchemas;

/** A command's payload as a client sends it. */
export type CommandPayload<E extends CommandName> = z.input<(typeof commandSchemas)[E]>;

/** A command's payload as the server reads it once parsed (texts trimmed). */
export type ParsedCommand<E extends CommandName> = z.output<(typeof commandSchemas)[E]>;

/** `questions:more`: the first `count` questions in each order, beyond what updates carry. */
export const moreQuestionsSchema = z.object({
	count: z.number().int().min(1).max(QUESTIONS_MOST)
});

/** The handshake's `auth`: which meeting, and who the socket speaks for. */
export const handshakeSchema = z.object({
	meeting: z.string().min(1).max(32),
	as: z.enum(['attendee', 'projector', 'moderator'])
});

/** Lists a refusal's first problems in one line, each with the field it concerns. */
export function describeIssues(error: z.ZodError): string {
	return error.issues
		.slice(0, 3)
		.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
		.join('; ');
}
