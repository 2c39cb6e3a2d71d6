import { connectCluster } from '../cluster';
import { clusterAdapter, joinCluster } from './cluster';
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { parse as parseCookies } from 'cookie';
import { Server } from 'socket.io';
import { rolesIn } from '../auth/roles';
import { SESSION_COOKIE, validateSessionToken } from '../auth/session';
import { readConfig } from '../config';
import { findMeetingByCode, findMeetingById } from '../meetings/store';
import { buildSnapshot } from '../meetings/snapshot';
import { findParticipant, participantCookieName } from '../participants';
import { needsJoinPage } from '../join/admission';
import { publish } from '../events';
import { limits, waitHint } from '../limits';
import { presence } from '../presence';
import { turnout } from '../turnout';
import { handshakeSchema } from '$lib/realtime/schemas';
import { fail, onRead } from './command';
import { actorOf, connectionRefusal, eventGuard, isBehind } from './guard';
import { broadcastChanges, forgetCountsSent } from './broadcasts';
import { registerAgendaCommands } from './agenda';
import { hub, type PlenaryServer, type PlenarySocket, type SocketData } from './hub';
import { registerPollCommands } from './polls';
import { registerFloorCommands } from './floor';
import { registerQuestionCommands, registerQuestionReads } from './questions';
import { registerCommentCommands } from './comments';
import { registerRecordCommands } from './record';
import { commandsOf } from './command';
import { stillStaff } from './staff';
import type { Ack, MeetingSnapshot } from '$lib/realtime/protocol';

/**
 * Browsers always send Origin on cross-site WebSocket and polling requests: refuse any origin
 * other than the one the page was served from (or PUBLIC_ORIGIN). Non-browser clients send none.
 */
export function originAllowed(request: IncomingMessage, publicOrigin: string | null): boolean {
	const origin = request.headers.origin;
	if (!origin) return true;
	if (origin === publicOrigin) return true;
	try {
		return new URL(origin).host === request.headers.host;
	} catch {
		return false;
	}
}

/** Every socket command, once per process (see attachRealtime): each connection runs them through `commandsOf`. */
function registerCommands(): void {
	registerAgendaCommands();
	registerPollCommands();
	registerFloorCommands();
	registerQuestionCommands();
	registerCommentCommands();
	registerRecordCommands();
}

/** Creates the Socket.IO server on the same HTTP server as the pages. Safe to call twice. */
export function attachRealtime(httpServer: HttpServer): PlenaryServer {
	if (hub.io) return hub.io;
	const { publicOrigin, redisUrl } = readConfig();
	// Several processes share their events and rate limits through Redis (see cluster.ts).
	const cluster = connectCluster(redisUrl);
	const io: PlenaryServer = new Server(httpServer, {
		...(cluster ? { adapter: clusterAdapter(cluster.adapter) } : {}),
		// Vite's own upgrade handler (hot reload in dev) must keep its WebSocket.
		destroyUpgrade: false,
		maxHttpBufferSize: 64 * 1024,
		// A dead connection (a phone leaving the Wi-Fi) is noticed within 20 s, not the default 45 s.
		pingInterval: 10_000,
		pingTimeout: 10_000,
		allowRequest: (request, callback) => {
			if (!originAllowed(request, publicOrigin)) return callback('Origin not allowed', false);
			// Counted before any other work: a script opening connections in a loop costs a count each.
			connectionRefusal(request).then(
				(refusal) => callback(refusal, refusal === null),
				() => callback('internal', false)
			);
		}
	});
	hub.attach(io);
	broadcastChanges();
	if (cluster) joinCluster(io);
	registerCommands();
	io.use((socket, next) => {
		const admitted = async () => {
			const refusal = await admit(socket);
			if (refusal) return next(refusal);
			// A poll open before this process started counts the phone among those connected while it was.
			if (socket.data.participantId) await turnout.follow(socket.data.meetingId);
			// A sender that used up its messages is not given a new connection (and its snapshot) either.
			await throttled(socket).then(next, () => next(new Error('internal')));
		};
		admitted().catch((error: unknown) => {
			console.error('Plenary: socket handshake failed', error);
			next(new Error('internal'));
		});
	});
	io.on('connection', (socket) => onConnection(socket));
	return io;
}

