import type { AgendaItem } from '$lib/domain/agenda';
import type {
	ClientRole,
	MeetingSnapshot,
	PollInfo,
	PollResultsUpdate,
	PresenceCounts
} from '$lib/realtime/protocol';
import type { Meeting } from '../db/schema';
import type { PollResults } from '$lib/domain/polls/types';
import { liveTallies } from '../polls/live';
import { agreedTopicsOf } from '../record/topics';
import { ballotsOf, loadPolls, pollInfo, type PollRecord } from '../polls/store';
import { loadAgenda } from './agenda';
import { meetingInfo, positionOf } from './store';
import { floorState } from '../floor/store';
import { questionsOf, questionsState } from '../questions/store';
import { commentsState, marksOf } from '../comments/store';

const agendas = new Map<string, AgendaItem[]>();
const pollLists = new Map<string, PollRecord[]>();

/** The agenda changes only when an organiser edits it, so it is read once per meeting. */
export function agendaOf(meetingId: string): AgendaItem[] {
	let agenda = agendas.get(meetingId);
	if (!agenda) {
		agenda = loadAgenda(meetingId);
		agendas.set(meetingId, agenda);
	}
	return agenda;
}

export function forgetAgenda(meetingId: string): void {
	agendas.delete(meetingId);
}

/** A meeting's polls as last committed; dropped after every change so the next read is fresh. */
export function pollsOf(meetingId: string): PollRecord[] {
	let list = pollLists.get(meetingId);
	if (!list) {
		list = loadPolls(meetingId);
		pollLists.set(meetingId, list);
	}
	return list;
}

export function forgetPolls(meetingId: string): void {
	pollLists.delete(meetingId);
}

export function pollInfos(meetingId: string): PollInfo[] {
	return pollsOf(meetingId).map((record) => pollInfo(record, liveTallies.count(record.poll.id)));
}

/** Who a snapshot or a results update is for: moderators see every result and every text. */
export interface Audience {
	role: ClientRole | 'public';
	participantId: string | null;
}

export function resultsUpdate(record: PollRecord, audience: Audience): PollResultsUpdate {
	const ballots = liveTallies.count(record.poll.id);
	if (audience.role === 'moderator') {
		return {
			pollId: record.poll.id,
			ballots,
			results: liveTallies.results(record),
			texts: liveTallies.texts(record)
		};
	}
	const results = record.poll.resultsVisible ? liveTallies.results(record) : null;
	return {
		pollId: record.poll.id,
		ballots,
		results: results && audience.role === 'attendee' ? overallOnly(results) : results
	};
}

/**
 * Phones show the overall bars only; the breakdowns are for the projector and the record. Leaving
 * them out makes the update a hall of phones receives a fraction of the size.
 */
function overallOnly(results: PollResults): PollResults {
	return { ...results, byGroup: [], byMode: [], consensus: null };
}

/** The agenda as clients get it: walkthroughs carry the meeting's comment deadline. */
export function agendaForClients(meeting: Meeting): AgendaItem[] {
	const deadline = meeting.commentDeadline?.toISOString() ?? null;
	return agendaOf(meeting.id).map((item) =>
		item.kind === 'walkthrough' ? { ...item, commentDeadline: deadline } : item
	);
}

export function buildSnapshot(
	meeting: Meeting,
	presence: PresenceCounts,
	audience: Audience
): MeetingSnapshot {
	const records = pollsOf(meeting.id);
	const shown = records.filter(
		(record) =>
			record.poll.status !== 'draft' && (audience.role === 'moderator' || record.poll.resultsVisible)
	);
	return {
		version: meeting.version,
		meeting: meetingInfo(meeting),
		agenda: agendaForClients(meeting),
		position: positionOf(meeting),
		presence,
		polls: pollInfos(meeting.id),
		onScreenPollId: meeting.onScreenPollId,
		results: Object.fromEntries(shown.map((record) => [record.poll.id, resultsUpdate(record, audience)])),
		myBallots: audience.participantId ? ballotsOf(audience.participantId) : {},
		floor: floorState(meeting, audience.participantId),
		qa: questionsState(meeting, audience.role === 'moderator'),
		...(audience.participantId
			? (({ mine, upvoted }) => ({ myQuestions: mine, myUpvotes: upvoted }))(
					questionsOf(audience.participantId)
				)
			: { myQuestions: [], myUpvotes: [] }),
		comments: commentsState(meeting, audience.role === 'moderator'),
		myMarks: audience.participantId ? marksOf(meeting.id, audience.participantId) : [],
		topics: agreedTopicsOf(meeting.id)
	};
}
