/**
 * The Socket.IO contract between the server and every client (phone, projector, console).
 * Types only: both sides import it, so an event changes in one place.
 */
import type { AgendaItem, Position } from '$lib/domain/agenda';
import type { Choice, PollKind, PollOption, PollResults, PollStatus } from '$lib/domain/polls/types';
import type { QueueBalance } from '$lib/domain/floor';
import type { ParticipationMode, ProjectorTheme, StakeholderGroup } from '$lib/domain/meeting';
import type { QuestionStatus } from '$lib/domain/questions';
import type { ReportField } from '$lib/domain/record/schema';

/** Who a socket speaks for, given in the handshake's `auth`. */
export type ClientRole = 'attendee' | 'projector' | 'moderator';

export interface HandshakeAuth {
	meeting: string;
	as: ClientRole;
}

export interface MeetingInfo {
	code: string;
	title: string;
	description: string;
	venue: string;
	date: string | null;
	/** Local start time (HH:MM) in `timeZone`, or null. */
	startTime: string | null;
	timeZone: string;
	organiser: string;
	commentDeadline: string | null;
	projectorTheme: ProjectorTheme;
	/** The record's clock (ISO, UTC): null until a moderator starts the session. */
	startedAt: string | null;
	endedAt: string | null;
}

/** Distinct attendees with at least one open connection, by how they take part. */
export interface PresenceCounts {
	connected: number;
	inRoom: number;
	remote: number;
}

export type ResultsView = 'overall' | 'breakdown';

export interface PollInfo {
	id: string;
	itemId: string | null;
	kind: PollKind;
	question: string;
	options: PollOption[];
	maxPicks: number | null;
	wordLimit: number | null;
	status: PollStatus;
	/** Results are on the projector (and on phones) only when the moderator shows them. */
	resultsVisible: boolean;
	resultsView: ResultsView;
	ballots: number;
}

/** A free-text entry as the moderator sees it, before and after the decision. */
export interface ModeratedText {
	key: string;
	text: string;
	count: number;
	status: 'pending' | 'approved' | 'hidden';
}

/** Live results of one poll. `results` is null for an audience that may not see them yet. */
export interface PollResultsUpdate {
	pollId: string;
	ballots: number;
	results: PollResults | null;
	/** Moderators only: every text entry of an open-text or word-cloud poll, for moderation. */
	texts?: ModeratedText[];
}

export interface FloorEntry {
	id: string;
	name: string;
	group: StakeholderGroup | null;
	mode: ParticipationMode;
	requestedAt: string;
}

/** The speaker queue as everyone sees it; the order already applies the alternation rule. */
export interface FloorState {
	speaking: (FloorEntry & { startedAt: string }) | null;
	queue: FloorEntry[];
	alternate: boolean;
	speakingSeconds: number;
	balance: QueueBalance;
	/** The server's clock when this state was sent, so timers do not depend on the phone's clock. */
	serverNow: string;
	/** An attendee's own waiting or speaking request, if any. */
	mine?: string | null;
}

export interface QuestionInfo {
	id: string;
	text: string;
	/** The asker's display name; null for an anonymous question. */
	author: string | null;
	group: StakeholderGroup | null;
	/** Questions from remote participants are marked as such. */
	mode: ParticipationMode | null;
	status: QuestionStatus;
	upvotes: number;
	askedAt: string;
}

/** The questions an audience may see: the room sees approved and answered ones, moderators all. */
export interface QuestionsState {
	questions: QuestionInfo[];
	premoderation: boolean;
	onScreenQuestionId: string | null;
}

export interface CommentInfo {
	id: string;
	cardId: string;
	text: string;
	author: string | null;
	group: StakeholderGroup | null;
	mode: ParticipationMode | null;
	hidden: boolean;
	createdAt: string;
}

export interface TagInfo {
	target: 'card' | 'comment' | 'question';
	targetId: string;
	tag: 'key_issue' | 'takeaway';
}

/** Comments on cards, priority marks and record tags. Hidden comments and counts are for staff only. */
export interface CommentsState {
	comments: CommentInfo[];
	/** Priority marks per card id (staff only; empty for the room). */
	marks: Record<string, number>;
	tags: TagInfo[];
	onScreenCommentId: string | null;
	/** When comments close (ISO, UTC), or null when they stay open. */
	deadline: string | null;
}

