import { and, asc, eq, max, sql } from 'drizzle-orm';
import type { Choice, CountedBallot, PollResults, PollSpec, TextDecision } from '$lib/domain/polls/types';
import type { ParticipationMode, StakeholderGroup } from '$lib/domain/meeting';
import type { RecordFacts } from '$lib/domain/record/facts';
import type { PollInfo } from '$lib/realtime/protocol';
import type { PollControls } from '$lib/domain/polls/lifecycle';
import { resultsForRoom } from '$lib/domain/polls/disclosure';
import { type Tx, db, first, prepared } from '../db';
import { ballots, meetings, pollOptions, polls, textModeration, type Poll } from '../db/schema';
import { generateId } from '../auth/tokens';

export interface PollRecord {
	poll: Poll;
	spec: PollSpec;
}

export async function loadPolls(meetingId: string): Promise<PollRecord[]> {
	const rows = await db()
		.select()
		.from(polls)
		.where(eq(polls.meetingId, meetingId))
		.orderBy(asc(polls.position));
	const options = await db()
		.select({ pollId: pollOptions.pollId, id: pollOptions.id, label: pollOptions.label })
		.from(pollOptions)
		.innerJoin(polls, eq(polls.id, pollOptions.pollId))
		.where(eq(polls.meetingId, meetingId))
		.orderBy(asc(pollOptions.position));
	return rows.map((poll) => ({
		poll,
		spec: {
			kind: poll.kind,
			question: poll.question,
			options: options.filter((o) => o.pollId === poll.id).map(({ id, label }) => ({ id, label })),
			maxPicks: poll.maxPicks,
			wordLimit: poll.wordLimit
		}
	}));
}

export function pollInfo({ poll, spec }: PollRecord, ballotCount: number): PollInfo {
	return {
		id: poll.id,
		itemId: poll.itemId,
		kind: poll.kind,
		question: poll.question,
		options: spec.options,
		maxPicks: poll.maxPicks,
		wordLimit: poll.wordLimit,
		status: poll.status,
		resultsVisible: poll.resultsVisible,
		resultsView: poll.resultsView,
		reopened: poll.reopened,
		ballots: ballotCount
	};
}

/** The tallies a poll still open (or a draft that has ballots) is counted with: see polls/live.ts. */
interface Tallies {
	count(pollId: string): number;
	results(record: PollRecord): PollResults;
}

/** Each poll for the record: a closed poll with the results stored when it closed, others as tallied now. */
export async function pollFactsOf(meetingId: string, tallies: Tallies): Promise<RecordFacts['polls']> {
	return (await loadPolls(meetingId)).map((record) => {
		const { poll, spec } = record;
		let results: PollResults | null = null;
		if (poll.status === 'closed' && poll.finalResults) results = poll.finalResults;
		else if (poll.status !== 'draft' || tallies.count(poll.id) > 0) results = tallies.results(record);
		// The record is what the room may see: exports are no more detailed than the projector.
		if (results) results = resultsForRoom(results, poll.status, poll.reopened);
		return {
			id: poll.id,
			itemId: poll.itemId,
			kind: poll.kind,
			question: poll.question,
			status: poll.status,
			options: spec.options,
			openedAt: poll.openedAt,
			closedAt: poll.closedAt,
			results
		};
	});
}

export interface StoredBallot extends CountedBallot {
	participantId: string;
}

export async function loadBallots(pollId: string): Promise<StoredBallot[]> {
	return (await db().select().from(ballots).where(eq(ballots.pollId, pollId))).map((row) => ({
		participantId: row.participantId,
		choice: row.choice,
		group: row.stakeholderGroup,
		mode: row.mode
	}));
}

export async function loadModeration(pollId: string): Promise<Map<string, TextDecision>> {
	const rows = await db().select().from(textModeration).where(eq(textModeration.pollId, pollId));
	return new Map(rows.map((row) => [row.key, row.status]));
}

/** Read on every join and reconnect: prepared once, and found by the participant's index. */
const ballotsByParticipant = prepared((database) =>
	database
		.select({ pollId: ballots.pollId, choice: ballots.choice })
		.from(ballots)
		.where(eq(ballots.participantId, sql.placeholder('participantId')))
		.prepare()
);

export async function ballotsOf(participantId: string): Promise<Record<string, Choice>> {
	const rows = await ballotsByParticipant().execute({ participantId });
	return Object.fromEntries(rows.map((row) => [row.pollId, row.choice]));
}

export type BallotOutcome =
	| { kind: 'recorded'; choice: Choice }
	| { kind: 'superseded'; choice: Choice }
	| { kind: 'closed' }
	| { kind: 'not_found' };

