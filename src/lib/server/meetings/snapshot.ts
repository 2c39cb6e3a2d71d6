import type { AgendaItem } from '$lib/domain/agenda';
import type { MeetingSnapshot } from '$lib/realtime/protocol';
import type { Meeting } from '../db/schema';
import { subscribe } from '../events';
import { presence } from '../presence';
import { livePolls, type Audience } from '../polls/live';
import { turnout } from '../turnout';
import { projectorPages } from './projectorPage';
import { agreedTopicsOf } from '../record/topics';
import { ballotsOf } from '../polls/store';
import { loadAgenda } from './agenda';
import { meetingInfo, positionOf } from './store';
import { floorState } from '../floor/store';
import { questionsOf, questionsState } from '../questions/store';
import { commentDeadlineOf, commentsState, marksOf } from '../comments/store';

const agendas = new Map<string, AgendaItem[]>();
// The agenda changes only when an organiser saves it.
subscribe('meeting.changed', ({ meetingId }) => agendas.delete(meetingId));

/** A meeting's agenda, read once and kept until an organiser changes it. */
export function agendaOf(meetingId: string): AgendaItem[] {
	let agenda = agendas.get(meetingId);
	if (!agenda) {
		agenda = loadAgenda(meetingId);
		agendas.set(meetingId, agenda);
	}
	return agenda;
}

/** The agenda as clients get it: walkthroughs carry the comment deadline in force. */
export function agendaForClients(meeting: Meeting): AgendaItem[] {
	const deadline = commentDeadlineOf(meeting);
	return agendaOf(meeting.id).map((item) =>
		item.kind === 'walkthrough' ? { ...item, commentDeadline: deadline } : item
	);
}

/** Everything one client needs to draw the session, as this audience may see it. */
export function buildSnapshot(meeting: Meeting, audience: Audience): MeetingSnapshot {
	const staff = audience.role === 'moderator';
	const mine = audience.participantId ? questionsOf(audience.participantId) : { mine: [], upvoted: [] };
	return {
		version: meeting.version,
		meeting: meetingInfo(meeting),
		agenda: agendaForClients(meeting),
		position: positionOf(meeting),
		presence: presence.counts(meeting.id),
		polls: livePolls.infos(meeting.id),
		onScreenPollId: meeting.onScreenPollId,
		results: livePolls.shownTo(meeting.id, audience),
		myBallots: audience.participantId ? ballotsOf(audience.participantId) : {},
		floor: floorState(meeting, audience.participantId, staff),
		qa: questionsState(meeting, staff),
		myQuestions: mine.mine,
		myUpvotes: mine.upvoted,
		comments: commentsState(meeting, staff),
		myMarks: audience.participantId ? marksOf(audience.participantId) : [],
		topics: agreedTopicsOf(meeting.id),
		...(staff ? { turnout: turnout.of(meeting.id) } : {}),
		// The projector and the console's preview show the same page; phones have no pages.
		...(audience.role === 'attendee' ? {} : { projectorPage: projectorPages.of(meeting.id) })
	};
}
