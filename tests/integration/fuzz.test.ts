/**
 * Property-based fuzzing of every socket command and of the forms and routes that take input.
 * Payloads are built to be wrong (a valid template with at least one broken field, or anything at
 * all) or well formed but aimed at what is not there (unknown ids, another meeting's ids). The
 * properties: the server answers each with one `{ error: { code, message } }`, changes nothing,
 * and keeps serving. Seeds are fixed so that CI runs the same cases every time.
 */
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkChoice } from '../../src/lib/domain/polls/choice';
import { CONSENSUS_STANCES, POLL_KINDS, type PollSpec } from '../../src/lib/domain/polls/types';
import { PARTICIPATION_MODES, STAKEHOLDER_GROUPS } from '../../src/lib/domain/meeting';
import { TAGS, TAG_TARGETS } from '../../src/lib/domain/comments';
import { REPORT_FIELDS } from '../../src/lib/domain/record/schema';
import { POLL_ACTIONS } from '../../src/lib/domain/screen';
import {
	ACK_ERROR_CODES,
	type AckError,
	type ClientToServerEvents,
	type PollInfo
} from '../../src/lib/realtime/protocol';
import { ADMIN, startServer, type RunningServer } from './support/server';
import { sql } from './support/database';
import {
	actionAnswer,
	connect,
	joinChallenge,
	joinMeeting,
	postJoin,
	publicSnapshot,
	solveProof,
	saveProfile,
	signIn,
	type TestSocket
} from './support/clients';
import { importSecondMeeting } from './support/meetings';
import { idsOf, seedSession, type SeededMeeting } from './support/seed';
import { databaseDigest, stable, syncedSnapshot } from './support/state';
import { rawHandshake } from './support/raw';

const SEED = 42;
const RUNS_PER_EVENT = 150;
const ACK_TIMEOUT_MS = 2_000;
/** Socket.IO's maxHttpBufferSize on the server; fuzzed messages stay under it, one case goes over. */
const MESSAGE_LIMIT = 64 * 1024;

type Role = 'attendee' | 'projector' | 'moderator';
type EventName = keyof ClientToServerEvents;

let server: RunningServer;
let adminCookie: string;
let attendeeCookie: string;
let bpf: SeededMeeting;
let other: SeededMeeting;
/** Staff and attendee views that are never fuzzed, to read the state before and after. */
let observer: TestSocket;
let attendeeObserver: TestSocket;
const fuzzed: Partial<Record<Role, TestSocket>> = {};
const open: TestSocket[] = [];
/** How much of the server's log has been checked for failures. */
let outputChecked = 0;

// ---------------------------------------------------------------------------------------------
// Values: wrong types, unicode edge cases, huge strings, numbers JSON cannot carry, nesting.
// ---------------------------------------------------------------------------------------------

/** Any UTF-16 code unit, lone surrogates included (fast-check's own units leave those out). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const EDGE_STRINGS = [
	'',
	' ',
	'\t\n\r',
	'\u0000',
	'a\u0000b',
	'\ud800',
	'\udfff',
	'x\udc00\ud800y',
	'\u202e\u200f',
	'\u200d',
	'\u200b\u200b\u200b',
	'\ufeff',
	'\u00a0\u2028\u2029',
	'👩‍👩‍👧‍👦',
	'e\u0301\u0301\u0301',
	'ﷺ',
	'null',
	'undefined',
	'NaN',
	'-0',
	'__proto__',
	'constructor',
	'toString',
	'<script>alert(1)</script>',
	"'; drop table meetings; --",
	'%s%n%x',
	'${process.exit()}',
	'../../etc/passwd',
	'BPF2017',
	'next'
];
const edgeString = fc.constantFrom(...EDGE_STRINGS);
const smallString = fc.oneof(
	edgeString,
	fc.string({ unit: codeUnit, maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 20 }),
	fc.string({ unit: 'binary', maxLength: 20 })
);
/** Up to 9,000 code units: under the message limit even when each is escaped to six bytes. */
const hugeString = fc
	.tuple(
		fc.constantFrom('a', ' ', '\u0000', '\ud800', 'é', '👍', '\u202e', '\u200d'),
		fc.integer({ min: 1_000, max: 9_000 })
	)
	.map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));
const anyString = fc.oneof({ weight: 5, arbitrary: smallString }, { weight: 1, arbitrary: hugeString });
const number = fc.oneof(
	fc.integer(),
	fc.double(),
	fc.constantFrom(NaN, Infinity, -Infinity, -0, 0.5, -1, 2 ** 53 + 2, 1e308, Number.MIN_VALUE)
);
const scalar = fc.oneof(number, fc.boolean(), fc.constant(null), fc.constant(undefined));
/** Sent as a binary attachment by the client: the server receives a Buffer. */
const binary = fc.uint8Array({ maxLength: 32 }).map((bytes) => Buffer.from(bytes));
const nested = (depth: number, asArray: boolean): unknown => {
	let value: unknown = 'bottom';
	for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
	return value;
};
const deep = fc
	.tuple(fc.integer({ min: 50, max: 500 }), fc.boolean())
	.map(([depth, asArray]) => nested(depth, asArray));
const noiseKey = fc.oneof(
	fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'then'),
	smallString
);
const structure = fc.oneof(
	fc.array(fc.oneof(scalar, smallString), { maxLength: 5 }),
	fc.dictionary(noiseKey, fc.oneof(scalar, smallString, binary), { maxKeys: 5 }),
	fc.jsonValue({ maxDepth: 3 }),
	deep,
	binary
);
const nonString = fc.oneof(scalar, structure).filter((value) => typeof value !== 'string');
const anything = fc.oneof(nonString, anyString);

/** The value as the server will see it: JSON loses NaN, Infinity, -0 and undefined. */
function onWire(value: unknown): unknown {
	if (value === undefined || value instanceof Uint8Array) return value;
	const json = JSON.stringify(value);
	return json === undefined ? undefined : JSON.parse(json);
}

function wireBytes(value: unknown): number {
	return Buffer.byteLength(JSON.stringify(value) ?? '');
}

// ---------------------------------------------------------------------------------------------
// Fields: a good value, and a bad one that the server's schema must refuse.
// ---------------------------------------------------------------------------------------------

interface Field {
	good: fc.Arbitrary<unknown>;
	bad: fc.Arbitrary<unknown>;
	/** Leaving an optional field out is valid, so it is only ever broken with a bad value. */
	optional?: boolean;
}

const refusedBy = (accepts: (value: unknown) => boolean) => (value: unknown) => !accepts(onWire(value));

