/**
 * One way to run a socket command. Every event passes the same steps, in this order:
 * who may send it (the session is checked again on every event, not only at the handshake), the
 * replay of a retried command's stored acknowledgement, its rate limit, its schema, the decision
 * in one transaction with the acknowledgement stored beside the change, and then the events it
 * caused. A handler states its rules and its decision; it never repeats this prelude.
 */
import type { MeetingRole } from '$lib/domain/meeting';
import { sessionSealed } from '$lib/domain/record/clock';
import type { Ack, AckError, CommandAcks } from '$lib/realtime/protocol';
import { commandSchemas, describeIssues, type CommandName, type ParsedCommand } from '$lib/realtime/schemas';
import { meetingLock, transaction, type Tx } from '../db';
import { writeSoon } from '../db/batch';
import { rememberAck, replayOf } from '../commands';
import { publish, type AppEvent } from '../events';
import { limits, waitHint, type Limit } from '../limits';
import { rolesIn } from '../auth/roles';
import { findMeetingById, sessionClockOf } from '../meetings/store';
import type { Meeting } from '../db/schema';
import { validateSessionToken, type SessionUser } from '../auth/session';
import type { PlenarySocket, SocketData } from './hub';
import { actorOf } from './guard';
import { holdsNul } from '../forms';

export const fail = (code: AckError['code'], message: string): { error: AckError } => ({
	error: { code, message }
});

const SEALED = 'The session has ended: its record is sealed and no longer changes.';

/** Who sent a command, once checked. `actor` scopes its client ids and its rate limits. */
export type Caller =
	| { kind: 'attendee'; actor: string; participantId: string }
	| { kind: 'staff'; actor: string; user: SessionUser; roles: Set<MeetingRole> };

/** Phones that joined this meeting, or staff holding one of the roles. */
export type Who = 'attendee' | readonly MeetingRole[];

type CallerOf<W extends Who> = W extends 'attendee'
	? Extract<Caller, { kind: 'attendee' }>
	: Extract<Caller, { kind: 'staff' }>;

export interface CommandContext<W extends Who> {
	meetingId: string;
	caller: CallerOf<W>;
	/** The meeting's row as it is inside the command's transaction (read when asked for). */
	meeting: () => Promise<Meeting>;
}

/** Thrown by `meeting()` when the meeting is gone: the command is refused, nothing is changed. */
class MeetingGone extends Error {}

/** A decision: the acknowledgement and what happened, or a refusal that changes nothing. */
export type Decision<T> = { data: T; events?: AppEvent[] } | { error: AckError };

export interface CommandRules<E extends CommandName, W extends Who> {
	who: W;
	/** Counted per caller before the decision; a refusal says what was too much. */
	limit?: { limit: Limit; what: string };
	/**
	 * Runs in the command's transaction; the acknowledgement it returns is stored with the change
	 * and replayed as it is to a retry of the same client id.
	 */
	decide: (
		tx: Tx,
		command: ParsedCommand<E>,
		context: CommandContext<W>
	) => Decision<CommandAcks[E]> | Promise<Decision<CommandAcks[E]>>;
	/**
	 * Commands that come in bursts from a hall of phones (ballots, upvotes) are committed with the
	 * others of the burst (see writeSoon) instead of in a transaction of their own.
	 */
	burst?: boolean;
	/**
	 * Whether the command may still run once the session has ended. An ended session is sealed:
	 * whatever would change its record is refused until a moderator reopens it.
	 */
	afterEnd?: boolean;
}

/** Commands without a limit of their own: far more than a person does, far less than a script. */
function defaultLimit(caller: Caller): { limit: Limit; what: string } {
	return caller.kind === 'attendee'
		? { limit: limits.phoneCommand, what: 'Too many changes at once' }
		: { limit: limits.staffCommand, what: 'Too many commands at once' };
}

