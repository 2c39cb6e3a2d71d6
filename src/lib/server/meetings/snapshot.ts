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
export async function agendaOf(meetingId: string): Promise<AgendaItem[]> {
	let agenda = agendas.get(meetingId);
	if (!agenda) {
		agenda = await loadAgenda(meetingId);
		agendas.set(meetingId, agenda);
	}
	return agenda;
}

/** The agenda as clients get it: walkthroughs carry the comment deadline in force. */
export async function agendaForClients(meeting: Meeting): Promise<AgendaItem[]> {
	const deadline = commentDeadlineOf(meeting);
	return (await agendaOf(meeting.id)).map((item) =>
		item.kind === 'walkthrough' ? { ...item, commentDeadline: deadline } : item
	);
}

/** Everything one client needs to draw the session, as this audience may see it. */
export async function buildSnapshot(meeting: Meeting, audience: Audience): Promise<MeetingSnapshot> {
	const staff = audience.role === 'moderator';
	const mine = audience.participantId ? await questionsOf(audience.participantId) : { mine: [], upvoted: [] };
	return {
		version: meeting.version,
		meeting: meetingInfo(meeting),
		agenda: await agendaForClients(meeting),
		position: positionOf(meeting),
		presence: presence.counts(meeting.id),
		polls: await livePolls.infos(meeting.id),
		onScreenPollId: meeting.onScreenPollId,
		results: await livePolls.shownTo(meeting.id, audience),
		myBallots: audience.participantId ? await ballotsOf(audience.participantId) : {},
		floor: await floorState(meeting, audience.participantId, staff),
		qa: await questionsState(meeting, staff),
		myQuestions: mine.mine,
		myUpvotes: mine.upvoted,
		comments: await commentsState(meeting, staff),
		myMarks: audience.participantId ? await marksOf(audience.participantId) : [],
		topics: await agreedTopicsOf(meeting.id),
		...(staff ? { turnout: await turnout.of(meeting.id) } : {}),
		// The projector and the console's preview show the same page; phones have no pages.
		...(audience.role === 'attendee' ? {} : { projectorPage: projectorPages.of(meeting.id) })
	};
}
