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
import { db, type Tx } from '../db';
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
export function freeJoinCode(): string {
	for (;;) {
		const code = joinCodeFrom(crypto.getRandomValues(new Uint8Array(32)), 6);
		if (!db().select({ id: meetings.id }).from(meetings).where(eq(meetings.code, code)).get()) return code;
	}
}

export function codeTaken(code: string, exceptMeetingId: string | null = null): boolean {
	const holder = db().select({ id: meetings.id }).from(meetings).where(eq(meetings.code, code)).get();
	return holder !== undefined && holder.id !== exceptMeetingId;
}

/** A new meeting starts with one welcome item, so the projector has something to show. */
export function createMeeting(settings: MeetingSettings): string {
	return importMeeting(db(), {
		format: 'plenary-meeting',
		formatVersion: 1,
		meeting: settings,
		agenda: [newItem('info', 'welcome', 'Welcome')],
		polls: []
	});
}

/** A copy of a meeting's settings, agenda and polls (none of its session) under a new code. */
export function duplicateMeeting(meetingId: string, withRoles = true): string | null {
	const definition = exportMeeting(meetingId);
	if (!definition) return null;
	const copy: MeetingDefinition = {
		...definition,
		meeting: {
			...definition.meeting,
			code: freeJoinCode(),
			title: `Copy of ${definition.meeting.title}`.slice(0, 200)
		}
	};
	return importMeeting(db(), copy, (tx, copyId) => {
		if (!withRoles) return;
		const roles = tx.select().from(meetingRoles).where(eq(meetingRoles.meetingId, meetingId)).all();
		for (const role of roles)
			tx.insert(meetingRoles)
				.values({ ...role, meetingId: copyId })
				.run();
	});
}

export type SettingsOutcome = { ok: true; meeting: Meeting } | { ok: false; field: string; message: string };

/** Saves a meeting's settings and counts it as a new state version, which every client follows. */
export function saveSettings(meetingId: string, settings: MeetingSettings): SettingsOutcome {
	return db().transaction((tx) => {
		const meeting = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get();
		if (!meeting) return { ok: false, field: '', message: 'This meeting no longer exists.' };
		if (settings.code !== meeting.code) {
			if (codeTaken(settings.code, meetingId))
				return {
					ok: false,
					field: 'code',
					message: `Another meeting already uses the code ${settings.code}.`
				};
			// Phones keep their place in a meeting by a cookie named after its code.
			const joined = tx
				.select({ n: count() })
				.from(participants)
				.where(eq(participants.meetingId, meetingId))
				.get();
			if ((joined?.n ?? 0) > 0)
				return {
					ok: false,
					field: 'code',
					message: 'Phones have joined with this code already, so it stays as it is.'
				};
		}
		const updated = tx
			.update(meetings)
			.set({
				...settings,
				commentDeadline: settings.commentDeadline ? new Date(settings.commentDeadline) : null,
				version: meeting.version + 1
			})
			.where(eq(meetings.id, meetingId))
			.returning()
			.get();
		return { ok: true, meeting: updated };
	});
}

export function setArchived(meetingId: string, archived: boolean): boolean {
	const result = db()
		.update(meetings)
		.set({ archivedAt: archived ? new Date() : null })
		.where(eq(meetings.id, meetingId))
		.run();
	return result.changes > 0;
}

/** The agenda and polls as the editor starts from them, with the revision a save must name. */
export function agendaDraftOf(meeting: Meeting): AgendaDraft & { revision: number } {
	return {
		revision: meeting.agendaRevision,
		items: loadAgenda(meeting.id),
		polls: readPolls(db(), meeting.id)
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
export function saveAgenda(meetingId: string, revision: number, after: AgendaEdit): AgendaSave {
	return db().transaction((tx): AgendaSave => {
		const meeting = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get();
		if (!meeting) return { kind: 'missing' };
		if (meeting.agendaRevision !== revision) return { kind: 'stale', revision: meeting.agendaRevision };
		const before: AgendaDraft = { items: loadAgenda(meetingId), polls: readPolls(tx, meetingId) };
		const problems = checkAgendaEdit(before, after, sessionUseOf(tx, meeting, before.items));
		if (problems.length > 0) return { kind: 'refused', problems };
		writeAgenda(tx, meetingId, after.items);
		writePolls(tx, meetingId, after.polls);
		remapMoves(tx, meetingId, before.items, after.items);
		const cursor = cursorAfterEdit(before.items, after.items, positionOf(meeting));
		tx.update(meetings)
			.set({
				currentItem: cursor.item,
				currentStep: cursor.step,
				version: meeting.version + 1,
				agendaRevision: meeting.agendaRevision + 1
			})
			.where(eq(meetings.id, meetingId))
			.run();
		return { kind: 'saved', revision: meeting.agendaRevision + 1 };
	});
}

/** Items visited and cards shown since the session started, and cards attendees or staff used. */
function sessionUseOf(tx: Tx, meeting: Meeting, items: DraftItem[]): SessionUse {
	const visitedItems = new Set<string>();
	const usedCards = new Set<string>();
	if (meeting.startedAt) {
		const moves = tx
			.select({ item: agendaMoves.item, step: agendaMoves.step })
			.from(agendaMoves)
			.where(and(eq(agendaMoves.meetingId, meeting.id), gte(agendaMoves.at, meeting.startedAt)))
			.all();
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
	for (const row of tx
		.select({ id: comments.cardId })
		.from(comments)
		.where(eq(comments.meetingId, byMeeting))
		.all())
		usedCards.add(row.id);
	for (const row of tx
		.select({ id: cardMarks.cardId })
		.from(cardMarks)
		.where(eq(cardMarks.meetingId, byMeeting))
		.all())
		usedCards.add(row.id);
	const tagged = tx
		.select({ id: recordTags.targetId })
		.from(recordTags)
		.where(and(eq(recordTags.meetingId, byMeeting), eq(recordTags.target, 'card')))
		.all();
	for (const row of tagged) usedCards.add(row.id);
	return { visitedItems, usedCards };
}

/**
 * Stored moves name positions by index; after an edit each is rewritten to where its item and step
 * now are. A move whose item is gone (only ever a rehearsal move: visited items stay) is dropped.
 */
function remapMoves(tx: Tx, meetingId: string, before: DraftItem[], after: DraftItem[]): void {
	const moves = tx
		.select({ id: agendaMoves.id, item: agendaMoves.item, step: agendaMoves.step })
		.from(agendaMoves)
		.where(eq(agendaMoves.meetingId, meetingId))
		.orderBy(asc(agendaMoves.id))
		.all();
	for (const move of moves) {
		const moved: Position | null = remapPosition(before, after, move);
		if (!moved) tx.delete(agendaMoves).where(eq(agendaMoves.id, move.id)).run();
		else if (moved.item !== move.item || moved.step !== move.step)
			tx.update(agendaMoves).set(moved).where(eq(agendaMoves.id, move.id)).run();
	}
}
