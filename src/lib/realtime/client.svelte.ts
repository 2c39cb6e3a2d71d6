import { io, WebSocket, type Socket } from 'socket.io-client';
import type {
	Ack,
	AgendaMoved,
	ClientRole,
	ClientToServerEvents,
	FloorState,
	QuestionsState,
	MeetingSnapshot,
	PollResultsUpdate,
	MeetingChanged,
	PollsChanged,
	ServerToClientEvents
} from './protocol';
import { Outbox, type OutboxAnswers, type OutboxResult, type Refusal } from './outbox.svelte';
import type { PendingCommand } from './pending';
import { followVersion } from './versions';
import { QUESTIONS_MOST, QUESTIONS_SHOWN } from '$lib/domain/questions';

export type ConnectionStatus = 'connecting' | 'joining' | 'live' | 'reconnecting' | 'refused';

const ACK_TIMEOUT_MS = 8000;
const CONNECT_TIMEOUT_MS = 10_000;
const ATTEMPTS = 4;
/** How many more questions in each order one "Show more questions" asks for. */
const MORE_QUESTIONS = 100;

/** A random id that works on plain-http venue networks, where crypto.randomUUID does not exist. */
export function newClientId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

let longPolling: Promise<void> | null = null;

/**
 * After a connection fails, the next attempts start with HTTP long-polling and move to WebSocket
 * when it works (Socket.IO's own way, which gets through proxies that refuse WebSocket). The
 * long-polling code is fetched only then: most phones never need it.
 */
function addLongPolling(socket: Socket): Promise<void> {
	longPolling ??= import('virtual:plenary/long-polling').then(({ XHR }) => {
		const options = socket.io.opts;
		delete options.transports;
		options.transportImplementations = [XHR, WebSocket];
	});
	return longPolling.catch(() => {
		longPolling = null;
	});
}

/**
 * One meeting as a browser sees it: the server's snapshot on every (re)connect, then versioned
 * updates; a gap in versions asks for a fresh snapshot instead of guessing.
 */