/** Everything a client needs to draw the session; sent on every (re)connect. */
export interface MeetingSnapshot {
	version: number;
	meeting: MeetingInfo;
	agenda: AgendaItem[];
	position: Position;
	presence: PresenceCounts;
	polls: PollInfo[];
	/** The poll the projector shows instead of the agenda step, if any. */
	onScreenPollId: string | null;
	/** Results this client may see, by poll id. */
	results: Record<string, PollResultsUpdate>;
	/** An attendee's own ballots, by poll id, as the server committed them. */
	myBallots: Record<string, Choice>;
	floor: FloorState;
	qa: QuestionsState;
	/** An attendee's own questions (whatever their status) and upvotes. */
	myQuestions: QuestionInfo[];
	myUpvotes: string[];
	comments: CommentsState;
	/** An attendee's own priority marks (card ids). */
	myMarks: string[];
	/** Topics the moderator declared agreed, in the order declared. */
	topics: AgreedTopicInfo[];
}

export interface AgreedTopicInfo {
	id: string;
	wording: string;
	itemId: string | null;
	pollId: string | null;
}

export interface PollsChanged {
	version: number;
	polls: PollInfo[];
	onScreenPollId: string | null;
}

/** A versioned change of the agenda cursor: apply it when it is the next version, else resync. */
export interface AgendaMoved {
	version: number;
	position: Position;
	/** Moving the agenda takes any poll off the projector. */
	onScreenPollId: null;
	at: string;
}

/**
 * An organiser saved the meeting's settings or agenda: what every client shows of it, at once.
 * The cursor follows its item by id, so the projector stays on the same step when items move.
 */
export interface MeetingChanged {
	version: number;
	meeting: MeetingInfo;
	agenda: AgendaItem[];
	position: Position;
	polls: PollInfo[];
	onScreenPollId: string | null;
}

export type AgendaTarget = 'next' | 'previous' | { item: number; step?: number };

export interface AgendaMove {
	/** Chosen by the client once per intended move and reused on retry. */
	clientId: string;
	to: AgendaTarget;
}

export interface CastBallot {
	clientId: string;
	pollId: string;
	/** Increases with each change a phone makes; an older revision never replaces a newer one. */
	revision: number;
	/** The kind-specific content, checked on the server (see domain/polls/choice.ts). */
	choice: unknown;
}

export interface CreatePoll {
	clientId: string;
	itemId: string | null;
	kind: PollKind;
	question: string;
	options: string[];
	maxPicks: number | null;
	wordLimit: number | null;
}

export type PollAction =
	| 'open'
	| 'close'
	| 'show-results'
	| 'hide-results'
	| 'view-overall'
	| 'view-breakdown'
	| 'project'
	| 'unproject';

export interface ControlPoll {
	clientId: string;
	pollId: string;
	action: PollAction;
}

export interface ModerateText {
	clientId: string;
	pollId: string;
	key: string;
	status: 'approved' | 'hidden';
}

export interface AddSpeaker {
	clientId: string;
	name: string;
	group: StakeholderGroup | null;
	mode: ParticipationMode;
}

export interface FloorSettings {
	clientId: string;
	alternate: boolean;
	speakingSeconds: number;
}

export interface AskQuestion {
	clientId: string;
	text: string;
	anonymous: boolean;
}

export type QuestionAction = 'approve' | 'hide' | 'answer' | 'project' | 'unproject';

/** The kinds of refusal an acknowledgement carries (a value, so clients can word each kind). */
export const ACK_ERROR_CODES = [
	'invalid',
	'unauthorised',
	'forbidden',
	'not_found',
	'conflict',
	'rate_limited',
	'internal'
] as const;

export interface AckError {
	code: (typeof ACK_ERROR_CODES)[number];
	message: string;
}

export type Ack<T> = { data: T } | { error: AckError };

/** The rapporteur's texts: notes on one agenda item, or one field of the session report. */
export type RecordTextTarget = { kind: 'note'; itemId: string } | { kind: 'report'; field: ReportField };

export interface WriteRecordText {
	clientId: string;
	target: RecordTextTarget;
	text: string;
	/** The revision the writer started from: 0 for a text not saved before. */
	baseRevision: number;
}

export interface RecordTextInfo {
	text: string;
	revision: number;
	/** Who saved this revision (user name), and when (ISO, UTC). */
	by: string | null;
	at: string;
}

/** Saved, or refused because someone saved in between: then `current` is what they saved. */
export type RecordTextSave =
	{ saved: true; text: RecordTextInfo } | { saved: false; current: RecordTextInfo };

export interface DeclareTopic {
	clientId: string;
	wording: string;
	itemId: string | null;
	/** The consensus check the topic comes from, if any. */
	pollId: string | null;
}

