import { PARTICIPATION_MODE_LABELS, STAKEHOLDER_GROUP_LABELS } from '../meeting';
import type { Person } from './facts';
import { REPORT_FIELDS, type ReportField, type SessionRecord } from './schema';

/** The IGF session report template's fields, in its order. */
export const REPORT_FIELD_LABELS: Record<ReportField, string> = {
	title: 'Session title',
	date_time: 'Date and time',
	organiser: 'Organiser',
	moderator: 'Chair / moderator',
	rapporteur: 'Rapporteur / note taker',
	speakers: 'Speakers and their institutional affiliations',
	key_issues: 'Key issues raised (one sentence each)',
	presentations: 'Summary of the presentations',
	discussion: 'Discussion',
	way_forward: 'Way forward: suggestions, next steps and key takeaways',
	participants: 'Estimated number of participants (in the room, remote, peak online)',
	women_participants: 'Estimated number of women participants',
	gender_issues: 'To what extent the session discussed gender issues'
};

type RecordSoFar = Omit<SessionRecord, 'timeline' | 'report'>;

const groupLabel = (group: string | null) =>
	group && Object.hasOwn(STAKEHOLDER_GROUP_LABELS, group)
		? STAKEHOLDER_GROUP_LABELS[group as keyof typeof STAKEHOLDER_GROUP_LABELS]
		: null;

/** "20 December 2017, 10:00–11:30 Europe/Zurich (09:00–10:30 UTC)", or the planned date alone. */
export function sessionTimes(meeting: RecordSoFar['meeting']): string {
	if (!meeting.startedAt) return meeting.date ?? '';
	const start = new Date(meeting.startedAt);
	const end = meeting.endedAt ? new Date(meeting.endedAt) : null;
	const day = (timeZone: string) =>
		new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(
			start
		);
	const time = (date: Date, timeZone: string) =>
		new Intl.DateTimeFormat('en-GB', {
			timeZone,
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		}).format(date);
	const span = (timeZone: string) =>
		end ? `${time(start, timeZone)}–${time(end, timeZone)}` : `from ${time(start, timeZone)}`;
	if (meeting.timeZone === 'UTC') return `${day('UTC')}, ${span('UTC')} UTC`;
	return `${day(meeting.timeZone)}, ${span(meeting.timeZone)} ${meeting.timeZone} (${span('UTC')} UTC)`;
}

function speakersText(record: RecordSoFar): string {
	const panel = record.agenda.flatMap((item) =>
		item.panelists.map((p) =>
			[p.name, p.affiliation, groupLabel(p.stakeholderGroup)].filter(Boolean).join(', ')
		)
	);
	const floor = [...new Set(record.speakers.map((s) => s.name))].map((name) => {
		const speaker = record.speakers.find((s) => s.name === name);
		const details = [
			groupLabel(speaker?.stakeholderGroup ?? null),
			speaker ? PARTICIPATION_MODE_LABELS[speaker.mode].toLowerCase() : null
		];
		return `${name} (${details.filter(Boolean).join(', ')}; from the floor)`;
	});
	return [...panel, ...floor].join('\n');
}

function presentationsText(record: RecordSoFar): string {
	return record.agenda
		.filter((item) => item.kind === 'info' || item.kind === 'panel')
		.filter((item) => item.notes.trim() !== '')
		.map((item) => `${item.title}: ${item.notes.trim()}`)
		.join('\n\n');
}

function discussionText(record: RecordSoFar): string {
	const lines: string[] = [];
	for (const item of record.agenda) {
		if (item.kind !== 'info' && item.kind !== 'panel' && item.notes.trim() !== '') {
			lines.push(`${item.title}: ${item.notes.trim()}`);
		}
	}
	const comments = record.agenda
		.flatMap((item) => item.cards)
		.reduce((sum, card) => sum + card.comments.length, 0);
	const answered = record.questions.filter((q) => q.status === 'answered').length;
	const counts = [
		`${record.questions.length} questions from the room (${answered} answered)`,
		`${record.speakers.length} interventions from the floor`,
		`${comments} comments on the policy options`
	];
	lines.push(`The session received ${counts.join(', ')}.`);
	const top = record.questions.slice(0, 5);
	if (top.length > 0) {
		lines.push(
			`Most supported questions:\n${top.map((q) => `- ${q.text} (${q.upvotes} upvotes)`).join('\n')}`
		);
	}
	return lines.join('\n\n');
}

function wayForwardText(record: RecordSoFar): string {
	const topics = record.agreedTopics.filter((t) => t.status === 'agreed');
	const takeaways = record.tagged.filter((t) => t.tag === 'takeaway');
	const parts: string[] = [];
	if (topics.length > 0)
		parts.push(`Agreed topics for next year:\n${topics.map((t) => `- ${t.wording}`).join('\n')}`);
	if (takeaways.length > 0) parts.push(`Key takeaways:\n${takeaways.map((t) => `- ${t.text}`).join('\n')}`);
	return parts.join('\n\n');
}

function genderText(record: RecordSoFar): string {
	const mentions = /gender|women|woman|girls/i;
	const cards = record.agenda
		.flatMap((item) => item.cards)
		.filter((card) => card.shownAt && mentions.test(`${card.title} ${card.body}`));
	const questions = record.questions.filter((q) => mentions.test(q.text));
	const parts = [
		...cards.map((card) => `The policy option "${card.title}" was presented and discussed.`),
		...(questions.length > 0 ? [`${questions.length} question(s) from the room raised gender.`] : [])
	];
	return parts.join(' ');
}

/** "Ana Ruiz (ITU), Bo Chen": each name with its affiliation when there is one. */
const namesOf = (people: Person[]) =>
	people.map((p) => (p.affiliation ? `${p.name} (${p.affiliation})` : p.name)).join(', ');

/** What each report field says when the rapporteur leaves it alone. */
function prefilledReport(
	record: RecordSoFar,
	people: { moderators: Person[]; rapporteurs: Person[] }
): Record<ReportField, string> {
	const p = record.participation;
	return {
		title: record.meeting.title,
		date_time: sessionTimes(record.meeting),
		organiser: record.meeting.organiser,
		moderator: namesOf(people.moderators),
		rapporteur: namesOf(people.rapporteurs),
		speakers: speakersText(record),
		key_issues: record.tagged
			.filter((t) => t.tag === 'key_issue')
			.map((t) => `- ${t.text}`)
			.join('\n'),
		presentations: presentationsText(record),
		discussion: discussionText(record),
		way_forward: wayForwardText(record),
		participants: `In the room: ${p.inRoom}. Remote: ${p.remote}. Peak online at once: ${p.peakConnected}. Joined in all: ${p.joined}.`,
		women_participants:
			p.genderStated > 0
				? `${p.women} (of the ${p.genderStated} participants who stated their gender)`
				: 'Not known: no participant stated their gender.',
		gender_issues: genderText(record)
	};
}

/**
 * The report as the rapporteur leaves with it: what they wrote where they wrote it, and the rest
 * filled in from the session, so a field left alone still says what the room did.
 */
export function fillReport(
	record: RecordSoFar,
	people: { moderators: Person[]; rapporteurs: Person[] },
	written: { field: ReportField; text: string }[]
): SessionRecord['report'] {
	const filled = prefilledReport(record, people);
	return REPORT_FIELDS.map((key) => {
		const own = written.find((entry) => entry.field === key);
		return {
			key,
			label: REPORT_FIELD_LABELS[key],
			value: own ? own.text : filled[key],
			source: own ? ('rapporteur' as const) : ('prefilled' as const)
		};
	});
}