export class LiveMeeting {
	#snapshot: MeetingSnapshot = $state() as MeetingSnapshot;
	#status: ConnectionStatus = $state('connecting');
	#problem: string | null = $state(null);
	/** Counts the server's updates, so a view built from another source knows when to refresh. */
	#updates = $state(0);
	#socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
	/** An attendee's ballots, questions and floor requests until the server has them (and has them joined). */
	#outbox = new Outbox(
		(command) => this.#deliver(command),
		() => this.#joined && !!this.#socket?.connected
	);
	/** A phone that has not joined yet watches read-only; what it sends waits until it has joined. */
	#joined = $state(true);
	#joinProblem: string | null = $state(null);
	#whenJoined: Promise<void>;
	#onJoined = () => {};

	constructor(initial: MeetingSnapshot, joined = true) {
		this.#snapshot = initial;
		this.#joined = joined;
		this.#whenJoined = joined ? Promise.resolve() : new Promise((resolve) => (this.#onJoined = resolve));
	}

	get joined(): boolean {
		return this.#joined;
	}

	/**
	 * The phone has just joined (its cookie is set): the socket connects again to speak for it, and
	 * what waited is sent.
	 */
	markJoined(): void {
		if (this.#joined) return;
		this.#joined = true;
		this.#joinProblem = null;
		this.#onJoined();
		this.#socket?.disconnect().connect();
	}

	/** Joining was refused (the session ended, too many at once): the phone says why. */
	joinRefused(problem: string): void {
		this.#joinProblem = problem;
	}

	get current(): MeetingSnapshot {
		return this.#snapshot;
	}

	get status(): ConnectionStatus {
		if (this.#joinProblem) return 'refused';
		return !this.#joined && this.#status === 'live' ? 'joining' : this.#status;
	}

	get problem(): string | null {
		return this.#joinProblem ?? this.#problem;
	}

	get updates(): number {
		return this.#updates;
	}

	/** Ballots, questions and floor requests kept on this phone until the connection is back. */
	get pending(): readonly PendingCommand[] {
		return this.#outbox.pending;
	}

	/** Kept commands the server refused once they arrived (a poll closed meanwhile), with why. */
	get refused(): readonly Refusal[] {
		return this.#outbox.refused;
	}

	/** Drops a kept command that was not sent yet (a floor request the attendee no longer wants). */
	cancelPending(clientId: string): void {
		this.#outbox.cancel(clientId);
	}

	/** Events only screens and staff are sent: their listeners live where a phone does not load them. */
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a hook: subclasses listen on it
	protected listen(socket: Socket<ServerToClientEvents, ClientToServerEvents>): void {}

	connect(as: ClientRole): () => void {
		// WebSocket first: on a slow network it is live a round trip sooner than long-polling. A
		// WebSocket dropped before it opens raises no error, so the wait for one is kept short.
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
			auth: { meeting: this.#snapshot.meeting.code, as },
			transports: ['websocket'],
			timeout: CONNECT_TIMEOUT_MS
		});
		this.#socket = socket;
		if (as === 'attendee') this.#restoreOutbox();
		socket.on('connect', () => {
			this.#status = 'live';
			this.#problem = null;
			// The snapshot is on its way first (the server sends it on connection), then what waited.
			if (as === 'attendee') void this.#outbox.flush();
		});
		socket.on('disconnect', (reason) => {
			this.#status = 'reconnecting';
			// A server-side disconnect is not retried by the client on its own.
			if (reason === 'io server disconnect') socket.connect();
		});
		socket.on('connect_error', (error) => {
			void addLongPolling(socket);
			if (socket.active) {
				this.#status = 'reconnecting';
				return;
			}
			this.#status = 'refused';
			this.#problem = error.message.replace(/^\w+: /, '');
		});
		socket.onAny(() => this.#updates++);
		socket.on('session:clock', (clock) => Object.assign(this.#snapshot.meeting, clock));
		socket.on('topics:changed', (topics) => (this.#snapshot.topics = topics));
		socket.on('meeting:snapshot', (snapshot) => {
			this.#snapshot = snapshot;
			this.#clockOffset = Date.parse(snapshot.floor.serverNow) - Date.now();
		});
		socket.on('agenda:moved', (update) => this.#applyMove(update));
		socket.on('meeting:changed', (update) => this.#applyMeeting(update));
		socket.on('presence:counts', (presence) => (this.#snapshot.presence = presence));
		socket.on('polls:changed', (update) => this.#applyPolls(update));
		socket.on('poll:results', (update) => this.#applyResults(update));
		socket.on('floor:changed', (floor) => this.#applyFloor(floor));
		socket.on('questions:changed', (qa) => this.#applyQuestions(qa));
		// A new deadline also comes with the agenda in meeting:changed (walkthroughs carry it).
		socket.on('comments:changed', (comments) => (this.#snapshot.comments = comments));
		this.listen(socket);

		// A phone that wakes up or gets its network back should not wait for a ping timeout.
		// Socket.IO would wait out its back-off (seconds) first; a new attempt now starts at once.
		const onOnline = () => {
			if (!socket.connected) socket.disconnect().connect();
		};
		const onVisible = () => {
			if (document.visibilityState !== 'visible') return;
			if (socket.connected) void this.resync();
			else socket.connect();
		};
		window.addEventListener('online', onOnline);
		document.addEventListener('visibilitychange', onVisible);
		return () => {
			window.removeEventListener('online', onOnline);
			document.removeEventListener('visibilitychange', onVisible);
			socket.disconnect();
			this.#socket = null;
			this.#outbox.stop();
		};
	}

	/** Applies a versioned update when it is the next version; see `followVersion`. */
	#followVersion(update: { version: number }, apply: () => void): void {
		const step = followVersion(this.#snapshot.version, update.version);
		if (step === 'apply') apply();
		else if (step === 'resync') void this.resync();
	}

	#applyMove(update: AgendaMoved): void {
		this.#followVersion(update, () => {
			this.#snapshot.version = update.version;
			this.#snapshot.position = update.position;
			this.#snapshot.onScreenPollId = update.onScreenPollId;
		});
	}

	#applyMeeting(update: MeetingChanged): void {
		this.#followVersion(update, () => {
			const { meeting, ...rest } = update;
			Object.assign(this.#snapshot, rest);
			// The record's clock arrives with session:clock; keep the newest of both.
			Object.assign(this.#snapshot.meeting, meeting);
		});
	}

	#applyPolls(update: PollsChanged): void {
		this.#followVersion(update, () => {
			this.#snapshot.version = update.version;
			this.#snapshot.polls = update.polls;
			this.#snapshot.onScreenPollId = update.onScreenPollId;
		});
	}

	#clockOffset = $state(0);

	/** Milliseconds to add to this device's clock to read the server's (for speaking timers). */
	get clockOffset(): number {
		return this.#clockOffset;
	}

	#applyFloor(floor: FloorState): void {
		// Broadcasts carry no `mine`: keep ours while our request is still waiting or speaking.
		const mine = this.#snapshot.floor.mine;
		// A long queue comes cut short: a request not in the part shown may still be waiting.
		const stillThere =
			mine &&
			(floor.speaking?.id === mine ||
				floor.queue.some((entry) => entry.id === mine) ||
				floor.waiting > floor.queue.length);
		this.#clockOffset = Date.parse(floor.serverNow) - Date.now();
		this.#snapshot.floor = { ...floor, mine: stillThere ? mine : null };
	}

	/** How many questions in each order this page asked to see (updates carry QUESTIONS_SHOWN). */
	#questionsWanted = QUESTIONS_SHOWN;
	#rereading = false;

	/** Asks for more of the questions than updates carry; later updates keep the longer list. */
	async showMoreQuestions(): Promise<void> {
		this.#questionsWanted = Math.min(QUESTIONS_MOST, this.#questionsWanted + MORE_QUESTIONS);
		await this.#readQuestions();
	}

	async #readQuestions(): Promise<void> {
		const result = await this.#socket
			?.timeout(ACK_TIMEOUT_MS)
			.emitWithAck('questions:more', { count: this.#questionsWanted })
			.catch(() => null);
		if (result && 'data' in result) this.#applyQuestions(result.data, true);
	}

	#applyQuestions(qa: QuestionsState, read = false): void {
		if (!read && qa.more > 0 && this.#questionsWanted > QUESTIONS_SHOWN) {
			// An update carries the first questions only: merge it into the longer list, read that again soon.
			const older = this.#snapshot.qa.questions.filter(
				(question) => !qa.questions.some((fresh) => fresh.id === question.id)
			);
			qa = { ...qa, questions: [...qa.questions, ...older], more: Math.max(0, qa.more - older.length) };
			if (!this.#rereading) {
				this.#rereading = true;
				setTimeout(() => {
					this.#rereading = false;
					void this.#readQuestions();
				}, 3000);
			}
		}
		this.#snapshot.qa = qa;
		// Keep one's own questions current: their status and upvotes as the room sees them.
		for (const mine of this.#snapshot.myQuestions) {
			const seen = qa.questions.find((question) => question.id === mine.id);
			if (seen) Object.assign(mine, seen);
		}
	}

	#applyResults(update: PollResultsUpdate): void {
		this.#snapshot.results[update.pollId] = update;
		const poll = this.#snapshot.polls.find((candidate) => candidate.id === update.pollId);
		if (poll) poll.ballots = update.ballots;
	}

	async resync(): Promise<void> {
		const result = await this.#socket
			?.timeout(ACK_TIMEOUT_MS)
			.emitWithAck('meeting:sync')
			.catch(() => null);
		if (result && 'data' in result) this.#snapshot = result.data;
	}

	/**
	 * Sends one command and waits for the server's acknowledgement (see `#untilAnswered`); no
	 * answer is reported as the server's silence.
	 */
	protected async command<T>(
		send: (socket: Socket<ServerToClientEvents, ClientToServerEvents>, clientId: string) => Promise<Ack<T>>
	): Promise<Ack<T>> {
		const clientId = newClientId();
		await this.#whenJoined;
		const result = await this.#untilAnswered((socket) => send(socket, clientId));
		return (
			result ?? { error: { code: 'internal', message: 'The server did not answer. Check the connection.' } }
		);
	}

	/**
	 * Sends one kept command of the outbox with the client id it was made with, while connected;
	 * null when no answer came (the outbox keeps it and sends it again after a reconnect).
	 */
	async #deliver(command: PendingCommand): Promise<Ack<OutboxAnswers[PendingCommand['kind']]> | null> {
		const { clientId } = command;
		switch (command.kind) {
			case 'ballot': {
				const { pollId, revision, choice } = command;
				const result = await this.#untilAnswered((socket) =>
					socket.emitWithAck('poll:vote', { clientId, pollId, revision, choice })
				);
				if (result && 'data' in result) this.#snapshot.myBallots[pollId] = result.data.choice;
				return result;
			}
			case 'question': {
				const { text, anonymous } = command;
				const result = await this.#untilAnswered((socket) =>
					socket.emitWithAck('question:ask', { clientId, text, anonymous })
				);
				// A resend after a lost answer gets the first answer again; a snapshot may have brought it.
				const asked = result && 'data' in result ? result.data.question : null;
				if (asked && !this.#snapshot.myQuestions.some((question) => question.id === asked.id))
					this.#snapshot.myQuestions.push(asked);
				return result;
			}
			case 'floor': {
				const result = await this.#untilAnswered((socket) =>
					socket.emitWithAck('floor:request', { clientId })
				);
				if (result && 'data' in result) this.#snapshot.floor.mine = result.data.requestId;
				return result;
			}
		}
	}

	/**
	 * The one retry loop: sends, and when no acknowledgement comes in time sends the same command
	 * again (same client id: the server applies it once and replays its answer), up to ATTEMPTS
	 * times. The first send may wait for a connection being made (Socket.IO holds it until then);
	 * a retry is made only while connected. Null when no answer came.
	 */
	async #untilAnswered<T>(
		send: (socket: Socket<ServerToClientEvents, ClientToServerEvents>) => Promise<Ack<T>>
	): Promise<Ack<T> | null> {
		for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
			const socket = this.#socket;
			if (!socket || (attempt > 1 && !socket.connected)) return null;
			try {
				return await send(socket.timeout(ACK_TIMEOUT_MS) as typeof socket);
			} catch {
				// No answer in time: the same command again, the server applies it once.
			}
		}
		return null;
	}

	#revision = Date.now();

	#restoreOutbox(): void {
		this.#outbox.restore(this.#snapshot.meeting.code);
		// A ballot made after a reload must outrank one kept from before it, whatever the clock did.
		for (const command of this.#outbox.pending) {
			if (command.kind === 'ballot') this.#revision = Math.max(this.#revision, command.revision);
		}
	}

	/**
	 * Casts or changes a ballot; the committed choice comes back in the acknowledgement. Offline,
	 * the ballot is kept and sent when the connection is back.
	 */
	vote(pollId: string, choice: unknown, clientId?: string): Promise<OutboxResult<'ballot'>> {
		// On the server's clock, as a ballot the page's form posted is: a later change outranks it.
		const revision = (this.#revision = Math.max(this.#revision + 1, Date.now() + this.#clockOffset));
		const made = this.#made();
		// A ballot first posted by the page's form keeps that form's client id: the server counts it once.
		if (clientId) made.clientId = clientId;
		return this.#outbox.submit({ kind: 'ballot', ...made, pollId, revision, choice });
	}

	/** A new command's identity for its whole life in the outbox. */
	#made(): { clientId: string; queuedAt: number } {
		return { clientId: newClientId(), queuedAt: Date.now() };
	}

	/** Offline, the request is kept and sent when the connection is back. */
	requestFloor(): Promise<OutboxResult<'floor'>> {
		return this.#outbox.submit({ kind: 'floor', ...this.#made() });
	}

	async withdrawFloor(): Promise<Ack<{ withdrawn: boolean }>> {
		const result = await this.command((socket, clientId) =>
			socket.emitWithAck('floor:withdraw', { clientId })
		);
		if ('data' in result) this.#snapshot.floor.mine = null;
		return result;
	}

	/** Offline, the question is kept and sent when the connection is back. */
	askQuestion(text: string, anonymous: boolean): Promise<OutboxResult<'question'>> {
		return this.#outbox.submit({ kind: 'question', ...this.#made(), text, anonymous });
	}

	async upvote(questionId: string, up: boolean) {
		const result = await this.command((socket, clientId) =>
			socket.emitWithAck('question:upvote', { clientId, questionId, up })
		);
		if ('data' in result) {
			const others = this.#snapshot.myUpvotes.filter((id) => id !== questionId);
			this.#snapshot.myUpvotes = up ? [...others, questionId] : others;
		}
		return result;
	}

	comment(cardId: string, text: string) {
		return this.command((socket, clientId) => socket.emitWithAck('card:comment', { clientId, cardId, text }));
	}

	async markPriority(cardId: string, marked: boolean) {
		const result = await this.command((socket, clientId) =>
			socket.emitWithAck('card:priority', { clientId, cardId, marked })
		);
		if ('data' in result) {
			const others = this.#snapshot.myMarks.filter((id) => id !== cardId);
			this.#snapshot.myMarks = marked ? [...others, cardId] : others;
		}
		return result;
	}
}