function text(
	min: number,
	max: number,
	options: { trim?: boolean; good?: fc.Arbitrary<string> } = {}
): Field {
	const measure = (value: string) => (options.trim ? value.trim() : value).length;
	const accepts = (value: unknown) =>
		typeof value === 'string' && measure(value) >= min && measure(value) <= max;
	const tooLong = fc
		.tuple(fc.constantFrom('x', 'é', '\u0000', '\ud800', '👍'), fc.integer({ min: 1, max: 200 }))
		.map(([unit, extra]) => unit.repeat(max + extra));
	const tooShort = options.trim
		? fc.constantFrom('', ' ', '\t\n', '\u00a0\ufeff', ' \u2028 ', 'ab'.slice(0, Math.max(0, min - 1)))
		: fc.string({ unit: codeUnit, maxLength: Math.max(0, min - 1) });
	return {
		good: options.good ?? fc.constant('x'.repeat(Math.max(min, 1))),
		bad: fc.oneof(nonString, tooShort, tooLong, anything).filter(refusedBy(accepts))
	};
}

const clientId: Field = { ...text(8, 64), good: fc.uuid() };
const idField = (good: string[]): Field => ({ ...text(1, 64), good: fc.constantFrom(...good) });

function choiceOf<T>(values: readonly T[]): Field {
	const accepts = (value: unknown) => values.includes(value as T);
	return {
		good: fc.constantFrom(...values),
		bad: fc.oneof(anything, smallString).filter(refusedBy(accepts))
	};
}

const bool: Field = {
	good: fc.boolean(),
	bad: anything.filter(refusedBy((value) => typeof value === 'boolean'))
};

function integer(min: number, max: number): Field {
	const accepts = (value: unknown) =>
		typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
	// fast-check's integers are 32-bit; the revision's upper bound is not.
	const int32 = 0x7fffffff;
	return {
		good: fc.integer({ min, max: Math.min(max, int32) }),
		bad: fc
			.oneof(
				anything,
				fc.constantFrom(min - 1, max + 1),
				fc.integer({ max: min - 1 }),
				max < int32 ? fc.integer({ min: max + 1 }) : fc.constant(2 ** 53 + 2),
				fc.double({ min, max, noInteger: true })
			)
			.filter(refusedBy(accepts))
	};
}

function nullable(field: Field): Field {
	return {
		good: fc.oneof(fc.constant(null), field.good),
		bad: field.bad.filter((value) => onWire(value) !== null)
	};
}

/** A valid template with at least one field broken (given a bad value, or left out), plus noise keys. */
function broken(fields: Record<string, Field>): fc.Arbitrary<Record<string, unknown>> {
	const names = Object.keys(fields);
	const goods = Object.fromEntries(names.map((name) => [name, fields[name].good]));
	const bads = Object.fromEntries(names.map((name) => [name, fields[name].bad]));
	return fc
		.tuple(
			fc.subarray(names, { minLength: 1 }),
			fc.record(goods),
			fc.record(bads),
			fc.boolean(),
			fc.dictionary(noiseKey, anything, { maxKeys: 3 })
		)
		.map(([breaking, good, bad, leaveOut, noise]) => {
			const payload: Record<string, unknown> = { ...noise, ...good };
			for (const name of breaking) {
				if (leaveOut && !fields[name].optional) delete payload[name];
				else payload[name] = bad[name];
			}
			return payload;
		});
}

/** A complete, valid template whose fields come from `fields` (used to aim at missing targets). */
function wellFormed(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
	return fc.record(fields);
}

/** Top-level garbage, or a broken template; never more than the message limit allows. */
function invalidPayload(fields: Record<string, Field>): fc.Arbitrary<unknown> {
	return fc
		.oneof({ weight: 3, arbitrary: broken(fields) }, { weight: 1, arbitrary: anything })
		.filter((payload) => wireBytes(payload) < MESSAGE_LIMIT - 4096);
}

// ---------------------------------------------------------------------------------------------
// One line of this table per client-to-server event: who may send it, how to break it, and
// well-formed payloads aimed at targets that are not in this meeting.
// ---------------------------------------------------------------------------------------------

interface EventFuzz {
	/** Who the event is for; anyone else is refused with `unauthorised` before the payload is read. */
	audience: 'attendee' | 'staff' | 'everyone';
	invalid: fc.Arbitrary<unknown>;
	/** Well formed, aimed at an unknown id or another meeting's. */
	missing?: fc.Arbitrary<unknown>;
	/** A data answer to a `missing` payload that changes nothing (removing a request that is not there). */
	harmless?: (data: unknown) => boolean;
}

/** Ids that do not exist in BPF2017: another meeting's, random ones, and strange strings of a valid length. */
const unknownId = () => {
	const known = new Set(idsOf(bpf));
	return fc
		.oneof(
			fc.constantFrom(...idsOf(other)),
			fc.uuid(),
			smallString.filter((value) => value.length >= 1 && value.length <= 64)
		)
		.filter((value) => !known.has(value));
};

function specOf(poll: PollInfo): PollSpec {
	return {
		kind: poll.kind,
		question: poll.question,
		options: poll.options,
		maxPicks: poll.maxPicks,
		wordLimit: poll.wordLimit
	};
}

/** Ballots of every shape, near-valid ones included; those the poll would accept are left out. */
function badChoice(poll: PollInfo): fc.Arbitrary<unknown> {
	const optionId = fc.oneof(fc.constantFrom(...poll.options.map((option) => option.id)), smallString);
	const kind = fc.oneof(fc.constantFrom(...POLL_KINDS), anything);
	const near = fc.oneof(
		fc.record({ kind, optionId }, { requiredKeys: [] }),
		fc.record({ kind, optionIds: fc.array(optionId, { maxLength: 12 }) }, { requiredKeys: [] }),
		fc.record({ kind, ranking: fc.array(optionId, { maxLength: 12 }) }, { requiredKeys: [] }),
		fc.record(
			{ kind, stance: fc.oneof(fc.constantFrom(...CONSENSUS_STANCES), anything), reason: anything },
			{ requiredKeys: [] }
		),
		fc.record({ kind, text: anyString }, { requiredKeys: [] }),
		fc.record({ kind, phrases: fc.array(anyString, { maxLength: 5 }) }, { requiredKeys: [] })
	);
	const spec = specOf(poll);
	return fc.oneof(near, anything).filter((choice) => !checkChoice(spec, onWire(choice)).ok);
}

function validChoice(poll: PollInfo): unknown {
	return { kind: 'multiple', optionIds: [poll.options[0].id] };
}

const isDateTime = (value: unknown) => z.iso.datetime({ offset: true }).safeParse(value).success;

function isAgendaTarget(value: unknown): boolean {
	if (value === 'next' || value === 'previous') return true;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const { item, step } = value as { item?: unknown; step?: unknown };
	const index = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 1000;
	return index(item) && (step === undefined || index(step));
}

