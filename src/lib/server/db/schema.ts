import { databaseKind } from './kind';
import * as postgres from './schema.postgres';
import * as sqlite from './schema.sqlite';

/**
 * The tables of the database this process runs on, for the stores to query: one set of names
 * whichever the database. Typed as SQLite's; PostgreSQL's have the same columns and values.
 */
const tables = (databaseKind() === 'postgres' ? postgres : sqlite) as typeof sqlite;

export const {
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
} = tables;

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Meeting = typeof meetings.$inferSelect;
export type Participant = typeof participants.$inferSelect;
export type Poll = typeof polls.$inferSelect;
export type FloorRequestRow = typeof floorRequests.$inferSelect;
export type QuestionRow = typeof questions.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
