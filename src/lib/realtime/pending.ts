/**
 * A phone's outbox: the ballots, questions and floor requests it made that the server has not
 * answered yet (offline, or the connection dropped on the way). Pure rules: what is kept, and how
 * it is written to the phone's storage and read back. Each command keeps the client id it was
 * made with for its whole life, so a resend after a reconnect or a reload is recognised by the
 * server and never applied twice.
 */

interface Queued {
	clientId: string;
	/** When the attendee made it (milliseconds since 1970, UTC): old ones are not sent hours later. */
	queuedAt: number;
}

export interface PendingBallot extends Queued {
	kind: 'ballot';
	pollId: string;
	revision: number;
	/** The kind-specific content, checked by the server when it arrives. */
	choice: unknown;
}

export interface PendingQuestion extends Queued {
	kind: 'question';
	text: string;
	anonymous: boolean;
}

export interface PendingFloorRequest extends Queued {
	kind: 'floor';
}

export type PendingCommand = PendingBallot | PendingQuestion | PendingFloorRequest;

/** What a command made through the outbox returns when it could not be sent yet. */
export interface KeptForLater {
	pending: true;
}

/** A command kept longer than this is dropped when read back: the moment has passed. */
export const MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** Read back at most this many: storage is the phone's, anything could be in it. */
export const MAX_PENDING = 50;

const STORAGE_FORMAT = 1;
const MAX_TEXT = 2000;
const MAX_CHOICE_JSON = 20_000;

/**
 * Adds a command by the outbox rules: the latest ballot of a poll replaces an older pending one
 * (the higher revision wins), questions are kept in the order asked, and one floor request is
 * enough (a second one keeps the first, with its client id).
 */
export function keepPending(queue: readonly PendingCommand[], command: PendingCommand): PendingCommand[] {
	if (queue.some((entry) => entry.clientId === command.clientId)) return [...queue];
	switch (command.kind) {
		case 'ballot': {
			const older = queue.find(
				(entry): entry is PendingBallot => entry.kind === 'ballot' && entry.pollId === command.pollId
			);
			if (older && older.revision > command.revision) return [...queue];
			return [...queue.filter((entry) => entry !== older), command];
		}
		case 'question':
			return [...queue, command];
		case 'floor':
			return queue.some((entry) => entry.kind === 'floor') ? [...queue] : [...queue, command];
	}
}

/** The queue without one command, once the server answered it (or the attendee cancelled it). */
export function withoutPending(queue: readonly PendingCommand[], clientId: string): PendingCommand[] {
	return queue.filter((entry) => entry.clientId !== clientId);
}

/** Each meeting has its own outbox on the phone. */
export function pendingStorageKey(meetingCode: string): string {
	return `plenary:pending:${meetingCode}`;
}

/** The stored form of a queue; null when there is nothing to keep (the key is then removed). */
export function writePending(queue: readonly PendingCommand[]): string | null {
	if (queue.length === 0) return null;
	return JSON.stringify({ format: STORAGE_FORMAT, commands: queue });
}

/**
 * Reads a stored queue back. Whatever does not look like a command this version wrote (or is too
 * old) is dropped, one entry at a time; this never throws.
 */
export function readPending(raw: string | null, now: number): PendingCommand[] {
	if (!raw) return [];
	let stored: unknown;
	try {
		stored = JSON.parse(raw);
	} catch {
		return [];
	}
	if (!isRecord(stored) || stored.format !== STORAGE_FORMAT || !Array.isArray(stored.commands)) return [];
	let queue: PendingCommand[] = [];
	for (const entry of stored.commands.slice(0, MAX_PENDING)) {
		const command = parseCommand(entry, now);
		if (command) queue = keepPending(queue, command);
	}
	return queue;
}

function parseCommand(entry: unknown, now: number): PendingCommand | null {
	if (!isRecord(entry)) return null;
	const { clientId, queuedAt } = entry;
	if (typeof clientId !== 'string' || !/^[\w-]{8,64}$/.test(clientId)) return null;
	if (typeof queuedAt !== 'number' || !Number.isSafeInteger(queuedAt)) return null;
	if (now - queuedAt > MAX_AGE_MS) return null;
	const queued = { clientId, queuedAt };
	switch (entry.kind) {
		case 'ballot':
			return parseBallot(entry, queued);
		case 'question':
			if (typeof entry.text !== 'string' || entry.text.length > MAX_TEXT) return null;
			if (typeof entry.anonymous !== 'boolean') return null;
			return { kind: 'question', ...queued, text: entry.text, anonymous: entry.anonymous };
		case 'floor':
			return { kind: 'floor', ...queued };
		default:
			return null;
	}
}

function parseBallot(entry: Record<string, unknown>, queued: Queued): PendingBallot | null {
	const { pollId, revision, choice } = entry;
	if (typeof pollId !== 'string' || pollId.length === 0 || pollId.length > 64) return null;
	if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) return null;
	if (choice === undefined || JSON.stringify(choice).length > MAX_CHOICE_JSON) return null;
	return { kind: 'ballot', ...queued, pollId, revision, choice };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
