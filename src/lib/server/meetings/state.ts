import { eq, sql } from 'drizzle-orm';
import type { Position } from '$lib/domain/agenda';
import type { ProjectorTheme } from '$lib/domain/meeting';
import { sameScreen, screenFrom, type Screen } from '$lib/domain/screen';
import type { AppEvent } from '../events';
import { type Tx, first } from '../db';
import { agendaMoves, meetings, type Meeting } from '../db/schema';

/**
 * The live state of a meeting as it is stored: the state version clients follow, the agenda
 * cursor, what is on the projector and its theme. The rules that change it live in the domain.
 */

export function screenOf(meeting: Meeting): Screen {
	return screenFrom({
		pollId: meeting.onScreenPollId,
		questionId: meeting.onScreenQuestionId,
		commentId: meeting.onScreenCommentId
	});
}

async function storeScreen(tx: Tx, meetingId: string, screen: Screen): Promise<void> {
	await tx
		.update(meetings)
		.set({
			onScreenPollId: screen.pollId,
			onScreenQuestionId: screen.overlay?.kind === 'question' ? screen.overlay.id : null,
			onScreenCommentId: screen.overlay?.kind === 'comment' ? screen.overlay.id : null
		})
		.where(eq(meetings.id, meetingId));
}

/**
 * Changes the screen by a domain transition, and says which live parts must be sent again: the
 * questions and comments carry which of them is on screen. (The poll on screen changes only with
 * versioned poll and agenda changes, which carry it themselves.)
 */
export async function changeScreen(
	tx: Tx,
	meeting: Meeting,
	transition: (screen: Screen) => Screen
): Promise<AppEvent[]> {
	const before = screenOf(meeting);
	const after = transition(before);
	if (sameScreen(before, after)) return [];
	const meetingId = meeting.id;
	await storeScreen(tx, meetingId, after);
	const kinds = new Set([before.overlay?.kind, after.overlay?.kind]);
	return [
		...(kinds.has('question') ? [{ name: 'questions.changed', meetingId } as const] : []),
		...(kinds.has('comment') ? [{ name: 'comments.changed', meetingId } as const] : [])
	];
}

/** A change clients follow by version (agenda, polls, the projector): the new version. */
export async function nextVersion(tx: Tx, meetingId: string): Promise<number> {
	const row = await first(
		tx
			.update(meetings)
			.set({ version: sql`${meetings.version} + 1` })
			.where(eq(meetings.id, meetingId))
			.returning({ version: meetings.version })
	);
	if (!row) throw new Error('the meeting is gone');
	return row.version;
}

/** Moves the cursor as a new version, with the move kept for the record's timeline. */
export async function storeMove(
	tx: Tx,
	meetingId: string,
	position: Position,
	userId: string,
	at: Date
): Promise<number> {
	const version = await nextVersion(tx, meetingId);
	await tx
		.update(meetings)
		.set({ currentItem: position.item, currentStep: position.step })
		.where(eq(meetings.id, meetingId));
	await tx
		.insert(agendaMoves)
		.values({ meetingId, version, item: position.item, step: position.step, userId, at });
	return version;
}

export async function storeProjectorTheme(tx: Tx, meetingId: string, theme: ProjectorTheme): Promise<number> {
	await tx.update(meetings).set({ projectorTheme: theme }).where(eq(meetings.id, meetingId));
	return await nextVersion(tx, meetingId);
}