/** Decides who a new socket speaks for, from its handshake and the cookies of its page. */
async function admit(socket: PlenarySocket): Promise<Error | undefined> {
	const auth = handshakeSchema.safeParse(socket.handshake.auth);
	if (!auth.success) return new Error('invalid: the handshake needs { meeting, as }');
	const meeting = await findMeetingByCode(auth.data.meeting.toUpperCase());
	if (!meeting) return new Error('not_found: no meeting has this code');
	const cookies = parseCookies(socket.request.headers.cookie ?? '');
	socket.data = {
		meetingId: meeting.id,
		role: auth.data.as,
		participantId: null,
		mode: null,
		sessionToken: null,
		userId: null
	};
	if (auth.data.as === 'moderator') {
		const token = cookies[SESSION_COOKIE];
		const user = token ? (await validateSessionToken(token)).user : null;
		if (!token || !user) return new Error('unauthorised: sign in as a moderator');
		// Moderators, remote moderators and rapporteurs share the staff connection; each event checks its role.
		if ((await rolesIn(user, meeting.id)).size === 0) return new Error('forbidden: no role in this meeting');
		socket.data.sessionToken = token;
		socket.data.userId = user.id;
	}
	if (auth.data.as === 'attendee') {
		if (meeting.archivedAt) return new Error('gone: this session has ended and is archived');
		// A phone that has not joined yet watches read-only: its commands are refused until it joins.
		const participant = await findParticipant(meeting.id, cookies[participantCookieName(meeting.code)]);
		if (participant) {
			socket.data.participantId = participant.id;
			socket.data.mode = participant.mode;
		} else if (needsJoinPage(meeting)) return new Error('unauthorised: join the meeting from its page first');
	}
	return undefined;
}

/** Refuses a connection to a sender that has used up its events (see `eventGuard`). */
async function throttled(socket: PlenarySocket): Promise<Error | undefined> {
	const wait = await limits.events.exhausted(actorOf(socket.data, socket.id));
	return wait === null
		? undefined
		: new Error(`rate_limited: too many messages, try again in ${waitHint(wait)}`);
}

/** The session as this connection may see it; none for a phone whose meeting was archived since it connected. */
async function snapshotFor({ meetingId, role, participantId }: SocketData): Promise<MeetingSnapshot | null> {
	const meeting = await findMeetingById(meetingId);
	if (!meeting || (role === 'attendee' && meeting.archivedAt)) return null;
	return await buildSnapshot(meeting, { role, participantId });
}

/**
 * Handlers take `(payload, ack)`, and `meeting:sync` only `(ack)`. A client that sends fewer or more
 * arguments still gets its one acknowledgement: the ack is the last argument when it is a function.
 */
function alignArguments(packet: unknown[], next: (error?: Error) => void): void {
	const [event, ...args] = packet;
	const ack = typeof args.at(-1) === 'function' ? args.pop() : undefined;
	packet.length = 1;
	if (event === 'meeting:sync') packet.push(ack);
	else packet.push(args[0], ack);
	next();
}

/** The answer to `meeting:sync`: the whole session again, for a connection that may have it. */
async function syncAnswer(socket: PlenarySocket): Promise<Ack<MeetingSnapshot>> {
	// A console whose session or role has gone gets no snapshot, and is closed once told why.
	if (socket.data.role === 'moderator' && !(await stillStaff(socket.data))) {
		setImmediate(() => socket.disconnect(true));
		return fail('unauthorised', 'Your session or your role in this meeting has ended: sign in again.');
	}
	// A connection that has not taken what it was sent gets no more until it has.
	if (isBehind(socket))
		return fail('rate_limited', 'Your connection is behind: the session follows once it catches up.');
	const current = await snapshotFor(socket.data);
	return current ? { data: current } : fail('not_found', 'This meeting no longer exists.');
}

function onConnection(socket: PlenarySocket): void {
	const { meetingId, participantId, mode } = socket.data;
	if (participantId) {
		presence.arrive(meetingId, participantId, mode);
		publish({ name: 'presence.changed', meetingId });
		socket.on('disconnect', () => {
			presence.leave(meetingId, participantId);
			publish({ name: 'presence.changed', meetingId });
		});
	}
	socket.use(eventGuard(socket));
	socket.use(alignArguments);
	socket.use(commandsOf(socket));
	hub.welcome(socket, async () => {
		// The phone's snapshot shows the counts of its moment: the next ones go to phones even if unchanged.
		if (socket.data.role === 'attendee') forgetCountsSent(meetingId);
		return await snapshotFor(socket.data);
	});
	onRead(
		socket,
		'meeting:sync',
		{
			limit: socket.data.role === 'moderator' ? limits.staffSync : limits.sync,
			what: 'Too many requests for the whole session'
		},
		() => hub.inTurn(socket, async () => await syncAnswer(socket))
	);
	registerQuestionReads(socket);
}
