import { error } from '@sveltejs/kit';
import { canKeepRecord } from '$lib/server/auth/roles';
import { requireMeeting } from '$lib/server/meetings/access';
import { recordOf, reportOf } from '$lib/server/record/facts';
import { pollResultsCsv } from '$lib/server/export/csv';
import { reportDocx } from '$lib/server/export/docx';
import { reportMarkdown } from '$lib/server/export/markdown';

const FORMATS = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	md: 'text/markdown; charset=utf-8',
	json: 'application/json; charset=utf-8',
	csv: 'text/csv; charset=utf-8; header=present'
} as const;

type Format = keyof typeof FORMATS;

// Own keys only: `toString` or `constructor` are in every object's prototype chain, not formats.
const isFormat = (format: string): format is Format => Object.hasOwn(FORMATS, format);

/** The session record as DOCX (the IGF report), Markdown, JSON or CSV of poll results. */
export async function GET({ params, locals }) {
	if (!isFormat(params.format)) error(404, 'The record is exported as .docx, .md, .json or .csv.');
	const meeting = await requireMeeting(params.code);
	if (!locals.user) error(401, 'Sign in as a moderator or rapporteur of this meeting to export its record.');
	if (!(await canKeepRecord(locals.user, meeting.id))) {
		error(403, 'Only the moderators and rapporteurs of this meeting export its record.');
	}
	const record = await recordOf(meeting);
	const format = params.format;
	let body: string | Uint8Array;
	if (format === 'json') body = JSON.stringify(record, null, 2);
	else if (format === 'csv') body = pollResultsCsv(record);
	else if (format === 'md') body = reportMarkdown(await reportOf(meeting, record));
	else body = new Uint8Array(await reportDocx(await reportOf(meeting, record)));
	const suffix = format === 'csv' ? 'poll-results' : 'record';
	return new Response(body as BodyInit, {
		headers: {
			'content-type': FORMATS[format],
			'content-disposition': `attachment; filename="${meeting.code}-${suffix}.${format}"`,
			'cache-control': 'no-store'
		}
	});
}
