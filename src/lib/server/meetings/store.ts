import { asc, eq, sql } from 'drizzle-orm';
import type { AgendaItem, Card, Position } from '$lib/domain/agenda';
import type { StakeholderGroup } from '$lib/domain/meeting';
import type { MeetingInfo } from '$lib/realtime/protocol';
import { db, prepared } from '../db';
import { agendaItems, cards, meetings, panelists, type Meeting } from '../db/schema';

const meetingByCode = prepared((database) =>
	database
		.select()
		.from(meetings)
		.where(eq(meetings.code, sql.placeholder('code')))
		.prepare()
);
const meetingById = prepared((database) =>
	database
		.select()
		.from(meetings)
		.where(eq(meetings.id, sql.placeholder('id')))
		.prepare()
);

export function findMeetingByCode(code: string): Meeting | undefined {
	return meetingByCode().get({ code });
}

export function findMeetingById(id: string): Meeting | undefined {
	return meetingById().get({ id });
}

export function meetingInfo(meeting: Meeting): MeetingInfo {
	return {
		code: meeting.code,
		title: meeting.title,
		description: meeting.description,
		venue: meeting.venue,
		date: meeting.date,
		startTime: meeting.startTime,
		timeZone: meeting.timeZone,
		organiser: meeting.organiser,
		commentDeadline: meeting.commentDeadline?.toISOString() ?? null,
		projectorTheme: meeting.projectorTheme,
		startedAt: meeting.startedAt?.toISOString() ?? null,
		endedAt: meeting.endedAt?.toISOString() ?? null
	};
}

export function positionOf(meeting: Meeting): Position {
	return { item: meeting.currentItem, step: meeting.currentStep };
}

export function loadAgenda(meetingId: string): AgendaItem[] {
	const items = db()
		.select()
		.from(agendaItems)
		.where(eq(agendaItems.meetingId, meetingId))
		.orderBy(asc(agendaItems.position))
		.all();
	const cardRows = db()
		.select()
		.from(cards)
		.where(eq(cards.meetingId, meetingId))
		.orderBy(asc(cards.position))
		.all();
	const panelistRows = db()
		.select()
		.from(panelists)
		.where(eq(panelists.meetingId, meetingId))
		.orderBy(asc(panelists.position))
		.all();
	const cardsOf = (itemId: string, placement: 'walkthrough' | 'focus'): Card[] =>
		cardRows
			.filter((card) => card.itemId === itemId && card.placement === placement)
			.map(({ id, title, body }) => ({ id, title, body }));
	return items.map((item) => ({
		id: item.id,
		kind: item.kind,
		title: item.title,
		body: item.body,
		cards: cardsOf(item.id, 'walkthrough'),
		focus:
			item.focusTitle === null
				? null
				: { title: item.focusTitle, body: item.focusBody ?? '', cards: cardsOf(item.id, 'focus') },
		panelists: panelistRows
			.filter((panelist) => panelist.itemId === item.id)
			.map(({ id, name, affiliation, stakeholderGroup }) => ({
				id,
				name,
				affiliation,
				stakeholderGroup: stakeholderGroup as StakeholderGroup
			}))
	}));
}
