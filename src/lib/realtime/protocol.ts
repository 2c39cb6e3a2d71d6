/**
 * The Socket.IO contract between the server and every client (phone, projector, console).
 * Types only: both sides import it, so an event changes in one place. What clients send is
 * inferred from the zod schemas in `schemas.ts`, which the server parses every command with.
 */
import type { AgendaItem, Position } from '$lib/domain/agenda';
import type { Choice, PollKind, PollOption, PollResults, PollStatus } from '$lib/domain/polls/types';
import type { QueueBalance } from '$lib/domain/floor';
import type { ParticipationMode, ProjectorTheme, StakeholderGroup } from '$lib/domain/meeting';
import type { QuestionStatus } from '$lib/domain/questions';
import type { ResultsView } from '$lib/domain/polls/types';
import type { CommandName, CommandPayload } from './schemas';

/** Who a socket speaks for, given in the handshake's `auth`. */
export type ClientRole = 'attendee' | 'projector' | 'moderator';

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
	/** The meeting's comment deadline as planned; `comments.deadline` is the one in force. */
	commentDeadline: string | null;
	/** A rehearsal enforces no comment deadline. */
	rehearsal: boolean;
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

/** One poll's ballots against the phones that could have cast them (staff only). */
export interface PollTurnout {
	pollId: string;
	question: string;
	status: PollStatus;
	ballots: number;
	/**
	 * Distinct attendees connected at any time while the poll was open; null when the server did
	 * not see it open from the start (it restarted since).
	 */
	connectedWhileOpen: number | null;
	/** More ballots than phones connected now: phones that voted and left, or throwaway phones. */
	moreThanConnectedNow: boolean;
	/** More ballots than phones connected while it was open: ballots from phones never connected. */
	moreThanConnectedWhileOpen: boolean;
}

/** What would reveal ballot stuffing, for the console: staff only, never sent to the room. */
export interface TurnoutWatch {
	/** Attendees connected now. */
	connected: number;
	/** Participants who joined the meeting in the last minute. */
	newLastMinute: number;
	/** Open polls, and any closed poll that got more ballots than phones. */
	polls: PollTurnout[];
}

export type { ResultsView };

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
	/** Opened again after it closed: the room sees its overall tally only from then on. */
	reopened: boolean;
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
	/** The panelist speaking, when the moderator gave the floor to one from a panel item. */
	panelistId?: string | null;
	/** Staff only: the affiliation the speaker gave, which the record prints beside the name. */
	affiliation?: string | null;
}

/** The speaker queue as everyone sees it; the order already applies the alternation rule. */
export interface FloorState {
	speaking: (FloorEntry & { startedAt: string }) | null;
	/** The queue in order: its first FLOOR_SHOWN requests, or all of them for staff. */
	queue: FloorEntry[];
	/** How many are waiting, shown or not. */
	waiting: number;
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
	/** The first questions in each order and the one on screen (see `firstQuestions`). */
	questions: QuestionInfo[];
	/** How many others there are: `questions:more` asks for them. */
	more: number;
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
	/** The newest comments of each card and the one on screen (see `newestComments`). */
	comments: CommentInfo[];
	/** Per card id, how many earlier comments are not carried (the record has them all). */
	earlier: Record<string, number>;
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
	/** Staff only: ballots against phones, to notice stuffing. */
	turnout?: TurnoutWatch;
	/** Screens and staff: the page of a long list the moderator stepped to (see ProjectorPage). */
	projectorPage?: ProjectorPage | null;
}

/**
 * The page the moderator's clicker stepped to, for one view of the projector (a poll's results,
 * an agenda step): another view starts again from its first page, and pages take turns until the
 * moderator steps. Kept in memory only: it is no part of the record.
 */
