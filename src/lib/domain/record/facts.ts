import type { AgendaItem } from '../agenda';
import type { RecordTag, TagTarget } from '../comments';
import type { Locale } from '../../i18n/locales';
import type { MeetingRole, ParticipationMode, StakeholderGroup } from '../meeting';
import type { PollKind, PollOption, PollResults, PollStatus } from '../polls/types';
import type { QuestionStatus } from '../questions';
import type { ReportField } from './schema';
import type { TopicChange } from './topics';

/** A member of staff as the record names them: display name (else username), and affiliation ('' when none). */
export interface Person {
	name: string;
	affiliation: string;
}

/** What the database holds about a session, read once; the record is built from nothing else. */
export interface RecordFacts {
	now: Date;
	meeting: {
		code: string;
		title: string;
		description: string;
		venue: string;
		date: string | null;
		timeZone: string;
		organiser: string;
		/** The planned local start (HH:MM) in the meeting's time zone, beside the planned `date`. */
		startTime: string | null;
		/** A rehearsal runs on another day than planned; the report says so. */
		rehearsal: boolean;
		/** The language the meeting is held in, and its report written in. */
		language: Locale;
		startedAt: Date | null;
		endedAt: Date | null;
	};
	/** Each time the session was reopened after an end, oldest first. */
	reopenings: { endedAt: Date; reopenedAt: Date; by: string | null }[];
	agenda: AgendaItem[];
	/** Every move of the agenda cursor, oldest first. */
	moves: { item: number; step: number; at: Date }[];
	polls: {
		id: string;
		itemId: string | null;
		kind: PollKind;
		question: string;
		status: PollStatus;
		options: PollOption[];
		openedAt: Date | null;
		closedAt: Date | null;
		results: PollResults | null;
	}[];
	questions: {
		id: string;
		text: string;
		authorName: string | null;
		stakeholderGroup: StakeholderGroup | null;
		mode: ParticipationMode | null;
		status: QuestionStatus;
		upvotes: number;
		askedAt: Date;
		answeredAt: Date | null;
	}[];
	comments: {
		id: string;
		cardId: string;
		text: string;
		authorName: string | null;
		stakeholderGroup: StakeholderGroup | null;
		mode: ParticipationMode | null;
		hidden: boolean;
		at: Date;
	}[];
	priorityMarks: { cardId: string; count: number }[];
	/**
	 * Requests for the floor that were given it (speaking or done). `affiliation` is the one the
	 * speaker had when asking; `panelistId` is set when the moderator gave the floor to a panelist.
	 */
	speakers: {
		name: string;
		/** The affiliation the speaker gave (a panelist's from the agenda), if any. */
		affiliation: string | null;
		/** The agenda's panelist who was given the floor, when it was one. */
		panelistId: string | null;
		stakeholderGroup: StakeholderGroup | null;
		mode: ParticipationMode;
		requestedAt: Date;
		startedAt: Date;
		endedAt: Date | null;
	}[];
	tags: { target: TagTarget; targetId: string; tag: RecordTag; at: Date }[];
	topics: {
		id: string;
		itemId: string | null;
		pollId: string | null;
		position: number;
		history: {
			change: TopicChange;
			wording: string;
			by: string | null;
			role: MeetingRole | null;
			at: Date;
		}[];
	}[];
	/** The rapporteur's texts: notes per agenda item and the report fields they wrote. */
	notes: { itemId: string; text: string }[];
	/** `accepted`: kept as the session prefilled it, rather than written. */
	report: { field: ReportField; text: string; by: string | null; accepted: boolean }[];
	/** The sentences the rapporteur wrote for tagged items, replacing the proposed ones. */
	sentences: { tag: RecordTag; target: TagTarget; targetId: string; text: string }[];
	people: { moderators: Person[]; rapporteurs: Person[] };
	participants: {
		stakeholderGroup: StakeholderGroup | null;
		mode: ParticipationMode | null;
		/** Only whether the attendee declared themselves a woman, and whether they said at all. */
		woman: boolean;
		genderStated: boolean;
	}[];
	peaks: { connected: number; inRoom: number; remote: number };
}