const FUZZ: Record<Exclude<EventName, 'meeting:sync' | 'questions:more'>, () => EventFuzz> = {
	'agenda:move': () => {
		const to: Field = {
			good: fc.oneof(
				fc.constantFrom('next', 'previous'),
				fc.record({ item: fc.integer({ min: 0, max: 6 }) })
			),
			bad: fc
				.oneof(
					anything,
					fc.record({ item: anything }),
					fc.record({ item: fc.integer({ min: 0, max: 6 }), step: anything.filter((s) => s !== undefined) })
				)
				.filter(refusedBy(isAgendaTarget))
		};
		return {
			audience: 'staff',
			invalid: invalidPayload({ clientId, to }),
			// Beyond the seven items, or past an item's last step: no such place on the agenda.
			missing: wellFormed({
				clientId: fc.uuid(),
				to: fc.oneof(
					fc.record({ item: fc.integer({ min: 7, max: 1000 }) }),
					fc.record({ item: fc.integer({ min: 0, max: 6 }), step: fc.integer({ min: 100, max: 1000 }) })
				)
			})
		};
	},
	'poll:vote': () => ({
		audience: 'attendee',
		invalid: invalidPayload({
			clientId,
			pollId: idField([bpf.choicePoll.id]),
			revision: integer(0, Number.MAX_SAFE_INTEGER),
			// Any value passes the schema; the poll's own check must refuse it.
			choice: {
				good: fc.constant(validChoice(bpf.choicePoll)),
				bad: badChoice(bpf.choicePoll),
				optional: true
			}
		}),
		missing: wellFormed({
			clientId: fc.uuid(),
			pollId: unknownId(),
			revision: fc.nat(),
			choice: fc.constant(validChoice(bpf.choicePoll))
		})
	}),
	'poll:create': () => {
		const option = text(1, 200, { trim: true });
		const options: Field = {
			good: fc.constant(['Yes', 'No']),
			bad: fc.oneof(
				anything.filter((value) => !Array.isArray(onWire(value))),
				fc
					.array(fc.oneof(option.good, option.bad), { minLength: 1, maxLength: 5 })
					.map((list) => [...list, '  ']),
				fc
					.array(fc.constant('An option'), { minLength: 31, maxLength: 40 })
					.map((list) => list.map((label, i) => `${label} ${i}`))
			)
		};
		return {
			audience: 'staff',
			invalid: invalidPayload({
				clientId,
				itemId: nullable({ good: fc.constant('goals'), bad: text(0, 64).bad }),
				kind: choiceOf(POLL_KINDS),
				question: text(1, 300, { trim: true }),
				options,
				maxPicks: nullable(integer(1, 30)),
				wordLimit: nullable(integer(1, 500))
			})
		};
	},
	'poll:control': () => ({
		audience: 'staff',
		invalid: invalidPayload({
			clientId,
			pollId: idField([bpf.choicePoll.id]),
			action: choiceOf(POLL_ACTIONS)
		}),
		missing: wellFormed({
			clientId: fc.uuid(),
			pollId: unknownId(),
			action: fc.constantFrom('close', 'project', 'show-results')
		})
	}),
	'poll:moderate': () => ({
		audience: 'staff',
		invalid: invalidPayload({
			clientId,
			pollId: idField([bpf.wordCloud.id]),
			key: text(1, 2000),
			status: choiceOf(['approved', 'hidden'])
		}),
		// An unknown poll, or a real poll whose kind has no texts to moderate.
		missing: wellFormed({
			clientId: fc.uuid(),
			pollId: fc.oneof(unknownId(), fc.constant(bpf.choicePoll.id)),
			key: fc.constant('trust'),
			status: fc.constantFrom('approved', 'hidden')
		})
	}),
	'floor:request': () => ({ audience: 'attendee', invalid: invalidPayload({ clientId }) }),
	'floor:withdraw': () => ({ audience: 'attendee', invalid: invalidPayload({ clientId }) }),
	'floor:add': () => ({
		audience: 'staff',
		invalid: invalidPayload({
			clientId,
			name: text(1, 80, { trim: true }),
			group: nullable(choiceOf(STAKEHOLDER_GROUPS)),
			mode: choiceOf(PARTICIPATION_MODES)
		})
	}),
	'floor:remove': () => ({
		audience: 'staff',
		invalid: invalidPayload({ clientId, requestId: idField([bpf.requestId]) }),
		missing: wellFormed({ clientId: fc.uuid(), requestId: unknownId() }),
		harmless: (data) => JSON.stringify(data) === JSON.stringify({ removed: false })
	}),
	'floor:next': () => ({ audience: 'staff', invalid: invalidPayload({ clientId }) }),
	'floor:end': () => ({ audience: 'staff', invalid: invalidPayload({ clientId }) }),
	'floor:panelist': () => ({
		audience: 'staff',
		invalid: invalidPayload({ clientId, panelistId: idField(['panel-government']) }),
		missing: wellFormed({ clientId: fc.uuid(), panelistId: unknownId() })
	}),
	'floor:settings': () => ({
		audience: 'staff',
		invalid: invalidPayload({ clientId, alternate: bool, speakingSeconds: integer(15, 3600) })
	}),
	'question:ask': () => ({
		audience: 'attendee',
		invalid: invalidPayload({ clientId, text: text(3, 500, { trim: true }), anonymous: bool })
	}),
	'question:upvote': () => ({
		audience: 'attendee',
		invalid: invalidPayload({ clientId, questionId: idField([bpf.questionId]), up: bool }),
		missing: wellFormed({ clientId: fc.uuid(), questionId: unknownId(), up: fc.boolean() })
	}),
	'question:moderate': () => ({
		audience: 'staff',
		invalid: invalidPayload({
			clientId,
			questionId: idField([bpf.questionId]),
			action: choiceOf(['approve', 'hide', 'answer', 'project', 'unproject'])
		}),
		missing: wellFormed({
			clientId: fc.uuid(),
			questionId: unknownId(),
			action: fc.constantFrom('approve', 'hide', 'answer', 'project', 'unproject')
		})
	}),
	'projector:theme': () => ({
		audience: 'staff',
		invalid: invalidPayload({ clientId, theme: choiceOf(['standard', 'high_contrast']) })
	}),
	'projector:page': () => ({
		audience: 'staff',
		invalid: invalidPayload({ clientId, view: text(1, 200), page: integer(0, 1000) })
	}),
	'question:settings': () => ({
		audience: 'staff',
		invalid: invalidPayload({ clientId, premoderation: bool })
	}),
	'card:comment': () => ({
		audience: 'attendee',
		invalid: invalidPayload({ clientId, cardId: idField(bpf.cardIds), text: text(2, 1000, { trim: true }) }),
		missing: wellFormed({
			clientId: fc.uuid(),
			cardId: unknownId(),
			text: fc.constant('A comment on nothing')
		})
	}),
	'card:priority': () => ({
		audience: 'attendee',
		invalid: invalidPayload({ clientId, cardId: idField(bpf.cardIds), marked: bool }),
		missing: wellFormed({ clientId: fc.uuid(), cardId: unknownId(), marked: fc.boolean() })
	}),
	'comment:moderate': () => ({
		audience: 'staff',
		invalid: invalidPayload({
			clientId,
			commentId: idField([bpf.commentId]),
			action: choiceOf(['hide', 'show', 'project', 'unproject'])
		}),
		missing: wellFormed({
			clientId: fc.uuid(),
			commentId: unknownId(),
			action: fc.constantFrom('hide', 'show', 'project', 'unproject')
		})
	}),
	'comments:deadline': () => ({
		audience: 'staff',
		invalid: invalidPayload({
			clientId,
			deadline: {
				good: fc.constantFrom(null, '2030-01-01T00:00:00Z'),
				bad: fc
					.oneof(
						anything,
						fc.constantFrom('2030-13-01T00:00:00Z', '2030-01-01', 'tomorrow', '2030-01-01T25:00:00Z')
					)
					.filter(refusedBy((value) => value === null || isDateTime(value)))
			}
		})
	}),
	'record:tag': () => ({
		audience: 'staff',
		invalid: invalidPayload({
			clientId,
			target: choiceOf(TAG_TARGETS),
			targetId: idField([bpf.cardIds[0]]),
			tag: choiceOf(TAGS),
			on: bool
		}),
		missing: wellFormed({
			clientId: fc.uuid(),
			target: fc.constantFrom(...TAG_TARGETS),
			targetId: unknownId(),
			tag: fc.constantFrom(...TAGS),
			on: fc.boolean()
		})
	}),
	'session:clock': () => ({
		audience: 'staff',
		invalid: invalidPayload({ clientId, action: choiceOf(['start', 'end', 'reopen']) })
	}),
	'record:write': () => {
		const isTarget = (value: unknown) => {
			if (typeof value !== 'object' || value === null) return false;
			const { kind, itemId, field } = value as Record<string, unknown>;
			if (kind === 'note') return typeof itemId === 'string' && itemId.length >= 1 && itemId.length <= 64;
			return kind === 'report' && (REPORT_FIELDS as readonly unknown[]).includes(field);
		};
		const target: Field = {
			good: fc.oneof(
				fc.record({ kind: fc.constant('note'), itemId: fc.constantFrom(...bpf.itemIds) }),
				fc.record({ kind: fc.constant('report'), field: fc.constantFrom(...REPORT_FIELDS) })
			),
			bad: fc
				.oneof(
					anything,
					fc.record(
						{ kind: fc.oneof(fc.constantFrom('note', 'report'), anything), itemId: anything },
						{ requiredKeys: [] }
					),
					fc.record(
						{ kind: fc.oneof(fc.constantFrom('note', 'report'), anything), field: anything },
						{ requiredKeys: [] }
					)
				)
				.filter(refusedBy(isTarget))
		};
		return {
			audience: 'staff',
			invalid: invalidPayload({
				clientId,
				target,
				text: {
					good: fc.constant('A note.'),
					bad: fc
						.oneof(nonString, fc.constant('n'.repeat(20_001)))
						.filter(refusedBy((value) => typeof value === 'string'))
				},
				baseRevision: integer(0, 1_000_000)
			}),
			missing: wellFormed({
				clientId: fc.uuid(),
				target: fc.record({ kind: fc.constant('note'), itemId: unknownId() }),
				text: fc.constant('A note on nothing'),
				baseRevision: fc.constant(0)
			})
		};
	},
	'topic:declare': () => ({
		audience: 'staff',
		invalid: invalidPayload({
			clientId,
			wording: text(3, 300, { trim: true }),
			itemId: nullable(idField([bpf.itemIds[0]])),
			pollId: nullable(idField([bpf.choicePoll.id]))
		}),
		missing: fc.oneof(
			wellFormed({
				clientId: fc.uuid(),
				wording: fc.constant('A topic'),
				itemId: unknownId(),
				pollId: fc.constant(null)
			}),
			wellFormed({
				clientId: fc.uuid(),
				wording: fc.constant('A topic'),
				itemId: fc.constant(null),
				pollId: unknownId()
			})
		)
	}),
	'topic:reword': () => ({
		audience: 'staff',
		invalid: invalidPayload({
			clientId,
			topicId: idField([bpf.topicId]),
			wording: text(3, 300, { trim: true })
		}),
		missing: wellFormed({ clientId: fc.uuid(), topicId: unknownId(), wording: fc.constant('Reworded') })
	}),
	'topic:withdraw': () => ({
		audience: 'staff',
		invalid: invalidPayload({ clientId, topicId: idField([bpf.topicId]) }),
		missing: wellFormed({ clientId: fc.uuid(), topicId: unknownId() })
	})
};

