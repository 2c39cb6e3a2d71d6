// The tables as SQLite holds them: drizzle-kit generates drizzle/ from this file.
import { sqliteColumns } from './columns';
import { defineTables } from './tables';

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
} = defineTables(sqliteColumns);