export interface ClientToServerEvents {
	'agenda:move': (
		move: AgendaMove,
		ack: (result: Ack<{ version: number; position: Position }>) => void
	) => void;
	/** Moderators: the projector's look for everyone in the room (see MeetingInfo.projectorTheme). */
	'projector:theme': (
		command: { clientId: string; theme: ProjectorTheme },
		ack: (result: Ack<{ theme: ProjectorTheme }>) => void
	) => void;
	'meeting:sync': (ack: (result: Ack<MeetingSnapshot>) => void) => void;
	'poll:vote': (ballot: CastBallot, ack: (result: Ack<{ pollId: string; choice: Choice }>) => void) => void;
	'poll:create': (poll: CreatePoll, ack: (result: Ack<{ pollId: string }>) => void) => void;
	'poll:control': (control: ControlPoll, ack: (result: Ack<{ version: number }>) => void) => void;
	'poll:moderate': (decision: ModerateText, ack: (result: Ack<{ version: number }>) => void) => void;
	/** An attendee asks for the floor, or withdraws the request. */
	'floor:request': (command: { clientId: string }, ack: (result: Ack<{ requestId: string }>) => void) => void;
	'floor:withdraw': (
		command: { clientId: string },
		ack: (result: Ack<{ withdrawn: boolean }>) => void
	) => void;
	/** Moderators: add a speaker by name, remove a request, call the next speaker, end a turn, settings. */
	'floor:add': (speaker: AddSpeaker, ack: (result: Ack<{ requestId: string }>) => void) => void;
	'floor:remove': (
		command: { clientId: string; requestId: string },
		ack: (result: Ack<{ removed: boolean }>) => void
	) => void;
	'floor:next': (
		command: { clientId: string },
		ack: (result: Ack<{ speaking: string | null }>) => void
	) => void;
	'floor:end': (command: { clientId: string }, ack: (result: Ack<{ ended: boolean }>) => void) => void;
	'question:ask': (question: AskQuestion, ack: (result: Ack<{ question: QuestionInfo }>) => void) => void;
	'question:upvote': (
		vote: { clientId: string; questionId: string; up: boolean },
		ack: (result: Ack<{ questionId: string; up: boolean }>) => void
	) => void;
	'question:moderate': (
		command: { clientId: string; questionId: string; action: QuestionAction },
		ack: (result: Ack<{ status: QuestionStatus }>) => void
	) => void;
	'question:settings': (
		command: { clientId: string; premoderation: boolean },
		ack: (result: Ack<{ premoderation: boolean }>) => void
	) => void;
	'card:comment': (
		comment: { clientId: string; cardId: string; text: string },
		ack: (result: Ack<{ comment: CommentInfo }>) => void
	) => void;
	'card:priority': (
		mark: { clientId: string; cardId: string; marked: boolean },
		ack: (result: Ack<{ cardId: string; marked: boolean }>) => void
	) => void;
	'comment:moderate': (
		command: { clientId: string; commentId: string; action: 'hide' | 'show' | 'project' | 'unproject' },
		ack: (result: Ack<{ done: boolean }>) => void
	) => void;
	'comments:deadline': (
		command: { clientId: string; deadline: string | null },
		ack: (result: Ack<{ deadline: string | null }>) => void
	) => void;
	'record:tag': (
		command: TagInfo & { clientId: string; on: boolean },
		ack: (result: Ack<{ on: boolean }>) => void
	) => void;
	'floor:settings': (
		settings: FloorSettings,
		ack: (result: Ack<{ alternate: boolean; speakingSeconds: number }>) => void
	) => void;
	/** Moderators: start the record's clock, or end the session. */
	'session:clock': (
		command: { clientId: string; action: 'start' | 'end' },
		ack: (result: Ack<{ startedAt: string | null; endedAt: string | null }>) => void
	) => void;
	/** Rapporteurs and moderators: save a note or a report field. */
	'record:write': (command: WriteRecordText, ack: (result: Ack<RecordTextSave>) => void) => void;
	/** Moderators declare and withdraw agreed topics; rapporteurs and moderators reword them. */
	'topic:declare': (command: DeclareTopic, ack: (result: Ack<{ topicId: string }>) => void) => void;
	'topic:reword': (
		command: { clientId: string; topicId: string; wording: string },
		ack: (result: Ack<{ changed: boolean }>) => void
	) => void;
	'topic:withdraw': (
		command: { clientId: string; topicId: string },
		ack: (result: Ack<{ changed: boolean }>) => void
	) => void;
}

export interface ServerToClientEvents {
	'meeting:snapshot': (snapshot: MeetingSnapshot) => void;
	'agenda:moved': (update: AgendaMoved) => void;
	'meeting:changed': (update: MeetingChanged) => void;
	'presence:counts': (counts: PresenceCounts) => void;
	'polls:changed': (update: PollsChanged) => void;
	'poll:results': (update: PollResultsUpdate) => void;
	'floor:changed': (floor: FloorState) => void;
	'questions:changed': (qa: QuestionsState) => void;
	'comments:changed': (comments: CommentsState) => void;
	'session:clock': (clock: { startedAt: string | null; endedAt: string | null }) => void;
	/** To staff: the record changed (notes, report, topics); the record page fetches it again. */
	'record:changed': () => void;
	'topics:changed': (topics: AgreedTopicInfo[]) => void;
}