/** Socket clients may omit the acknowledgement callback; a command is still checked and applied. */
function ackOf<T>(candidate: unknown): (result: Ack<T>) => void {
	return typeof candidate === 'function' ? (candidate as (result: Ack<T>) => void) : () => {};
}

/**
 * Runs `run` so that no input can crash the server: a thrown error becomes an `internal`
 * acknowledgement and is logged once.
 */
function guarded<T>(ack: (result: Ack<T>) => void, run: () => Ack<T> | Promise<Ack<T>>): void {
	Promise.resolve()
		.then(run)
		.then(ack, (error: unknown) => {
			console.error('Plenary: socket handler failed', error);
			ack(fail('internal', 'The server could not process this request. Nothing was changed.'));
		})
		.catch((error: unknown) => console.error('Plenary: an acknowledgement failed', error));
}

/**
 * Who sent a command, checked on every event: a staff session is validated again (signing out or
 * losing a role takes effect on open sockets at once), and an attendee must have joined.
 */
async function callerOf<W extends Who>(data: SocketData, who: W): Promise<CallerOf<W> | { error: AckError }> {
	if (who === 'attendee') {
		const participantId = data.role === 'attendee' ? data.participantId : null;
		if (!participantId) return fail('unauthorised', 'Join the meeting from its page first.');
		return { kind: 'attendee', actor: participantId, participantId } as CallerOf<W>;
	}
	const user = data.sessionToken ? (await validateSessionToken(data.sessionToken)).user : null;
	if (data.role !== 'moderator' || !user) return fail('unauthorised', 'Sign in to do this.');
	const roles = await rolesIn(user, data.meetingId);
	if (!(who as readonly MeetingRole[]).some((role) => roles.has(role)))
		return fail('forbidden', 'Your role in this meeting does not allow this.');
	return { kind: 'staff', actor: user.id, user, roles } as CallerOf<W>;
}

/** Counts one action against a limit; a refusal says what was too much and how long to wait. */
async function withinLimit(limit: Limit, key: string, what: string): Promise<{ error: AckError } | null> {
	const wait = await limit.take(key);
	return wait === null ? null : fail('rate_limited', `${what}: try again in ${waitHint(wait)}.`);
}

async function runCommand<E extends CommandName, W extends Who>(
	data: SocketData,
	event: E,
	rules: CommandRules<E, W>,
	payload: unknown
): Promise<Ack<CommandAcks[E]>> {
	const caller = await callerOf(data, rules.who);
	if ('error' in caller) return caller;
	const parsed = commandSchemas[event].safeParse(payload);
	if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
	if (holdsNul(parsed.data)) return fail('invalid', 'Text cannot hold the NUL character.');
	const command = parsed.data as ParsedCommand<E>;
	const { meetingId } = data;
	const replay = async () => await replayed<CommandAcks[E]>(meetingId, caller.actor, command.clientId);
	const earlier = await replay();
	if (earlier) return earlier;
	const { limit, what } = rules.limit ?? defaultLimit(caller);
	const limited = await withinLimit(limit, caller.actor, what);
	if (limited) return limited;
	// Read once per attempt of the transaction, when the decision asks for it.
	let row: Meeting | undefined;
	const meeting = async () => {
		row ??= await findMeetingById(meetingId);
		if (!row) throw new MeetingGone();
		return row;
	};
	const context = { meetingId, caller, meeting } as CommandContext<W>;
	const apply = async (tx: Tx): Promise<Decision<CommandAcks[E]>> => {
		row = undefined;
		// A retry that arrived while the first was queued finds it applied here.
		const applied = await replay();
		if (applied) return applied;
		if (!rules.afterEnd) {
			// The seal is two columns of the row; a ballot's decision needs none of it.
			const clock = await sessionClockOf(meetingId);
			if (!clock) throw new MeetingGone();
			if (sessionSealed(clock)) return fail('conflict', SEALED);
		}
		const decision = await rules.decide(tx, command, context);
		// A decision that changed nothing (no events) leaves no trace: the database stays as it was.
		if ('data' in decision && decision.events?.length)
			await rememberAck(tx, meetingId, caller.actor, command.clientId, decision.data);
		return decision;
	};
	let decision: Decision<CommandAcks[E]>;
	try {
		// One meeting's commands are decided one after the other, whichever process runs them.
		const locks = [meetingLock(meetingId)];
		decision = rules.burst ? await writeSoon(apply, locks) : await transaction(apply, locks);
	} catch (error) {
		if (error instanceof MeetingGone) return fail('not_found', 'This meeting no longer exists.');
		throw error;
	}
	if ('error' in decision) return decision;
	for (const happened of decision.events ?? []) publish(happened);
	return { data: decision.data };
}

