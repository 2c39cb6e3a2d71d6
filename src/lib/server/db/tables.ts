import type { Columns } from './columns';
// Relative imports: drizzle-kit reads this file without SvelteKit's `$lib` alias.
import { CARD_PLACEMENTS, ITEM_KINDS } from '../../domain/agenda';
import { TAGS, TAG_TARGETS } from '../../domain/comments';
import { FLOOR_STATUSES } from '../../domain/floor';
import { LOCALES } from '../../i18n/locales';
import {
	GENDERS,
	MEETING_ROLES,
	PARTICIPATION_MODES,
	PARTICIPATION_RULES,
	PROJECTOR_THEMES,
	STAKEHOLDER_GROUPS
} from '../../domain/meeting';
import {
	POLL_KINDS,
	POLL_STATUSES,
	RESULTS_VIEWS,
	TEXT_DECISIONS,
	type Choice,
	type PollResults
} from '../../domain/polls/types';
import { QUESTION_STATUSES } from '../../domain/questions';
import { TOPIC_CHANGES, TOPIC_STATUSES } from '../../domain/record/topics';

/**
 * Plenary's tables, written once for both databases. `columns` is the one place where SQLite and
 * PostgreSQL differ: how each stores a time, a flag, JSON, a counter and the time of insertion.
 */