// ---------------------------------------------------------------------------------------------
// Sending: with an acknowledgement, without, with extra or non-function arguments.
// ---------------------------------------------------------------------------------------------

/** How the arguments of one emit are laid out. */
const ACK_MODES = ['ack', 'ack', 'ack', 'ack-only', 'extra-args', 'no-ack', 'non-function-ack'] as const;
type AckMode = (typeof ACK_MODES)[number];
const junkArgument = fc.oneof(scalar, smallString, binary, fc.jsonValue({ maxDepth: 2 }));

type Answer = { answered: false } | { answered: true; value: unknown };

async function send(
	socket: TestSocket,
	event: string,
	payload: unknown,
	mode: AckMode,
	junk: unknown
): Promise<Answer> {
	const raw = socket as unknown as Socket;
	const timed = raw.timeout(ACK_TIMEOUT_MS);
	switch (mode) {
		case 'ack':
			return { answered: true, value: await timed.emitWithAck(event, payload) };
		case 'ack-only':
			return { answered: true, value: await timed.emitWithAck(event) };
		case 'extra-args':
			return { answered: true, value: await timed.emitWithAck(event, payload, junk) };
		case 'no-ack':
			raw.emit(event, payload);
			return { answered: false };
		case 'non-function-ack':
			raw.emit(event, payload, junk);
			return { answered: false };
	}
}

/** Exactly the error shape of the protocol, and a code this caller may get. */
function expectRefusal(value: unknown, codes: AckError['code'][]) {
	expect(value).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
	const { code, message } = (value as { error: AckError }).error;
	expect(ACK_ERROR_CODES).toContain(code);
	expect(codes).toContain(code);
	expect(message.length).toBeGreaterThan(0);
}

function roleMatches(audience: EventFuzz['audience'], role: Role): boolean {
	return audience === 'everyone' || (audience === 'attendee' ? role === 'attendee' : role === 'moderator');
}

// ---------------------------------------------------------------------------------------------
// The state, and the server's health.
// ---------------------------------------------------------------------------------------------