async function replayed<T>(meetingId: string, actor: string, clientId: string): Promise<Ack<T> | null> {
	const earlier = await replayOf(meetingId, actor, clientId);
	if (!earlier.found) return null;
	// Commands applied before acknowledgements were kept can only be recognised, not answered again.
	if (earlier.data === undefined) return fail('conflict', 'This command was already applied.');
	return { data: earlier.data as T };
}

/**
 * Every command's rules, the same for every connection: registered once when the server starts,
 * so that a connection holds no handler of its own (a hall of phones would otherwise hold thousands
 * of closures each, one per command).
 */
const commands = new Map<string, CommandRules<CommandName, Who>>();

/** Registers one command: its handler is the rules above, nothing more. */
export function onCommand<E extends CommandName, W extends Who>(event: E, rules: CommandRules<E, W>): void {
	if (commands.has(event)) throw new Error(`The command ${event} is registered twice.`);
	commands.set(event, rules as unknown as CommandRules<CommandName, Who>);
}

/**
 * A connection's commands, as its last middleware: a packet naming a command (`[event, payload,
 * ack]` once its arguments are aligned) is run through the command's rules and goes no further;
 * any other goes on to the connection's listeners.
 */
export function commandsOf(socket: PlenarySocket) {
	return (packet: unknown[], next: (error?: Error) => void): void => {
		const [event, payload, callback] = packet;
		const rules = typeof event === 'string' ? commands.get(event) : undefined;
		if (!rules) return next();
		// As Socket.IO does for its listeners: a packet that waited past its connection's end is dropped.
		if (!socket.connected) return;
		const command = event as CommandName;
		guarded(ackOf(callback), () => runCommand(socket.data, command, rules, payload));
	};
}

/**
 * Runs an attendee's command that arrived by a form instead of a socket (a ballot posted before
 * the page's scripts ran): the same steps, limits and stored acknowledgement as on a socket, so a
 * later socket send of the same client id is answered from the first.
 */
export function runFormCommand<E extends CommandName>(
	meetingId: string,
	participantId: string,
	event: E,
	rules: CommandRules<E, 'attendee'>,
	payload: unknown
): Promise<Ack<CommandAcks[E]>> {
	const data: SocketData = {
		meetingId,
		role: 'attendee',
		participantId,
		mode: null,
		sessionToken: null,
		userId: null
	};
	return runCommand(data, event, rules, payload);
}

/**
 * Registers a read: who may ask is anyone connected to the meeting, within the limit of its
 * participant, staff member or (for a screen) connection, counted before any other work;
 * nothing is stored. `read` is given the payload of reads that take one (`meeting:sync` takes
 * none).
 */
export function onRead<T>(
	socket: PlenarySocket,
	event: 'meeting:sync' | 'questions:more',
	limit: { limit: Limit; what: string },
	read: (payload: unknown) => Ack<T> | Promise<Ack<T>>
): void {
	const listener = (...args: unknown[]) => {
		const callback = args.pop();
		guarded(ackOf<T>(callback), async () => {
			const limited = await withinLimit(limit.limit, actorOf(socket.data, socket.id), limit.what);
			return limited ?? read(args[0]);
		});
	};
	socket.on(event, listener as never);
}