export interface ProjectorPage {
	view: string;
	page: number;
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

export type AgendaTarget = CommandPayload<'agenda:move'>['to'];
export type CreatePoll = CommandPayload<'poll:create'>;
export type AddSpeaker = CommandPayload<'floor:add'>;
export type FloorSettings = CommandPayload<'floor:settings'>;
export type DeclareTopic = CommandPayload<'topic:declare'>;
export type { PollAction, QuestionAction, CommentAction } from '$lib/domain/screen';

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
export type RecordTextTarget = CommandPayload<'record:write'>['target'];

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

/** What the server acknowledges to each command, once it is committed. */
export interface CommandAcks {
	'agenda:move': { version: number; position: Position };
	/** Moderators: the projector's look for everyone in the room (see MeetingInfo.projectorTheme). */
	'projector:theme': { theme: ProjectorTheme };
	/** Moderators: the clicker stepped the projector's pages (see ProjectorPage). */
	'projector:page': ProjectorPage;
	'poll:vote': { pollId: string; choice: Choice };
	'poll:create': { pollId: string };
	'poll:control': { version: number };
	'poll:moderate': { version: number };
	/** An attendee asks for the floor, or withdraws the request. */
	'floor:request': { requestId: string };
	'floor:withdraw': { withdrawn: boolean };
	/** Moderators: add a speaker by name, remove a request, call the next speaker, end a turn, settings. */
	'floor:add': { requestId: string };
	'floor:remove': { removed: boolean };
	'floor:next': { speaking: string | null };
	'floor:panelist': { speaking: string };
	'floor:end': { ended: boolean };
	'floor:settings': { alternate: boolean; speakingSeconds: number };
	'question:ask': { question: QuestionInfo };
	'question:upvote': { questionId: string; up: boolean };
	'question:moderate': { status: QuestionStatus };
	'question:settings': { premoderation: boolean };
	'card:comment': { comment: CommentInfo };
	'card:priority': { cardId: string; marked: boolean };
	'comment:moderate': { done: boolean };
	'comments:deadline': { deadline: string | null };
	'record:tag': { on: boolean };
	/** Moderators: start the record's clock, or end the session. */
	'session:clock': { startedAt: string | null; endedAt: string | null };
	/** Rapporteurs and moderators: save a note or a report field. */
	'record:write': RecordTextSave;
	/** Moderators declare and withdraw agreed topics; rapporteurs and moderators reword them. */
	'topic:declare': { topicId: string };
	'topic:reword': { changed: boolean };
	'topic:withdraw': { changed: boolean };
}

/** Every command takes its payload (see schemas.ts) and answers once through its acknowledgement. */
export type ClientToServerEvents = {
	[E in CommandName]: (command: CommandPayload<E>, ack: (result: Ack<CommandAcks[E]>) => void) => void;
} & {
	/** A full snapshot again, e.g. after a missed version. */
	'meeting:sync': (ack: (result: Ack<MeetingSnapshot>) => void) => void;
	/** More of the questions than updates carry (see `moreQuestionsSchema`). */
	'questions:more': (query: { count: number }, ack: (result: Ack<QuestionsState>) => void) => void;
};

export interface ServerToClientEvents {
	'meeting:snapshot': (snapshot: MeetingSnapshot) => void;
	'agenda:moved': (update: AgendaMoved) => void;
	'meeting:changed': (update: MeetingChanged) => void;
	'presence:counts': (counts: PresenceCounts) => void;
	/** Staff only. */
	'turnout:changed': (watch: TurnoutWatch) => void;
	'polls:changed': (update: PollsChanged) => void;
	'poll:results': (update: PollResultsUpdate) => void;
	'floor:changed': (floor: FloorState) => void;
	'questions:changed': (qa: QuestionsState) => void;
	'comments:changed': (comments: CommentsState) => void;
	'session:clock': (clock: { startedAt: string | null; endedAt: string | null }) => void;
	/** To staff: the record changed (notes, report, topics); the record page fetches it again. */
	'record:changed': () => void;
	'topics:changed': (topics: AgreedTopicInfo[]) => void;
	/** To screens and staff: the moderator stepped the projector's pages. */
	'projector:page': (page: ProjectorPage) => void;
}