async function state() {
	return {
		public: stable(await publicSnapshot(server.url)),
		moderator: stable(await syncedSnapshot(observer)),
		attendee: stable(await syncedSnapshot(attendeeObserver)),
		database: await databaseDigest(server.database)
	};
}

/** The server still answers: the health check, and a new socket gets its snapshot. */
async function expectAlive() {
	const health = await fetch(`${server.url}/healthz`);
	expect(health.status).toBe(200);
	expect(await health.json()).toMatchObject({ ok: true, database: true });
	const { socket, snapshot } = await connect(server.url, { as: 'projector' });
	expect(snapshot.meeting.code).toBe('BPF2017');
	socket.disconnect();
	// Nothing new in the log that says the server failed: a handler, a handshake, a 5xx page.
	const output = server.output();
	expect(output.slice(outputChecked)).not.toMatch(
		/handler failed|handshake failed|unhandled|uncaught|\[5\d\d\]/i
	);
	outputChecked = output.length;
}

async function fuzzedSocket(role: Role): Promise<TestSocket> {
	const current = fuzzed[role];
	if (current?.connected) return current;
	current?.disconnect();
	const cookie = role === 'moderator' ? adminCookie : role === 'attendee' ? attendeeCookie : undefined;
	const { socket } = await connect(server.url, { as: role, cookie });
	open.push(socket);
	fuzzed[role] = socket;
	return socket;
}

beforeAll(async () => {
	// Each role sends thousands of commands a minute here; the limits have tests of their own.
	server = await startServer({ env: { COMMAND_RATE_LIMIT: '1000000' } });
	adminCookie = await signIn(server.url, ADMIN.username, ADMIN.password);
	await importSecondMeeting(server.database, 'OTHER01');

	const seed = async (code: string) => {
		const moderator = (await connect(server.url, { as: 'moderator', cookie: adminCookie, meeting: code }))
			.socket;
		const cookie = await joinMeeting(server.url, code);
		const phone = (await connect(server.url, { as: 'attendee', cookie, meeting: code })).socket;
		open.push(moderator, phone);
		return { seeded: await seedSession(code, moderator, phone), moderator, cookie };
	};
	other = (await seed('OTHER01')).seeded;
	const geneva = await seed('BPF2017');
	bpf = geneva.seeded;
	observer = geneva.moderator;

	attendeeCookie = await joinMeeting(server.url, 'BPF2017');
	expect(
		(await saveProfile(server.url, attendeeCookie, { displayName: 'Fuzz', mode: 'remote' })).status
	).toBe(200);
	attendeeObserver = (await connect(server.url, { as: 'attendee', cookie: attendeeCookie })).socket;
	open.push(attendeeObserver);
});

afterAll(async () => {
	for (const socket of open) socket.disconnect();
	for (const socket of Object.values(fuzzed)) socket?.disconnect();
	await server?.stop();
});

describe('every socket command refuses what it cannot use, changes nothing and keeps the server up', () => {
	const roles = fc.constantFrom<Role>('attendee', 'projector', 'moderator');

	for (const event of Object.keys(FUZZ) as (keyof typeof FUZZ)[]) {
		it(`${event}`, async () => {
			const fuzz = FUZZ[event]();
			const before = await state();
			const payload = fuzz.missing
				? fc.oneof(
						{ weight: 3, arbitrary: fuzz.invalid.map((value) => ({ kind: 'invalid' as const, value })) },
						{ weight: 1, arbitrary: fuzz.missing.map((value) => ({ kind: 'missing' as const, value })) }
					)
				: fuzz.invalid.map((value) => ({ kind: 'invalid' as const, value }));
			await fc.assert(
				fc.asyncProperty(
					roles,
					payload,
					fc.constantFrom(...ACK_MODES),
					junkArgument,
					async (role, sent, mode, junk) => {
						const socket = await fuzzedSocket(role);
						// Without a payload the handler has nothing valid to read, whatever the kind was.
						const answer = await send(socket, event, sent.value, mode, junk);
						if (!answer.answered) {
							// Nothing to acknowledge; the socket still answers the next command.
							expect(await syncedSnapshot(socket)).toHaveProperty('version');
							return;
						}
						if (!roleMatches(fuzz.audience, role)) return expectRefusal(answer.value, ['unauthorised']);
						if (
							sent.kind === 'missing' &&
							mode !== 'ack-only' &&
							fuzz.harmless &&
							'data' in (answer.value as object)
						) {
							expect(fuzz.harmless((answer.value as { data: unknown }).data)).toBe(true);
							return;
						}
						expectRefusal(answer.value, ['invalid', 'not_found', 'conflict']);
					}
				),
				{ seed: SEED, numRuns: RUNS_PER_EVENT }
			);
			await expectAlive();
			expect(await state()).toEqual(before);
		});
	}

	it('meeting:sync answers every caller with its snapshot, whatever else is sent with it', async () => {
		const before = await state();
		await fc.assert(
			fc.asyncProperty(
				roles,
				anything,
				fc.constantFrom(...ACK_MODES),
				junkArgument,
				async (role, payload, mode, junk) => {
					const socket = await fuzzedSocket(role);
					const answer = await send(socket, 'meeting:sync', payload, mode, junk);
					if (answer.answered) {
						expect(answer.value).toMatchObject({
							data: { version: expect.any(Number), meeting: { code: 'BPF2017' } }
						});
					} else {
						expect(await syncedSnapshot(socket)).toHaveProperty('version');
					}
				}
			),
			{ seed: SEED, numRuns: RUNS_PER_EVENT }
		);
		await expectAlive();
		expect(await state()).toEqual(before);
	});
});

// ---------------------------------------------------------------------------------------------
// What no client library sends: oversized messages, malformed packets, any handshake.
// ---------------------------------------------------------------------------------------------

const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

interface Garbage {
	what: string;
	as: Role;
	frames: (string | Buffer)[];
	/** The code of the acknowledgement (ack id 1) the server owes, when the packet is readable. */
	answer?: AckError['code'];
}