/**
 * The statements of a ballot, built and prepared once per database: a vote burst runs them
 * thousands of times a second, and building a query with drizzle costs more than running it.
 */
const ballotStatements = prepared((database) => {
	const pollId = sql.placeholder('pollId');
	const participantId = sql.placeholder('participantId');
	return {
		poll: database
			.select({ meetingId: polls.meetingId, status: polls.status })
			.from(polls)
			.where(eq(polls.id, pollId))
			.prepare(),
		existing: database
			.select({ choice: ballots.choice, revision: ballots.revision })
			.from(ballots)
			.where(and(eq(ballots.pollId, pollId), eq(ballots.participantId, participantId)))
			.prepare(),
		upsert: database
			.insert(ballots)
			.values({
				pollId,
				participantId,
				choice: sql.placeholder('choice'),
				stakeholderGroup: sql.placeholder('stakeholderGroup'),
				mode: sql.placeholder('mode'),
				revision: sql.placeholder('revision'),
				castAt: sql.placeholder('castAt')
			})
			.onConflictDoUpdate({
				target: [ballots.pollId, ballots.participantId],
				set: {
					choice: sql`excluded.choice`,
					stakeholderGroup: sql`excluded.stakeholder_group`,
					mode: sql`excluded.mode`,
					revision: sql`excluded.revision`,
					castAt: sql`excluded.cast_at`
				}
			})
			.prepare()
	};
});

export interface BallotInput {
	meetingId: string;
	pollId: string;
	participantId: string;
	revision: number;
	group: StakeholderGroup | null;
	mode: ParticipationMode | null;
	choice: Choice;
}

/**
 * One ballot, inside a transaction. The primary key (poll, participant) makes a second row
 * impossible; the revision keeps a late retry from undoing a newer change.
 */
export async function storeBallot(_tx: Tx, input: BallotInput): Promise<BallotOutcome> {
	// The prepared statements run on the same connection, so inside this transaction.
	const statements = ballotStatements();
	const poll = await first(statements.poll.execute({ pollId: input.pollId }));
	if (!poll || poll.meetingId !== input.meetingId) return { kind: 'not_found' };
	if (poll.status !== 'open') return { kind: 'closed' };
	const existing = await first(
		statements.existing.execute({ pollId: input.pollId, participantId: input.participantId })
	);
	if (existing && existing.revision >= input.revision) {
		return { kind: 'superseded', choice: existing.choice };
	}
	await statements.upsert.execute({
		pollId: input.pollId,
		participantId: input.participantId,
		choice: input.choice,
		stakeholderGroup: input.group,
		mode: input.mode,
		revision: input.revision,
		castAt: new Date()
	});
	return { kind: 'recorded', choice: input.choice };
}

/**
 * Stores a poll's controls as the domain decided them: opening starts a new round (no final
 * results; `reopened` once it had closed before), closing freezes the results given.
 */
export async function storePollControls(
	tx: Tx,
	pollId: string,
	controls: PollControls,
	moment: { opened: boolean; closed: boolean; reopened: boolean; finalResults: () => Promise<PollResults> }
): Promise<void> {
	const now = new Date();
	await tx
		.update(polls)
		.set({
			...controls,
			...(moment.opened
				? { openedAt: now, closedAt: null, finalResults: null, reopened: moment.reopened }
				: {}),
			...(moment.closed ? { closedAt: now, finalResults: await moment.finalResults() } : {})
		})
		.where(eq(polls.id, pollId));
}

export async function insertPoll(
	tx: Tx,
	meetingId: string,
	spec: PollSpec,
	itemId: string | null
): Promise<string> {
	const pollId = generateId();
	const last = await first(
		tx
			.select({ position: max(polls.position) })
			.from(polls)
			.where(eq(polls.meetingId, meetingId))
	);
	await tx.insert(polls).values({
		id: pollId,
		meetingId,
		itemId,
		position: (last?.position ?? -1) + 1,
		kind: spec.kind,
		question: spec.question,
		maxPicks: spec.maxPicks,
		wordLimit: spec.wordLimit
	});
	for (const [index, option] of spec.options.entries())
		await tx.insert(pollOptions).values({ pollId, position: index, ...option });
	// An agenda editor open elsewhere must not save over a poll it has not seen.
	await tx
		.update(meetings)
		.set({ agendaRevision: sql`${meetings.agendaRevision} + 1` })
		.where(eq(meetings.id, meetingId));
	return pollId;
}

export async function storeModeration(
	tx: Tx,
	pollId: string,
	key: string,
	status: TextDecision
): Promise<boolean> {
	await tx
		.insert(textModeration)
		.values({ pollId, key, status })
		.onConflictDoUpdate({ target: [textModeration.pollId, textModeration.key], set: { status } });
	return true;
}
