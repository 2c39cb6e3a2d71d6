import { and, asc, count, eq, gte } from 'drizzle-orm';
import { joinCodeFrom } from '$lib/domain/meeting';
import { stepsOf, type Position } from '$lib/domain/agenda';
import {
	checkAgendaEdit,
	cursorAfterEdit,
	newItem,
	remapPosition,
	type AgendaDraft,
	type AgendaEdit,
	type DraftItem,
	type EditProblem,
	type SessionUse
} from '$lib/domain/agendaDraft';
import { type Tx, db, first, rowsChanged, transaction } from '../db';
import {
	agendaMoves,
	cardMarks,
	comments,
	meetingRoles,
	meetings,
	participants,
	recordTags,
	type Meeting
} from '../db/schema';
import { exportMeeting } from './files';
import { importMeeting } from './import';
import { positionOf } from './store';
import { loadAgenda, readPolls, writeAgenda, writePolls } from './agenda';
import type { MeetingDefinition, MeetingSettings } from './definition';

/** A fresh join code no meeting holds yet. */
export async function freeJoinCode(): Promise<string> {
	for (;;) {
		const code = joinCodeFrom(crypto.getRandomValues(new Uint8Array(32)), 6);
		if (!(await first(db().select({ id: meetings.id }).from(meetings).where(eq(meetings.code, code)))))
			return code;
	}
}

export async function codeTaken(code: string, exceptMeetingId: string | null = null): Promise<boolean> {
	const holder = await first(db().select({ id: meetings.id }).from(meetings).where(eq(meetings.code, code)));
	return holder !== undefined && holder.id !== exceptMeetingId;
}

/** A new meeting starts with one welcome item, so the projector has something to show. */
export function createMeeting(settings: MeetingSettings): Promise<string> {
	return importMeeting({
		format: 'plenary-meeting',
		formatVersion: 1,
		meeting: settings,
		agenda: [newItem('info', 'welcome', 'Welcome')],
		polls: []
	});
}

/** A copy of a meeting's settings, agenda and polls (none of its session) under a new code. */
export async function duplicateMeeting(meetingId: string, withRoles = true): Promise<string | null> {
	const definition = await exportMeeting(meetingId);
	if (!definition) return null;
	const copy: MeetingDefinition = {
		...definition,
		meeting: {
			...definition.meeting,
			code: await freeJoinCode(),
			title: `Copy of ${definition.meeting.title}`.slice(0, 200)
		}
	};
	return importMeeting(copy, async (tx, copyId) => {
		if (!withRoles) return;
		const roles = await tx.select().from(meetingRoles).where(eq(meetingRoles.meetingId, meetingId));
		for (const role of roles) await tx.insert(meetingRoles).values({ ...role, meetingId: copyId });
	});
}

export type SettingsOutcome = { ok: true; meeting: Meeting } | { ok: false; field: string; message: string };

/** Saves a meeting's settings and counts it as a new state version, which every client follows. */
export function saveSettings(meetingId: string, settings: MeetingSettings): Promise<SettingsOutcome> {
	return transaction(async (tx): Promise<SettingsOutcome> => {
		const meeting = await first(tx.select().from(meetings).where(eq(meetings.id, meetingId)));
		if (!meeting) return { ok: false, field: '', message: 'This meeting no longer exists.' };
		if (settings.code !== meeting.code) {
			if (await codeTaken(settings.code, meetingId))
				return {
					ok: false,
					field: 'code',
					message: `Another meeting already uses the code ${settings.code}.`
				};
			// Phones keep their place in a meeting by a cookie named after its code.
			const joined = await first(
				tx.select({ n: count() }).from(participants).where(eq(participants.meetingId, meetingId))
			);
			if ((joined?.n ?? 0) > 0)
				return {
					ok: false,
					field: 'code',
					message: 'Phones have joined with this code already, so it stays as it is.'
				};
		}
		const [updated] = await tx
			.update(meetings)
			.set({
				...settings,
				commentDeadline: settings.commentDeadline ? new Date(settings.commentDeadline) : null,
				version: meeting.version + 1
			})
			.where(eq(meetings.id, meetingId))
			.returning();
		return { ok: true, meeting: updated };
	});
}

export async function setArchived(meetingId: string, archived: boolean): Promise<boolean> {
	const changed = await rowsChanged(
		db()
			.update(meetings)
			.set({ archivedAt: archived ? new Date() : null })
			.where(eq(meetings.id, meetingId))
	);
	return changed > 0;
}