const GARBAGE: Garbage[] = [
	{
		what: 'a ballot nested 20,000 arrays deep',
		as: 'attendee',
		frames: [`421["poll:vote",${deepArray(20_000)}]`],
		answer: 'invalid'
	},
	{
		what: 'an agenda move nested 9,000 objects deep',
		as: 'moderator',
		frames: [`421["agenda:move",${deepObject(9_000)}]`],
		answer: 'invalid'
	},
	{ what: 'an event that is not an array', as: 'attendee', frames: ['42{"a":1}'] },
	{ what: 'truncated JSON', as: 'moderator', frames: ['42["poll:vote",{"clientId":'] },
	{ what: 'an event without a name', as: 'attendee', frames: ['42[]'] },
	{ what: 'a numeric event name', as: 'attendee', frames: ['421[1,2,3]'] },
	{ what: 'an event named error', as: 'moderator', frames: ['421["error","boom"]'] },
	{
		what: 'events named after Object.prototype',
		as: 'moderator',
		frames: ['421["__proto__",{}]', '422["constructor",{}]', '423["hasOwnProperty"]', '424["toString",1]']
	},
	{
		what: 'an event only the server sends',
		as: 'attendee',
		frames: ['421["meeting:snapshot",{"version":999}]']
	},
	{ what: 'unknown packet types', as: 'projector', frames: ['49', '4', '4x', '5', 'x'] },
	{
		what: 'a second connect as a moderator',
		as: 'projector',
		frames: ['40{"meeting":"BPF2017","as":"moderator"}']
	},
	{ what: 'a disconnect with a payload', as: 'projector', frames: ['41{"a":1}'] },
	{
		what: 'an acknowledgement the server never asked for',
		as: 'attendee',
		frames: ['4399[{"data":1}]', '43[]']
	},
	{ what: 'a huge ack id', as: 'projector', frames: ['4299999999999999999999999["meeting:sync"]'] },
	{
		what: 'a binary placeholder pointing past its attachments',
		as: 'attendee',
		frames: ['451-["poll:vote",{"_placeholder":true,"num":5}]', Buffer.from([1, 2, 3])]
	},
	{
		what: 'a binary placeholder whose index is not a number',
		as: 'attendee',
		frames: ['451-["poll:vote",{"_placeholder":true,"num":"0"}]', Buffer.from([1])]
	},
	{
		what: 'attachments promised and never sent',
		as: 'attendee',
		frames: ['4599-["poll:vote",{"_placeholder":true,"num":0}]']
	},
	{ what: 'binary without a binary packet', as: 'attendee', frames: [Buffer.from('hello')] },
	{
		what: 'a namespace that does not exist',
		as: 'projector',
		frames: ['40/admin,', '42/admin,["agenda:move",{}]']
	},
	{
		what: 'a namespace carrying a staff command',
		as: 'projector',
		frames: ['40/admin,{"meeting":"BPF2017","as":"moderator"}']
	}
];

describe("another meeting's client ids", () => {
	it('the same client id sent to two meetings is a command in each (topic ids do not collide)', async () => {
		const inOther = (await connect(server.url, { as: 'moderator', cookie: adminCookie, meeting: 'OTHER01' }))
			.socket;
		open.push(inOther);
		const command = { clientId: 'shared-client-id-1', wording: 'Shared wording', itemId: null, pollId: null };
		const there = await inOther.emitWithAck('topic:declare', command);
		const here = await observer.emitWithAck('topic:declare', command);
		expect(there).toHaveProperty('data.topicId');
		expect(here).toHaveProperty('data.topicId');
		expect(here).not.toEqual(there);
		// A retry in either meeting finds its own topic.
		expect(await observer.emitWithAck('topic:declare', command)).toEqual(here);
		await expectAlive();
	});
});

