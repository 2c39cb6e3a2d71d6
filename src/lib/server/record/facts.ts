import type { MeetingRole } from '$lib/domain/meeting';
import type { Person, RecordFacts } from '$lib/domain/record/facts';
import { buildRecord } from '$lib/domain/record/build';
import type { SessionRecord } from '$lib/domain/record/schema';
import { layoutReport, type ReportDocument } from '$lib/domain/record/layout';
import type { Meeting } from '../db/schema';
import { roleHoldersOf } from '../auth/roles';
import { commentFactsOf, markCounts, tagFactsOf } from '../comments/store';
import { speakerFactsOf } from '../floor/store';
import { loadAgenda } from '../meetings/agenda';
import { agendaMovesOf, agendaMoversOf } from '../meetings/store';
import { participantFactsOf } from '../participants';
import { livePolls } from '../polls/live';
import { pollFactsOf } from '../polls/store';
import { questionFactsOf } from '../questions/store';
import { peaksOf } from './peaks';
import { recordTextsOf, textFactsOf, type RecordText } from './texts';
import { reopeningsOf } from './clock';
import { topicFactsOf } from './topics';
import { reportWords } from './words';

function peopleOf(meetingId: string): RecordFacts['people'] {
	const holders = roleHoldersOf(meetingId);
	const holding = (role: MeetingRole) => holders.filter((holder) => holder.role === role);
	// Whoever moved the agenda moderated, whatever their role (an admin often does).
	const moderators = new Map(
		[...holding('moderator'), ...agendaMoversOf(meetingId)].map((person) => [person.userId, person])
	);
	const person = ({ name, affiliation }: { name: string; affiliation: string }): Person => ({
		name,
		affiliation
	});
	return {
		moderators: [...moderators.values()].map(person).sort((a, b) => a.name.localeCompare(b.name)),
		rapporteurs: holding('rapporteur').map(person)
	};
}

/** Everything stored about a meeting that the record is built from, each part read from the store that owns it. */
function recordFactsOf(meeting: Meeting, texts: readonly RecordText[], now = new Date()): RecordFacts {
	const id = meeting.id;
	return {
		now,
		meeting: {
			code: meeting.code,
			title: meeting.title,
			description: meeting.description,
			venue: meeting.venue,
			date: meeting.date,
			timeZone: meeting.timeZone,
			organiser: meeting.organiser,
			startTime: meeting.startTime,
			rehearsal: meeting.rehearsal,
			language: meeting.language,
			startedAt: meeting.startedAt,
			endedAt: meeting.endedAt
		},
		reopenings: reopeningsOf(id),
		agenda: loadAgenda(id),
		moves: agendaMovesOf(id),
		polls: pollFactsOf(id, livePolls),
		questions: questionFactsOf(id),
		comments: commentFactsOf(id),
		priorityMarks: markCounts(id),
		speakers: speakerFactsOf(id),
		tags: tagFactsOf(id),
		topics: topicFactsOf(id),
		...textFactsOf(texts),
		people: peopleOf(id),
		participants: participantFactsOf(id, meeting.endedAt),
		peaks: peaksOf(meeting)
	};
}

/** The record as it stands; `texts` when the caller has read them already. */
export function recordOf(
	meeting: Meeting,
	texts: readonly RecordText[] = recordTextsOf(meeting.id)
): SessionRecord {
	return buildRecord(recordFactsOf(meeting, texts), wordsOf(meeting));
}

/** The meeting's language, which its report is written in. */
const wordsOf = (meeting: Meeting) => reportWords(meeting.language);

/** The report laid out for the DOCX, Markdown and print exports, in the meeting's language. */
export function reportOf(meeting: Meeting, record: SessionRecord = recordOf(meeting)): ReportDocument {
	return layoutReport(record, wordsOf(meeting));
}
