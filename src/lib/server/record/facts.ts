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

async function peopleOf(meetingId: string): Promise<RecordFacts['people']> {
	const holders = await roleHoldersOf(meetingId);
	const holding = (role: MeetingRole) => holders.filter((holder) => holder.role === role);
	// Whoever moved the agenda moderated, whatever their role (an admin often does).
	const moderators = new Map(
		[...holding('moderator'), ...(await agendaMoversOf(meetingId))].map((person) => [person.userId, person])
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
async function recordFactsOf(
	meeting: Meeting,
	texts: readonly RecordText[],
	now = new Date()
): Promise<RecordFacts> {
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
		reopenings: await reopeningsOf(id),
		agenda: await loadAgenda(id),
		moves: await agendaMovesOf(id),
		polls: await pollFactsOf(id, livePolls),
		questions: await questionFactsOf(id),
		comments: await commentFactsOf(id),
		priorityMarks: await markCounts(id),
		speakers: await speakerFactsOf(id),
		tags: await tagFactsOf(id),
		topics: await topicFactsOf(id),
		...textFactsOf(texts),
		people: await peopleOf(id),
		participants: await participantFactsOf(id, meeting.endedAt),
		peaks: peaksOf(meeting)
	};
}

/** The record as it stands; `texts` when the caller has read them already. */
export async function recordOf(meeting: Meeting, known?: readonly RecordText[]): Promise<SessionRecord> {
	const texts = known ?? (await recordTextsOf(meeting.id));
	return buildRecord(await recordFactsOf(meeting, texts), wordsOf(meeting));
}

/** The meeting's language, which its report is written in. */
const wordsOf = (meeting: Meeting) => reportWords(meeting.language);

/** The report laid out for the DOCX, Markdown and print exports, in the meeting's language. */
export async function reportOf(meeting: Meeting, built?: SessionRecord): Promise<ReportDocument> {
	const record = built ?? (await recordOf(meeting));
	return layoutReport(record, wordsOf(meeting));
}
