import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { db } from '../db';
import { meetingDefinitionSchema, type MeetingDefinition, type MeetingSettings } from './definition';
import type { Meeting } from '../db/schema';
import { findMeetingById } from './store';
import { loadAgenda, readPolls } from './agenda';
import { MOST_JSON_NESTING, tooDeeplyNested } from '../http/json';

/** Meeting files are a few hundred kilobytes at most; anything far larger is not one. */
export const MEETING_FILE_MAX_BYTES = 2 * 1024 * 1024;

export interface FileProblem {
	/** 1-based line of the file, null when the problem is the file as a whole. */
	line: number | null;
	/** The field, as `agenda[2].cards[0].title`; empty for the file itself. */
	field: string;
	message: string;
}

export type FileReading =
	{ ok: true; definition: MeetingDefinition } | { ok: false; problems: FileProblem[] };

/** Parses and validates a meeting file; every problem names its field and line. */
export function readMeetingFile(text: string): FileReading {
	if (text.length > MEETING_FILE_MAX_BYTES) {
		return { ok: false, problems: [{ line: null, field: '', message: 'the file is larger than 2 MB' }] };
	}
	if (text.includes('\0'))
		return {
			ok: false,
			problems: [
				{
					line: lineAt(text, text.indexOf('\0')),
					field: '',
					message: 'the file holds the NUL character: this is not a meeting file'
				}
			]
		};
	const deep = tooDeeplyNested(text);
	if (deep) {
		const message = `lists and objects are nested more than ${MOST_JSON_NESTING} deep: this is not a meeting file`;
		return { ok: false, problems: [{ line: lineAt(text, deep.offset), field: '', message }] };
	}
	const errors: ParseError[] = [];
	const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
	if (errors.length > 0 || !root) {
		const problems = errors.slice(0, 20).map((error) => ({
			line: lineAt(text, error.offset),
			field: '',
			message: `not valid JSON (${describeParseError(error)})`
		}));
		return {
			ok: false,
			problems: problems.length ? problems : [{ line: null, field: '', message: 'the file is empty' }]
		};
	}
	const parsed = meetingDefinitionSchema.safeParse(JSON.parse(text));
	if (parsed.success) return { ok: true, definition: parsed.data };
	return {
		ok: false,
		problems: parsed.error.issues.slice(0, 50).map((issue) => {
			const path = issue.path.filter((part) => typeof part !== 'symbol');
			return {
				line: lineAt(text, nearestNode(root, path).offset),
				field: fieldName(path),
				message: issueMessage(issue)
			};
		})
	};
}

/** Zod's messages, said the way an organiser fixing a file or a form would want them. */
export function issueMessage(issue: z.core.$ZodIssue): string {
	if (issue.code === 'too_small' && issue.origin === 'string') return 'cannot be empty';
	if (issue.code === 'invalid_type' && issue.input === undefined) return 'is missing';
	return issue.message;
}

function describeParseError(error: ParseError): string {
	return printParseErrorCode(error.error)
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.toLowerCase();
}

/** The node at `path`, or the closest parent that exists (a missing field points at its object). */
function nearestNode(root: Node, path: (string | number)[]): Node {
	for (let length = path.length; length > 0; length--) {
		const node = findNodeAtLocation(root, path.slice(0, length));
		// For a property, point at its key: that is the line an editor shows for the field.
		if (node) return node.parent?.type === 'property' ? node.parent : node;
	}
	return root;
}

function lineAt(text: string, offset: number): number {
	let line = 1;
	for (let index = 0; index < offset && index < text.length; index++)
		if (text.charCodeAt(index) === 10) line++;
	return line;
}

export function fieldName(path: (string | number)[]): string {
	return path
		.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
		.join('');
}

/** A stored meeting's settings, as a file's `meeting` holds them. */
export function meetingSettingsOf(meeting: Meeting): MeetingSettings {
	return {
		code: meeting.code,
		title: meeting.title,
		description: meeting.description,
		venue: meeting.venue,
		date: meeting.date,
		startTime: meeting.startTime,
		timeZone: meeting.timeZone,
		organiser: meeting.organiser,
		commentDeadline: meeting.commentDeadline?.toISOString() ?? null,
		rehearsal: meeting.rehearsal,
		speakingSeconds: meeting.speakingSeconds,
		premoderation: meeting.premoderation,
		passcode: meeting.passcode,
		participation: meeting.participation,
		language: meeting.language
	};
}

/** A stored meeting as a file: the same shape the importer reads, so exporting and importing round-trips. */
export async function exportMeeting(meetingId: string): Promise<MeetingDefinition | null> {
	const meeting = await findMeetingById(meetingId);
	if (!meeting) return null;
	const polls = await readPolls(db(), meetingId);
	const fileIds = new Map(polls.map((poll, index) => [poll.id, `poll-${index + 1}`]));
	return {
		format: 'plenary-meeting',
		formatVersion: 1,
		meeting: meetingSettingsOf(meeting),
		agenda: await loadAgenda(meetingId),
		polls: polls.map((poll) => ({
			id: fileIds.get(poll.id) ?? poll.id,
			itemId: poll.itemId,
			kind: poll.kind,
			question: poll.question,
			options: poll.options,
			maxPicks: poll.maxPicks,
			wordLimit: poll.wordLimit
		}))
	};
}
