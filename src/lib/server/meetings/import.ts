import type { Db } from '../db';
import { agendaItems, cards, meetings, panelists, pollOptions, polls } from '../db/schema';
import { generateId } from '../auth/tokens';
import type { MeetingDefinition } from './definition';

/** Writes a parsed meeting definition in one transaction: all of it or nothing. */
export function importMeeting(db: Db, definition: MeetingDefinition): string {
	const meetingId = generateId();
	const { meeting, agenda, polls: pollDefinitions } = definition;
	db.transaction((tx) => {
		tx.insert(meetings)
			.values({
				id: meetingId,
				code: meeting.code,
				title: meeting.title,
				description: meeting.description,
				venue: meeting.venue,
				date: meeting.date,
				timeZone: meeting.timeZone,
				organiser: meeting.organiser,
				commentDeadline: meeting.commentDeadline ? new Date(meeting.commentDeadline) : null
			})
			.run();
		agenda.forEach((item, position) => {
			tx.insert(agendaItems)
				.values({
					meetingId,
					id: item.id,
					position,
					kind: item.kind,
					title: item.title,
					body: item.body,
					focusTitle: item.focus?.title ?? null,
					focusBody: item.focus?.body ?? null
				})
				.run();
			const placed = [
				...item.cards.map((card) => ({ card, placement: 'walkthrough' as const })),
				...(item.focus?.cards ?? []).map((card) => ({ card, placement: 'focus' as const }))
			];
			placed.forEach(({ card, placement }, index) =>
				tx
					.insert(cards)
					.values({ meetingId, itemId: item.id, placement, position: index, ...card })
					.run()
			);
			item.panelists.forEach((panelist, index) =>
				tx
					.insert(panelists)
					.values({ meetingId, itemId: item.id, position: index, ...panelist })
					.run()
			);
		});
		pollDefinitions.forEach((poll, position) => {
			// Poll ids are global in the database; the file's ids only need to be unique in the file.
			const pollId = generateId();
			const { itemId, kind, question, maxPicks, wordLimit, options } = poll;
			tx.insert(polls)
				.values({ id: pollId, meetingId, position, itemId, kind, question, maxPicks, wordLimit })
				.run();
			options.forEach((option, index) =>
				tx
					.insert(pollOptions)
					.values({ pollId, position: index, ...option })
					.run()
			);
		});
	});
	return meetingId;
}