describe('what no client library would send', () => {
	it('a message over the 64 kB limit drops only the socket that sent it', async () => {
		const before = await state();
		const heavy = (await connect(server.url, { as: 'attendee', cookie: attendeeCookie })).socket;
		const bystander = (await connect(server.url, { as: 'attendee', cookie: attendeeCookie })).socket;
		open.push(heavy, bystander);
		const dropped = new Promise<string>((resolve) => heavy.once('disconnect', resolve));
		heavy.emit(
			'question:ask',
			{ clientId: 'oversized-question', text: 'q'.repeat(MESSAGE_LIMIT + 1024), anonymous: false },
			() => {
				throw new Error('an oversized message was acknowledged');
			}
		);
		expect(await dropped).toMatch(/transport (close|error)/);
		heavy.disconnect();
		expect(bystander.connected).toBe(true);
		expect(await syncedSnapshot(bystander)).toHaveProperty('version');
		await expectAlive();
		expect(await state()).toEqual(before);
	});

	it('malformed packets close the socket or are ignored, and the server keeps serving', async () => {
		const before = await state();
		for (const garbage of GARBAGE) {
			const cookie =
				garbage.as === 'moderator' ? adminCookie : garbage.as === 'attendee' ? attendeeCookie : undefined;
			const { socket, outcome } = await rawHandshake(
				server.url,
				JSON.stringify({ meeting: 'BPF2017', as: garbage.as }),
				cookie ? { cookie } : {}
			);
			expect(outcome, garbage.what).toBe('connected');
			for (const frame of garbage.frames) socket.send(frame);
			if (garbage.answer) {
				const answer = await socket.next((frame) => frame.startsWith('431['));
				expect(JSON.parse(answer!.slice(3)), garbage.what).toEqual([
					{ error: { code: garbage.answer, message: expect.any(String) } }
				]);
			}
			// Still connected and answering, or closed by the server: never left hanging.
			socket.send('4277["meeting:sync"]');
			const sync = await socket.next((frame) => frame.startsWith('4377['), 3_000);
			expect(sync !== null || socket.isClosed, garbage.what).toBe(true);
			socket.close();
		}
		await expectAlive();
		expect(await state()).toEqual(before);
	});

	it('a handshake with any auth is refused with a reason unless it names a meeting as a projector', async () => {
		const codes = new Set(['BPF2017', 'OTHER01']);
		const auth = fc.oneof(
			fc.record(
				{
					meeting: fc.oneof(
						fc.constantFrom('BPF2017', 'bpf2017', 'OTHER01', 'NOPE0000', 'BPF2017 ', ''),
						anything
					),
					as: fc.oneof(
						fc.constantFrom('attendee', 'projector', 'moderator', 'admin', 'PROJECTOR', ''),
						anything
					)
				},
				{ requiredKeys: [] }
			),
			fc.dictionary(noiseKey, anything, { maxKeys: 4 }),
			anything
		);
		type Outcome = { outcome: 'connected' | 'refused' | 'closed'; code?: string };
		/** What the server must do with this `auth`, with no cookie. */
		const expected = (value: unknown): Outcome => {
			if (value === undefined) return { outcome: 'refused', code: 'invalid' };
			if (Object.prototype.toString.call(value) !== '[object Object]') return { outcome: 'closed' };
			const { meeting, as } = value as { meeting?: unknown; as?: unknown };
			const roles: unknown[] = ['attendee', 'projector', 'moderator'];
			if (typeof meeting !== 'string' || meeting.length < 1 || meeting.length > 32 || !roles.includes(as))
				return { outcome: 'refused', code: 'invalid' };
			if (!codes.has(meeting.toUpperCase())) return { outcome: 'refused', code: 'not_found' };
			return as === 'projector' ? { outcome: 'connected' } : { outcome: 'refused', code: 'unauthorised' };
		};
		await fc.assert(
			fc.asyncProperty(auth, async (value) => {
				const json = JSON.stringify(value) ?? '';
				fc.pre(Buffer.byteLength(json) < MESSAGE_LIMIT - 1024);
				const { socket, outcome, message } = await rawHandshake(server.url, json);
				socket.close();
				// The packet is `40<auth>`: Socket.IO reads leading digits as an ack id, the rest as JSON.
				const rest = json.replace(/^\d+/, '');
				const want: Outcome =
					rest === ''
						? expected(undefined)
						: /^[[{"tfn-]/.test(rest)
							? expected(JSON.parse(rest))
							: { outcome: 'closed' };
				expect(outcome).toBe(want.outcome);
				if (want.code) expect(message).toMatch(new RegExp(`^${want.code}: `));
			}),
			{ seed: SEED, numRuns: 200 }
		);
		await expectAlive();
	});

	it('a handshake that is not JSON, or not an object, ends that connection', async () => {
		for (const auth of [
			'{',
			'"BPF2017"',
			'null',
			'[{"meeting":"BPF2017","as":"projector"}]',
			'1e999',
			'{"meeting":"BPF2017","as":"projector"'
		]) {
			const { socket, outcome } = await rawHandshake(server.url, auth);
			socket.close();
			expect(outcome, auth).toBe('closed');
		}
		await expectAlive();
	});
});

// ---------------------------------------------------------------------------------------------
// HTTP: the forms and the routes that take a code or a format from the URL.
// ---------------------------------------------------------------------------------------------

const UNRESERVED = /[A-Za-z0-9\-._~]/;
/** Percent-encodes the UTF-8 bytes of a string (a lone surrogate becomes U+FFFD, as in a browser). */
const percentEncoded = (text: string) =>
	[...Buffer.from(text, 'utf8')]
		.map((byte) => {
			const char = String.fromCharCode(byte);
			return UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
		})
		.join('');
const BROKEN_ENCODINGS = [
	'%',
	'%Z',
	'%ZZ',
	'%FF%FE',
	'%00',
	'+',
	'%C3',
	'%ED%A0%80',
	'%2',
	'%%',
	'..',
	'.',
	'%2e%2e',
	'%2F',
	'%5C'
];
const urlPart = fc.oneof(
	{ weight: 4, arbitrary: anyString.map(percentEncoded) },
	{ weight: 1, arbitrary: fc.constantFrom(...BROKEN_ENCODINGS) }
);

/** A form body: fields in order, keys and values arbitrary, some of them wrongly encoded. */
function formBody(leading: fc.Arbitrary<[string, string][]> = fc.constant([])) {
	const key = fc.oneof(
		fc.constantFrom('username', 'password', 'displayName', 'stakeholderGroup', 'mode', 'gender', 'code'),
		urlPart
	);
	return fc
		.tuple(leading, fc.array(fc.tuple(key, urlPart), { maxLength: 6 }))
		.map(([first, rest]) => [...first, ...rest].map(([k, v]) => `${k}=${v}`).join('&'));
}

const formHeaders = fc.record({
	contentType: fc.constantFrom(
		'application/x-www-form-urlencoded',
		'application/x-www-form-urlencoded; charset=utf-8',
		'application/x-www-form-urlencoded; charset=utf-16',
		'application/x-www-form-urlencoded;;;'
	),
	accept: fc.constantFrom('text/html', 'application/json', '*/*'),
	enhanced: fc.boolean()
});

/** A refused form: a 4xx page, or (for a script or an enhanced form) a `failure` result. Never 5xx. */
async function expectRefusedForm(response: Response) {
	expect(response.status).toBeLessThan(500);
	if (response.status === 200) {
		expect(response.headers.get('content-type')).toMatch(/json/);
		const result = (await response.json()) as { type: string; status?: number };
		expect(result.type).toBe('failure');
		expect(result.status).toBeGreaterThanOrEqual(400);
		expect(result.status).toBeLessThan(500);
	} else {
		expect(response.status).toBeGreaterThanOrEqual(400);
	}
}

function postForm(
	path: string,
	body: string,
	headers: { contentType: string; accept: string; enhanced: boolean },
	cookie?: string
) {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.url,
			'content-type': headers.contentType,
			accept: headers.accept,
			...(headers.enhanced ? { 'x-sveltekit-action': 'true' } : {}),
			...(cookie ? { cookie } : {})
		},
		body
	});
}

/** Rows straight from the database, for what the snapshots leave out (sessions, profiles). */
function rows(statement: string): Promise<unknown[]> {
	return sql(server.database, statement);
}

