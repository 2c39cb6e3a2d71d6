import type { Ack, AckError, CommandAcks } from './protocol';
import {
	keepPending,
	pendingStorageKey,
	readPending,
	withoutPending,
	writePending,
	type KeptForLater,
	type PendingCommand
} from './pending';

/** What the server answers to each kind of command that goes through the outbox. */
export interface OutboxAnswers {
	ballot: CommandAcks['poll:vote'];
	question: CommandAcks['question:ask'];
	floor: CommandAcks['floor:request'];
}

type Kind = PendingCommand['kind'];
type CommandOf<K extends Kind> = Extract<PendingCommand, { kind: K }>;
type Answer = Ack<OutboxAnswers[Kind]>;
export type OutboxResult<K extends Kind> = Ack<OutboxAnswers[K]> | KeptForLater;

/** A command the server refused after it waited in the outbox: the attendee is told why. */
export interface Refusal {
	command: PendingCommand;
	error: AckError;
}

/** Sends one command with its own client id; null when the connection gave no answer. */
export type Deliver = (command: PendingCommand) => Promise<Answer | null>;

/** After a send that got no answer on a connection that looks alive, try again this much later. */
const RETRY_MS = 15_000;

/**
 * The attendee's ballots, questions and floor requests on their way to the server, in order.
 * Each stays here (and in the phone's storage) until the server answers it: a command made
 * offline is sent when the connection is back, with the client id it was made with.
 */
export class Outbox {
	#queue: PendingCommand[] = $state.raw([]);
	#refused: Refusal[] = $state.raw([]);
	/** Callers waiting for the answer, by client id: their commands are "sending", not yet pending. */
	#answers: Partial<Record<string, (result: Answer | KeptForLater) => void>> = {};
	/** The ids of #answers, for the views: a new list on each change. */
	#sending: readonly string[] = $state.raw([]);
	#storageKey: string | null = null;
	#flushing = false;
	#retry: ReturnType<typeof setTimeout> | undefined;
	readonly #deliver: Deliver;
	readonly #connected: () => boolean;

	constructor(deliver: Deliver, connected: () => boolean) {
		this.#deliver = deliver;
		this.#connected = connected;
	}

	/** Commands kept for later: made offline, or sent without an answer yet. */
	get pending(): readonly PendingCommand[] {
		return this.#queue.filter((command) => !this.#sending.includes(command.clientId));
	}

	get refused(): readonly Refusal[] {
		return this.#refused;
	}

	/** Picks up what this phone kept for the meeting, e.g. before a reload. */
	restore(meetingCode: string): void {
		this.#storageKey = pendingStorageKey(meetingCode);
		const stored = readPending(readStorage(this.#storageKey), Date.now());
		this.#keep(this.#queue.reduce(keepPending, stored));
	}

	/** The server's answer, or { pending: true } when the command waits for the connection. */
	submit<K extends Kind>(command: CommandOf<K>): Promise<OutboxResult<K>> {
		this.#refused = this.#refused.filter((refusal) => !sameTarget(refusal.command, command));
		const before = this.#queue;
		this.#keep(keepPending(before, command));
		// A ballot that replaced an older pending one of its poll answers for both.
		for (const gone of before.filter((entry) => !this.#queue.includes(entry))) this.#release(gone.clientId);
		const kept = this.#queue.includes(command);
		if (!kept || !this.#connected()) return Promise.resolve({ pending: true });
		const answer = new Promise<Answer | KeptForLater>((resolve) => {
			this.#answers[command.clientId] = resolve;
		});
		this.#sending = Object.keys(this.#answers);
		void this.flush();
		// The answer to a command is the one its kind receives (see the Deliver of LiveMeeting).
		return answer as Promise<OutboxResult<K>>;
	}

	/** Drops a command not sent yet. One already on its way may still arrive. */
	cancel(clientId: string): void {
		this.#keep(withoutPending(this.#queue, clientId));
		this.#release(clientId);
	}

	/** Sends what waits, oldest first, while the connection holds. */
	async flush(): Promise<void> {
		if (this.#flushing) return;
		this.#flushing = true;
		clearTimeout(this.#retry);
		try {
			for (let next = this.#queue[0]; next && this.#connected(); next = this.#queue[0]) {
				const result = await this.#deliver(next);
				if (!result) {
					this.#retry = setTimeout(() => void this.flush(), RETRY_MS);
					break;
				}
				this.#settle(next, result);
			}
		} finally {
			this.#flushing = false;
			// Whatever is still here waits for the connection; its callers hear so now.
			for (const clientId of Object.keys(this.#answers)) this.#release(clientId);
		}
	}

	stop(): void {
		clearTimeout(this.#retry);
	}

	#settle(command: PendingCommand, result: Answer): void {
		this.#keep(withoutPending(this.#queue, command.clientId));
		const answer = this.#answers[command.clientId];
		this.#forget(command.clientId);
		if (answer) answer(result);
		else if ('error' in result) {
			const others = this.#refused.filter(
				(refusal) => command.kind === 'question' || !sameTarget(refusal.command, command)
			);
			this.#refused = [...others, { command, error: result.error }];
		}
	}

	/** Tells a waiting caller that its command is kept for later. */
	#release(clientId: string): void {
		this.#answers[clientId]?.({ pending: true });
		this.#forget(clientId);
	}

	#forget(clientId: string): void {
		if (!(clientId in this.#answers)) return;
		delete this.#answers[clientId];
		this.#sending = Object.keys(this.#answers);
	}

	#keep(queue: PendingCommand[]): void {
		this.#queue = queue;
		if (this.#storageKey) writeStorage(this.#storageKey, writePending(queue));
	}
}

/** A new ballot answers an older refusal of its poll; a new question or request, the older ones. */
function sameTarget(a: PendingCommand, b: PendingCommand): boolean {
	if (a.kind === 'ballot' && b.kind === 'ballot') return a.pollId === b.pollId;
	return a.kind === b.kind;
}

function readStorage(key: string): string | null {
	try {
		return localStorage.getItem(key);
	} catch {
		return null;
	}
}

function writeStorage(key: string, value: string | null): void {
	try {
		if (value === null) localStorage.removeItem(key);
		else localStorage.setItem(key, value);
	} catch {
		// Storage full or blocked (private browsing): the outbox still lives as long as the page.
	}
}
