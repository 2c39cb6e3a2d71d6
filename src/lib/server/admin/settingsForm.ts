import { z } from 'zod';
import { normaliseJoinCode } from '$lib/domain/meeting';
import { meetingSettingsSchema, type MeetingSettings } from '../meetings/definition';
import type { Meeting } from '../db/schema';
import { meetingSettingsOf } from '../meetings/files';

/** A meeting's settings as the form shows them: strings, the comment deadline as UTC `YYYY-MM-DDTHH:MM`. */
export interface SettingsFields {
	code: string;
	title: string;
	description: string;
	venue: string;
	date: string;
	startTime: string;
	timeZone: string;
	organiser: string;
	commentDeadline: string;
	rehearsal: boolean;
	speakingMinutes: string;
	premoderation: boolean;
	passcode: string;
	participation: string;
	language: string;
}

export function settingsFieldsOf(meeting: Meeting): SettingsFields {
	const { date, startTime, commentDeadline, speakingSeconds, passcode, ...texts } =
		meetingSettingsOf(meeting);
	return {
		...texts,
		date: date ?? '',
		startTime: startTime ?? '',
		commentDeadline: commentDeadline?.slice(0, 16) ?? '',
		speakingMinutes: String(speakingSeconds / 60),
		passcode: passcode ?? ''
	};
}

export function fieldsFromForm(form: FormData): SettingsFields {
	const text = (name: string) => String(form.get(name) ?? '').slice(0, 10_000);
	return {
		code: normaliseJoinCode(text('code')).slice(0, 32),
		title: text('title'),
		description: text('description'),
		venue: text('venue'),
		date: text('date').trim(),
		startTime: text('startTime').trim(),
		timeZone: text('timeZone').trim() || 'UTC',
		organiser: text('organiser'),
		commentDeadline: text('commentDeadline').trim(),
		rehearsal: form.get('rehearsal') === 'on',
		speakingMinutes: text('speakingMinutes').trim(),
		premoderation: form.get('premoderation') === 'on',
		passcode: text('passcode').trim(),
		participation: text('participation').trim() || 'anyone',
		language: text('language').trim() || 'en'
	};
}

const orNull = (value: string) => (value === '' ? null : value);

export type SettingsReading =
	{ ok: true; settings: MeetingSettings } | { ok: false; field: keyof SettingsFields | ''; message: string };

/** Checks the form against the same schema a meeting file's `meeting` meets. */
export function readSettings(fields: SettingsFields): SettingsReading {
	const minutes = Number(fields.speakingMinutes.replace(',', '.'));
	const parsed = meetingSettingsSchema.safeParse({
		code: fields.code,
		title: fields.title,
		description: fields.description,
		venue: fields.venue,
		date: orNull(fields.date),
		startTime: orNull(fields.startTime),
		timeZone: fields.timeZone,
		organiser: fields.organiser,
		commentDeadline: fields.commentDeadline ? `${fields.commentDeadline.slice(0, 16)}:00Z` : null,
		rehearsal: fields.rehearsal,
		speakingSeconds: fields.speakingMinutes === '' ? 180 : Math.round(minutes * 60),
		premoderation: fields.premoderation,
		passcode: orNull(fields.passcode),
		participation: fields.participation,
		language: fields.language
	});
	if (parsed.success) return { ok: true, settings: parsed.data };
	const issue = parsed.error.issues[0];
	const path = String(issue?.path[0] ?? '');
	const field = (path === 'speakingSeconds' ? 'speakingMinutes' : path) as keyof SettingsFields;
	return { ok: false, field, message: `${LABELS[field] ?? 'The form'}: ${messageOf(issue)}` };
}

function messageOf(issue: z.core.$ZodIssue | undefined): string {
	if (!issue) return 'check the form';
	if (issue.code === 'too_small' && issue.origin === 'string') return 'fill this in';
	if (issue.code === 'too_big' && issue.origin === 'string')
		return `at most ${String(issue.maximum)} characters`;
	if (issue.path[0] === 'speakingSeconds') return 'between 0.25 and 60 minutes';
	if (issue.path[0] === 'date') return 'a date as YYYY-MM-DD';
	if (issue.path[0] === 'commentDeadline') return 'a date and time';
	if (issue.path[0] === 'language') return 'choose one of the languages listed';
	return issue.message;
}

export const LABELS: Partial<Record<keyof SettingsFields, string>> = {
	code: 'Join code',
	title: 'Title',
	description: 'Description',
	venue: 'Venue',
	date: 'Date',
	startTime: 'Start time',
	timeZone: 'Time zone',
	organiser: 'Organisers',
	commentDeadline: 'Comments close',
	speakingMinutes: 'Speaking time',
	passcode: 'Attendee passcode',
	participation: 'Who may take part',
	language: 'Language of the meeting and its report'
};