/** The agenda and polls as the editor starts from them, with the revision a save must name. */
export async function agendaDraftOf(meeting: Meeting): Promise<AgendaDraft & { revision: number }> {
	return {
		revision: meeting.agendaRevision,
		items: await loadAgenda(meeting.id),
		polls: await readPolls(db(), meeting.id)
	};
}

export type AgendaSave =
	| { kind: 'saved'; revision: number }
	| { kind: 'stale'; revision: number }
	| { kind: 'refused'; problems: EditProblem[] }
	| { kind: 'missing' };

/**
 * Stores an edited agenda in one transaction. Nothing the session used may go (see
 * checkAgendaEdit); the live cursor and the stored moves follow their items and cards by id, so
 * the projector stays where it was and the record's timeline keeps meaning what it meant.
 */
export function saveAgenda(meetingId: string, revision: number, after: AgendaEdit): Promise<AgendaSave> {
	return transaction(async (tx): Promise<AgendaSave> => {
		const meeting = await first(tx.select().from(meetings).where(eq(meetings.id, meetingId)));
		if (!meeting) return { kind: 'missing' };
		if (meeting.agendaRevision !== revision) return { kind: 'stale', revision: meeting.agendaRevision };
		const before: AgendaDraft = { items: await loadAgenda(meetingId), polls: await readPolls(tx, meetingId) };
		const problems = checkAgendaEdit(before, after, await sessionUseOf(tx, meeting, before.items));
		if (problems.length > 0) return { kind: 'refused', problems };
		await writeAgenda(tx, meetingId, after.items);
		await writePolls(tx, meetingId, after.polls);
		await remapMoves(tx, meetingId, before.items, after.items);
		const cursor = cursorAfterEdit(before.items, after.items, positionOf(meeting));
		await tx
			.update(meetings)
			.set({
				currentItem: cursor.item,
				currentStep: cursor.step,
				version: meeting.version + 1,
				agendaRevision: meeting.agendaRevision + 1
			})
			.where(eq(meetings.id, meetingId));
		return { kind: 'saved', revision: meeting.agendaRevision + 1 };
	});
}

/** Items visited and cards shown since the session started, and cards attendees or staff used. */
async function sessionUseOf(tx: Tx, meeting: Meeting, items: DraftItem[]): Promise<SessionUse> {
	const visitedItems = new Set<string>();
	const usedCards = new Set<string>();
	if (meeting.startedAt) {
		const moves = await tx
			.select({ item: agendaMoves.item, step: agendaMoves.step })
			.from(agendaMoves)
			.where(and(eq(agendaMoves.meetingId, meeting.id), gte(agendaMoves.at, meeting.startedAt)));
		// The cursor itself counts: the session may have started on the item it is on.
		for (const { item, step } of [...moves, { item: meeting.currentItem, step: meeting.currentStep }]) {
			const visited = items[item];
			if (!visited) continue;
			visitedItems.add(visited.id);
			const shown = stepsOf(visited)[step];
			if (shown?.kind === 'card') usedCards.add(shown.card.id);
		}
	}
	const byMeeting = meeting.id;
	for (const row of await tx
		.select({ id: comments.cardId })
		.from(comments)
		.where(eq(comments.meetingId, byMeeting)))
		usedCards.add(row.id);
	for (const row of await tx
		.select({ id: cardMarks.cardId })
		.from(cardMarks)
		.where(eq(cardMarks.meetingId, byMeeting)))
		usedCards.add(row.id);
	const tagged = await tx
		.select({ id: recordTags.targetId })
		.from(recordTags)
		.where(and(eq(recordTags.meetingId, byMeeting), eq(recordTags.target, 'card')));
	for (const row of tagged) usedCards.add(row.id);
	return { visitedItems, usedCards };
}

/**
 * Stored moves name positions by index; after an edit each is rewritten to where its item and step
 * now are. A move whose item is gone (only ever a rehearsal move: visited items stay) is dropped.
 */
async function remapMoves(tx: Tx, meetingId: string, before: DraftItem[], after: DraftItem[]): Promise<void> {
	const moves = await tx
		.select({ id: agendaMoves.id, item: agendaMoves.item, step: agendaMoves.step })
		.from(agendaMoves)
		.where(eq(agendaMoves.meetingId, meetingId))
		.orderBy(asc(agendaMoves.id));
	for (const move of moves) {
		const moved: Position | null = remapPosition(before, after, move);
		if (!moved) await tx.delete(agendaMoves).where(eq(agendaMoves.id, move.id));
		else if (moved.item !== move.item || moved.step !== move.step)
			await tx.update(agendaMoves).set(moved).where(eq(agendaMoves.id, move.id));
	}
}