export function defineTables({
	table,
	text,
	integer,
	bigInteger,
	timestamp,
	boolean,
	json,
	serial,
	now,
	index,
	uniqueIndex,
	primaryKey
}: Columns) {
	const createdAt = () => timestamp('created_at').notNull().default(now());
	const users = table('users', {
		id: text('id').primaryKey(),
		username: text('username').notNull().unique(),
		passwordHash: text('password_hash').notNull(),
		isAdmin: boolean('is_admin').notNull().default(false),
		/** How the console and the record name the person; null names them by their username. */
		displayName: text('display_name'),
		/** The institution the record gives beside their name; null when they gave none. */
		affiliation: text('affiliation'),
		/**
		 * A removed user can no longer sign in and holds no session or role; the row stays so that the
		 * record still names who declared a topic or wrote a note.
		 */
		removedAt: timestamp('removed_at'),
		createdAt: createdAt()
	});

	/** Sessions per the Lucia guide: the id is the SHA-256 of the token the browser holds. */
	const sessions = table(
		'sessions',
		{
			id: text('id').primaryKey(),
			userId: text('user_id')
				.notNull()
				.references(() => users.id, { onDelete: 'cascade' }),
			expiresAt: timestamp('expires_at').notNull()
		},
		(table) => [index('sessions_user_idx').on(table.userId)]
	);

	const meetings = table('meetings', {
		id: text('id').primaryKey(),
		code: text('code').notNull().unique(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		venue: text('venue').notNull().default(''),
		date: text('date'),
		/** Local start time (HH:MM) in the meeting's time zone. */
		startTime: text('start_time'),
		timeZone: text('time_zone').notNull().default('UTC'),
		organiser: text('organiser').notNull().default(''),
		commentDeadline: timestamp('comment_deadline'),
		/** A rehearsal runs the meeting as planned but enforces no comment deadline (see deadlineInForce). */
		rehearsal: boolean('rehearsal').notNull().default(false),
		/** The live cursor and the state version every client follows. */
		currentItem: integer('current_item').notNull().default(0),
		currentStep: integer('current_step').notNull().default(0),
		version: integer('version').notNull().default(1),
		/** The poll the projector shows instead of the agenda step, if any. */
		onScreenPollId: text('on_screen_poll_id'),
		/** The speaker queue alternates in-room and remote requests unless the moderator turns it off. */
		alternateFloor: boolean('alternate_floor').notNull().default(true),
		speakingSeconds: integer('speaking_seconds').notNull().default(180),
		/** With pre-moderation on, a question is seen by the room only once a moderator approves it. */
		premoderation: boolean('premoderation').notNull().default(false),
		onScreenQuestionId: text('on_screen_question_id'),
		onScreenCommentId: text('on_screen_comment_id'),
		/** The record's clock: moves before the start (a rehearsal) are not part of the record. */
		startedAt: timestamp('started_at'),
		endedAt: timestamp('ended_at'),
		/** Most attendees connected at once, for the report's participant estimates. */
		peakConnected: integer('peak_connected').notNull().default(0),
		peakInRoom: integer('peak_in_room').notNull().default(0),
		peakRemote: integer('peak_remote').notNull().default(0),
		/** When set, a phone joins only after typing it; phones that already joined keep their place. */
		passcode: text('passcode'),
		/** Who may take part (see PARTICIPATION_RULES); phones that already joined keep their place. */
		participation: text('participation', { enum: PARTICIPATION_RULES }).notNull().default('anyone'),
		/** Counts saves of the agenda, so an editor working on an older agenda is told, not overwritten. */
		agendaRevision: integer('agenda_revision').notNull().default(1),
		/** The projector's look: the standard one, or large type in high contrast for a bright or large room. */
		projectorTheme: text('projector_theme', { enum: PROJECTOR_THEMES }).notNull().default('standard'),
		/** The language the meeting is held in: its report is written in it. */
		language: text('language', { enum: LOCALES }).notNull().default('en'),
		/** An archived meeting takes no new attendees; its record and exports stay available. */
		archivedAt: timestamp('archived_at'),
		createdAt: createdAt()
	});

	const meetingRoles = table(
		'meeting_roles',
		{
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			userId: text('user_id')
				.notNull()
				.references(() => users.id, { onDelete: 'cascade' }),
			role: text('role', { enum: MEETING_ROLES }).notNull()
		},
		(table) => [primaryKey({ columns: [table.meetingId, table.userId, table.role] })]
	);

	const agendaItems = table(
		'agenda_items',
		{
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			id: text('id').notNull(),
			position: integer('position').notNull(),
			kind: text('kind', { enum: ITEM_KINDS }).notNull(),
			title: text('title').notNull(),
			body: text('body').notNull().default(''),
			focusTitle: text('focus_title'),
			focusBody: text('focus_body')
		},
		(table) => [primaryKey({ columns: [table.meetingId, table.id] })]
	);

	const cards = table(
		'cards',
		{
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			id: text('id').notNull(),
			itemId: text('item_id').notNull(),
			/** A walkthrough card, or one of the cards in focus at the end of the item. */
			placement: text('placement', { enum: CARD_PLACEMENTS }).notNull(),
			position: integer('position').notNull(),
			title: text('title').notNull(),
			body: text('body').notNull().default('')
		},
		(table) => [primaryKey({ columns: [table.meetingId, table.id] })]
	);

	const panelists = table(
		'panelists',
		{
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			id: text('id').notNull(),
			itemId: text('item_id').notNull(),
			position: integer('position').notNull(),
			name: text('name').notNull(),
			affiliation: text('affiliation').notNull().default(''),
			stakeholderGroup: text('stakeholder_group', { enum: STAKEHOLDER_GROUPS }).notNull()
		},
		(table) => [primaryKey({ columns: [table.meetingId, table.id] })]
	);

	/** Anonymous attendees: the browser holds a random token, the database its SHA-256. */
	const participants = table(
		'participants',
		{
			id: text('id').primaryKey(),
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			tokenHash: text('token_hash').notNull().unique(),
			displayName: text('display_name'),
			/** Optional; the record gives it beside the name of a speaker from the floor, never for anonymous content. */
			affiliation: text('affiliation'),
			stakeholderGroup: text('stakeholder_group', { enum: STAKEHOLDER_GROUPS }),
			mode: text('mode', { enum: PARTICIPATION_MODES }),
			/** Self-declared, optional; read only to count women participants for the report. */
			gender: text('gender', { enum: GENDERS }),
			createdAt: createdAt()
		},
		(table) => [index('participants_meeting_idx').on(table.meetingId)]
	);

	/**
	 * Personal invitations from an organiser's list: one participant each. The link's token is derived
	 * from the server's secret and the invitation's id (so the organiser can download the links again);
	 * the database keeps only its SHA-256.
	 */
	const invitations = table(
		'invitations',
		{
			id: text('id').primaryKey(),
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			tokenHash: text('token_hash').notNull().unique(),
			name: text('name').notNull(),
			/** An email address or the organiser's own reference; unique in the meeting. */
			reference: text('reference').notNull(),
			stakeholderGroup: text('stakeholder_group', { enum: STAKEHOLDER_GROUPS }),
			/** The participant who claimed it; one per invitation. */
			participantId: text('participant_id').references(() => participants.id, { onDelete: 'set null' }),
			claimedAt: timestamp('claimed_at'),
			revokedAt: timestamp('revoked_at'),
			createdAt: createdAt()
		},
		(table) => [
			index('invitations_meeting_idx').on(table.meetingId),
			uniqueIndex('invitations_reference_idx').on(table.meetingId, table.reference)
		]
	);

	/** Client ids of acknowledged writes: a retried command is recognised and not applied twice. */
	const appliedCommands = table(
		'applied_commands',
		{
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			clientId: text('client_id').notNull(),
			/** The acknowledgement the command got (JSON), sent again as it was to a retry. */
			ack: json('ack').$type<unknown>(),
			createdAt: createdAt()
		},
		(table) => [primaryKey({ columns: [table.meetingId, table.clientId] })]
	);

	/** Every move of the agenda cursor, in order: the record's timeline reads it. */
	const agendaMoves = table(
		'agenda_moves',
		{
			id: serial('id'),
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			version: integer('version').notNull(),
			item: integer('item').notNull(),
			step: integer('step').notNull(),
			userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
			at: createdAt()
		},
		(table) => [index('agenda_moves_meeting_idx').on(table.meetingId, table.version)]
	);

	/** Each reopening of an ended session: the end it undid, when and by whom. The record lists them. */
	const sessionReopenings = table(
		'session_reopenings',
		{
			id: serial('id'),
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			endedAt: timestamp('ended_at').notNull(),
			userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
			at: createdAt()
		},
		(table) => [index('session_reopenings_meeting_idx').on(table.meetingId)]
	);

	const polls = table(
		'polls',
		{
			id: text('id').primaryKey(),
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			/** The agenda item the poll belongs to; null for a poll not tied to an item. */
			itemId: text('item_id'),
			position: integer('position').notNull(),
			kind: text('kind', { enum: POLL_KINDS }).notNull(),
			question: text('question').notNull(),
			maxPicks: integer('max_picks'),
			wordLimit: integer('word_limit'),
			status: text('status', { enum: POLL_STATUSES }).notNull().default('draft'),
			resultsVisible: boolean('results_visible').notNull().default(false),
			resultsView: text('results_view', { enum: RESULTS_VIEWS }).notNull().default('overall'),
			openedAt: timestamp('opened_at'),
			closedAt: timestamp('closed_at'),
			/** Opened again after it was closed: the room sees its overall tally only from then on. */
			reopened: boolean('reopened').notNull().default(false),
			/** The results stored when the poll closed, as JSON: the record reads them. */
			finalResults: json('final_results').$type<PollResults>(),
			createdAt: createdAt()
		},
		(table) => [index('polls_meeting_idx').on(table.meetingId)]
	);

	const pollOptions = table(
		'poll_options',
		{
			pollId: text('poll_id')
				.notNull()
				.references(() => polls.id, { onDelete: 'cascade' }),
			id: text('id').notNull(),
			position: integer('position').notNull(),
			label: text('label').notNull()
		},
		(table) => [primaryKey({ columns: [table.pollId, table.id] })]
	);

	/**
	 * One row per participant per poll, enforced by the primary key. The voter's group and mode are
	 * copied when the ballot is cast, for the breakdowns; `revision` orders a phone's changes so that a
	 * late retry of an older ballot never overwrites a newer one.
	 */
	const ballots = table(
		'ballots',
		{
			pollId: text('poll_id')
				.notNull()
				.references(() => polls.id, { onDelete: 'cascade' }),
			participantId: text('participant_id')
				.notNull()
				.references(() => participants.id, { onDelete: 'cascade' }),
			choice: json('choice').$type<Choice>().notNull(),
			stakeholderGroup: text('stakeholder_group', { enum: STAKEHOLDER_GROUPS }),
			mode: text('mode', { enum: PARTICIPATION_MODES }),
			revision: bigInteger('revision').notNull(),
			castAt: timestamp('cast_at').notNull()
		},
		// A phone's own ballots are read on every join and reconnect.
		(table) => [
			primaryKey({ columns: [table.pollId, table.participantId] }),
			index('ballots_participant_idx').on(table.participantId)
		]
	);

	/** The moderator's decision on one normalised text of an open-text or word-cloud poll. */
	const textModeration = table(
		'text_moderation',
		{
			pollId: text('poll_id')
				.notNull()
				.references(() => polls.id, { onDelete: 'cascade' }),
			key: text('key').notNull(),
			status: text('status', { enum: TEXT_DECISIONS }).notNull()
		},
		(table) => [primaryKey({ columns: [table.pollId, table.key] })]
	);

	/**
	 * Requests for the floor and what became of them: waiting, speaking, done or withdrawn. The
	 * record reads who spoke, when, for how long, in which group, in the room or remote.
	 */
	const floorRequests = table(
		'floor_requests',
		{
			id: text('id').primaryKey(),
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			/** The phone that asked; null when a moderator added the speaker by name. */
			participantId: text('participant_id').references(() => participants.id, { onDelete: 'set null' }),
			name: text('name').notNull(),
			/** The affiliation the speaker had when asking (a later profile change does not rewrite it). */
			affiliation: text('affiliation'),
			stakeholderGroup: text('stakeholder_group', { enum: STAKEHOLDER_GROUPS }),
			mode: text('mode', { enum: PARTICIPATION_MODES }).notNull(),
			/** The panelist (of the agenda's panel items) who speaks, when the moderator gave them the floor. */
			panelistId: text('panelist_id'),
			status: text('status', { enum: FLOOR_STATUSES }).notNull().default('waiting'),
			requestedAt: timestamp('requested_at').notNull(),
			startedAt: timestamp('started_at'),
			endedAt: timestamp('ended_at')
		},
		(table) => [
			index('floor_requests_meeting_idx').on(table.meetingId, table.status),
			// The last speaker (the queue alternates from their mode) without sorting every turn.
			index('floor_requests_started_idx').on(table.meetingId, table.startedAt)
		]
	);

	const questions = table(
		'questions',
		{
			id: text('id').primaryKey(),
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			participantId: text('participant_id').references(() => participants.id, { onDelete: 'set null' }),
			/** The asker's display name, or null when asked anonymously. */
			authorName: text('author_name'),
			/** The asker's group and mode when named; null (not kept) for an anonymous question. */
			stakeholderGroup: text('stakeholder_group', { enum: STAKEHOLDER_GROUPS }),
			mode: text('mode', { enum: PARTICIPATION_MODES }),
			text: text('text').notNull(),
			status: text('status', { enum: QUESTION_STATUSES }).notNull(),
			askedAt: timestamp('asked_at').notNull(),
			answeredAt: timestamp('answered_at')
		},
		(table) => [
			index('questions_meeting_idx').on(table.meetingId),
			index('questions_participant_idx').on(table.participantId)
		]
	);

	/** One upvote per participant per question, by the primary key; withdrawing deletes the row. */
	const questionVotes = table(
		'question_votes',
		{
			questionId: text('question_id')
				.notNull()
				.references(() => questions.id, { onDelete: 'cascade' }),
			participantId: text('participant_id')
				.notNull()
				.references(() => participants.id, { onDelete: 'cascade' })
		},
		(table) => [
			primaryKey({ columns: [table.questionId, table.participantId] }),
			index('question_votes_participant_idx').on(table.participantId)
		]
	);

	/** Attendees' comments on the cards of a walkthrough. */
	const comments = table(
		'comments',
		{
			id: text('id').primaryKey(),
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			cardId: text('card_id').notNull(),
			participantId: text('participant_id').references(() => participants.id, { onDelete: 'set null' }),
			authorName: text('author_name'),
			stakeholderGroup: text('stakeholder_group', { enum: STAKEHOLDER_GROUPS }),
			mode: text('mode', { enum: PARTICIPATION_MODES }),
			text: text('text').notNull(),
			hidden: boolean('hidden').notNull().default(false),
			createdAt: timestamp('created_at').notNull()
		},
		(table) => [index('comments_meeting_idx').on(table.meetingId, table.cardId)]
	);

	/** An attendee's priority mark on a card: one per participant per card, withdrawn by deleting it. */
	const cardMarks = table(
		'card_marks',
		{
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			cardId: text('card_id').notNull(),
			participantId: text('participant_id')
				.notNull()
				.references(() => participants.id, { onDelete: 'cascade' })
		},
		(table) => [
			primaryKey({ columns: [table.meetingId, table.cardId, table.participantId] }),
			index('card_marks_participant_idx').on(table.participantId)
		]
	);

	/** A card, comment or question tagged by a moderator or rapporteur for the record. */
	const recordTags = table(
		'record_tags',
		{
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			target: text('target', { enum: TAG_TARGETS }).notNull(),
			targetId: text('target_id').notNull(),
			tag: text('tag', { enum: TAGS }).notNull(),
			userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
			createdAt: timestamp('created_at').notNull()
		},
		(table) => [primaryKey({ columns: [table.meetingId, table.target, table.targetId, table.tag] })]
	);

	/**
	 * The rapporteur's texts: notes per agenda item (`note:<itemId>`) and report fields
	 * (`report:<field>`). `revision` counts saves, so an edit made on an older revision is detected
	 * as a conflict instead of overwriting someone else's words.
	 */
	const recordTexts = table(
		'record_texts',
		{
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			key: text('key').notNull(),
			text: text('text').notNull(),
			revision: integer('revision').notNull(),
			/** A report field the writer accepted as the session prefilled it: checked, not rewritten. */
			accepted: boolean('accepted').notNull().default(false),
			userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
			updatedAt: timestamp('updated_at').notNull()
		},
		(table) => [primaryKey({ columns: [table.meetingId, table.key] })]
	);

	/** Topics the moderator declared agreed, e.g. for next year's work. */
	const agreedTopics = table(
		'agreed_topics',
		{
			id: text('id').primaryKey(),
			meetingId: text('meeting_id')
				.notNull()
				.references(() => meetings.id, { onDelete: 'cascade' }),
			itemId: text('item_id'),
			/** The consensus check it was declared from, if any. */
			pollId: text('poll_id'),
			position: integer('position').notNull(),
			wording: text('wording').notNull(),
			status: text('status', { enum: TOPIC_STATUSES }).notNull()
		},
		(table) => [index('agreed_topics_meeting_idx').on(table.meetingId)]
	);

	/** Every change to an agreed topic, so the record shows who declared it and who reworded it. */
	const agreedTopicChanges = table(
		'agreed_topic_changes',
		{
			id: serial('id'),
			topicId: text('topic_id')
				.notNull()
				.references(() => agreedTopics.id, { onDelete: 'cascade' }),
			change: text('change', { enum: TOPIC_CHANGES }).notNull(),
			wording: text('wording').notNull(),
			userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
			role: text('role', { enum: MEETING_ROLES }),
			at: timestamp('at').notNull()
		},
		(table) => [index('agreed_topic_changes_topic_idx').on(table.topicId)]
	);

	return {
		users,
		sessions,
		meetings,
		meetingRoles,
		agendaItems,
		cards,
		panelists,
		participants,
		invitations,
		appliedCommands,
		agendaMoves,
		sessionReopenings,
		polls,
		pollOptions,
		ballots,
		textModeration,
		floorRequests,
		questions,
		questionVotes,
		comments,
		cardMarks,
		recordTags,
		recordTexts,
		agreedTopics,
		agreedTopicChanges
	};
}