describe('forms and routes take any input without a server error and change nothing', () => {
	const cookieless = fc.constant(undefined);

	it('POST /login with any fields is refused (4xx or a form failure) and signs no one in', async () => {
		const before = await state();
		const sessions = await rows('select * from sessions order by id');
		const query = fc.oneof(
			fc.constant(''),
			urlPart.map((part) => `?redirectTo=${part}`),
			urlPart.map((part) => `?/${part}`)
		);
		await fc.assert(
			fc.asyncProperty(formBody(), formHeaders, query, async (body, headers, search) => {
				const response = await postForm(`/login${search}`, body, headers);
				await expectRefusedForm(response);
				expect(response.headers.getSetCookie().join()).not.toMatch(/plenary-session=[^;]/);
			}),
			{ seed: SEED, numRuns: 120 }
		);
		expect(await rows('select * from sessions order by id')).toEqual(sessions);
		await expectAlive();
		expect(await state()).toEqual(before);
	});

	it('POST /m/BPF2017?/profile with a field the profile cannot take is refused and changes no profile', async () => {
		const phones: string[] = [];
		for (let i = 0; i < 8; i++) {
			const cookie = await joinMeeting(server.url, 'BPF2017');
			await saveProfile(server.url, cookie, {
				displayName: `Phone ${i}`,
				stakeholderGroup: 'academia',
				mode: 'in_room'
			});
			phones.push(cookie);
		}
		const elsewhere = await joinMeeting(server.url, 'OTHER01');
		const before = await state();
		// A refused post renders the page, and opening the page joins no one: the participants stay as they were.
		const profiles = await rows('select * from participants order by id');
		const existing = () => rows('select * from participants order by id');
		/** As the server decodes it: a lone surrogate arrives as U+FFFD. */
		const decoded = (text: string) => Buffer.from(text, 'utf8').toString('utf8');
		const allowed: string[] = ['', ...STAKEHOLDER_GROUPS, ...PARTICIPATION_MODES, 'woman', 'man', 'another'];
		// The first field of the body is one the schema refuses; FormData reads the first of repeated keys.
		const breaking = fc.oneof(
			fc
				.string({ unit: codeUnit, minLength: 61, maxLength: 120 })
				.filter((name) => decoded(name).trim().length > 60)
				.map((name): [string, string][] => [['displayName', percentEncoded(name)]]),
			fc
				.tuple(
					fc.constantFrom('stakeholderGroup', 'mode', 'gender'),
					fc.oneof(smallString, fc.constantFrom('Academia', 'in-room', 'remote '))
				)
				.filter(([, value]) => !allowed.includes(decoded(value)))
				.map(([field, value]): [string, string][] => [[field, percentEncoded(value)]])
		);
		const cookie = fc.oneof(
			{ weight: 6, arbitrary: fc.constantFrom(...phones) },
			{ weight: 1, arbitrary: cookieless },
			{ weight: 1, arbitrary: fc.constant(elsewhere) },
			{ weight: 1, arbitrary: fc.constant('plenary-attendee-BPF2017=not-a-token') }
		);
		await fc.assert(
			fc.asyncProperty(formBody(breaking), formHeaders, cookie, async (body, headers, phone) => {
				await expectRefusedForm(await postForm('/m/BPF2017?/profile', body, headers, phone));
			}),
			{ seed: SEED, numRuns: 120 }
		);
		expect(await existing()).toEqual(profiles);
		await expectAlive();
		expect(await state()).toEqual(before);
	});

	it('POST a join form with any proof is refused and makes no participant', async () => {
		const spent = await solveProof(await joinChallenge(server.url, 'BPF2017'));
		expect(actionAnswer(await (await postJoin(server.url, 'BPF2017', { proof: spent })).text()).type).toBe(
			'success'
		);
		const elsewhere = await solveProof(await joinChallenge(server.url, 'OTHER01'));
		const participants = await rows('select * from participants order by id');
		const before = await state();
		const proof = fc.oneof(
			urlPart,
			fc.constantFrom(spent, elsewhere).map(encodeURIComponent),
			fc
				.tuple(fc.constantFrom(spent, elsewhere), fc.nat(), urlPart)
				.map(([sent, at, junk]) => encodeURIComponent(sent.slice(0, at % sent.length) + junk))
		);
		const path = fc.constantFrom('/m/BPF2017?/join', '/m/BPF2017/join');
		await fc.assert(
			fc.asyncProperty(
				formBody(proof.map((value): [string, string][] => [['proof', value]])),
				formHeaders,
				path,
				async (body, headers, where) => {
					const response = await postForm(where, body, headers);
					// The join page of a meeting without a passcode, rendered again after a refusal, sends to the meeting.
					if (response.status === 303) expect(response.headers.get('location')).toBe('/m/BPF2017');
					else await expectRefusedForm(response);
					expect(response.headers.getSetCookie().join()).not.toMatch(/plenary-attendee/);
				}
			),
			{ seed: SEED, numRuns: 120 }
		);
		expect(await rows('select * from participants order by id')).toEqual(participants);
		await expectAlive();
		expect(await state()).toEqual(before);
	});

	it('GET /api/meetings/<any code> answers 200 or 404 (400 for a broken escape), never 5xx', async () => {
		const before = await state();
		await fc.assert(
			fc.asyncProperty(urlPart, async (code) => {
				const response = await fetch(`${server.url}/api/meetings/${code}`, { redirect: 'manual' });
				expect([200, 400, 404, 414, 431]).toContain(response.status);
				if (response.status === 200) {
					const snapshot = (await response.json()) as { meeting: { code: string } };
					expect(['BPF2017', 'OTHER01']).toContain(snapshot.meeting.code);
				} else {
					await response.body?.cancel();
				}
			}),
			{ seed: SEED, numRuns: 200 }
		);
		await expectAlive();
		expect(await state()).toEqual(before);
	});

	it('GET /api/meetings/BPF2017/record.<any format> never answers 5xx', async () => {
		const before = await state();
		const format = fc.oneof(
			fc.constantFrom('docx', 'md', 'json', 'csv', 'DOCX', 'json ', 'pdf', 'json.json'),
			urlPart
		);
		const cookie = fc.constantFrom(undefined, adminCookie, attendeeCookie);
		await fc.assert(
			fc.asyncProperty(format, cookie, async (ext, who) => {
				const response = await fetch(`${server.url}/api/meetings/BPF2017/record.${ext}`, {
					redirect: 'manual',
					headers: who ? { cookie: who } : {}
				});
				await response.arrayBuffer();
				expect(response.status).toBeLessThan(500);
				if (['docx', 'md', 'json', 'csv'].includes(ext))
					expect(response.status).toBe(who === adminCookie ? 200 : 401);
			}),
			{ seed: SEED, numRuns: 120 }
		);
		await expectAlive();
		expect(await state()).toEqual(before);
	});

	it('GET /m/<any code>/<any page> never answers 5xx', async () => {
		const before = await state();
		const page = fc.constantFrom(
			'',
			'/join',
			'/join/challenge',
			'/moderate',
			'/projector',
			'/remote',
			'/record',
			'/record/print'
		);
		const code = fc.oneof(fc.constantFrom('BPF2017', 'bpf-2017', 'OTHER01', 'NOPE0000'), urlPart);
		const cookie = fc.constantFrom(undefined, adminCookie, attendeeCookie);
		await fc.assert(
			fc.asyncProperty(code, page, cookie, async (meeting, path, who) => {
				const response = await fetch(`${server.url}/m/${meeting}${path}`, {
					redirect: 'manual',
					headers: who ? { cookie: who } : {}
				});
				await response.arrayBuffer();
				expect(response.status).toBeLessThan(500);
			}),
			{ seed: SEED, numRuns: 150 }
		);
		await expectAlive();
		expect(await state()).toEqual(before);
	});
});

describe('a form body that cannot be read is the sender’s mistake (400), not a server error', () => {
	const UNREADABLE = [
		{ type: 'multipart/form-data; boundary=x', body: 'code=BPF2017&username=a&password=b' },
		{ type: 'multipart/form-data', body: '--x\r\n' },
		{ type: 'text/plain', body: 'code=BPF2017' }
	];
	const refusesUnreadable = (path: string, cookie?: () => string) => async () => {
		for (const { type, body } of UNREADABLE) {
			for (const enhanced of [false, true]) {
				const response = await postForm(
					path,
					body,
					{ contentType: type, accept: 'text/html', enhanced },
					cookie?.()
				);
				expect(response.status, `${type} ${enhanced ? '(enhanced)' : ''}`).toBeLessThan(500);
				await response.arrayBuffer();
			}
		}
		await expectAlive();
	};

	it('the join form on /', refusesUnreadable('/?/join'));
	it('the join form of the attendee page', refusesUnreadable('/m/BPF2017?/join'));
	it('the join page', refusesUnreadable('/m/BPF2017/join'));
	it('the sign-in form', refusesUnreadable('/login'));
	it(
		'the profile form',
		refusesUnreadable('/m/BPF2017?/profile', () => attendeeCookie)
	);
});
