import { fail, redirect } from '@sveltejs/kit';
import { count } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { participants } from '$lib/server/db/schema';
import { requireAdmin } from '$lib/server/admin/guard';
import { readForm } from '$lib/server/forms';
import { fieldsFromForm, readSettings } from '$lib/server/admin/settingsForm';
import { codeTaken, createMeeting, freeJoinCode } from '$lib/server/meetings/edit';
import { MEETING_FILE_MAX_BYTES, readMeetingFile } from '$lib/server/meetings/files';
import { importMeeting } from '$lib/server/meetings/import';
import { meetingsInOrder } from '$lib/server/meetings/store';

export async function load({ locals, url }) {
	requireAdmin(locals, url);
	const joined = await db()
		.select({ meetingId: participants.meetingId, n: count() })
		.from(participants)
		.groupBy(participants.meetingId);
	const attendees = new Map(joined.map((row) => [row.meetingId, row.n]));
	const rows = await meetingsInOrder();
	return {
		meetings: rows.map((meeting) => ({
			code: meeting.code,
			title: meeting.title,
			date: meeting.date,
			startTime: meeting.startTime,
			timeZone: meeting.timeZone,
			venue: meeting.venue,
			attendees: attendees.get(meeting.id) ?? 0,
			archived: meeting.archivedAt !== null,
			live: meeting.startedAt !== null && meeting.endedAt === null
		}))
	};
}

export const actions = {
	/** A meeting from a title and, if the organiser wants one, a chosen code; the rest is edited next. */
	create: async ({ request, locals, url }) => {
		requireAdmin(locals, url);
		const form = await readForm(request);
		if (!form) return fail(400, { create: { message: 'Send the form again.', title: '', code: '' } });
		const fields = fieldsFromForm(form);
		const code = fields.code || (await freeJoinCode());
		const reading = readSettings({ ...fields, code });
		if (!reading.ok)
			return fail(400, { create: { message: reading.message, title: fields.title, code: fields.code } });
		if (await codeTaken(code)) {
			return fail(400, {
				create: {
					message: `Another meeting already uses the code ${code}.`,
					title: fields.title,
					code: fields.code
				}
			});
		}
		await createMeeting(reading.settings);
		redirect(303, `/admin/meetings/${code}`);
	},

	/** A meeting file: all of it is imported, or nothing, with every problem named by field and line. */
	import: async ({ request, locals, url }) => {
		requireAdmin(locals, url);
		const form = await readForm(request);
		const file = form?.get('file');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, {
				import: { problems: [{ line: null, field: '', message: 'Choose a meeting file (.json).' }] }
			});
		}
		if (file.size > MEETING_FILE_MAX_BYTES) {
			return fail(413, {
				import: { problems: [{ line: null, field: '', message: 'the file is larger than 2 MB' }] }
			});
		}
		const reading = readMeetingFile(await file.text());
		if (!reading.ok) return fail(400, { import: { problems: reading.problems } });
		const { code } = reading.definition.meeting;
		if (await codeTaken(code)) {
			return fail(400, {
				import: {
					problems: [
						{ line: null, field: 'meeting.code', message: `another meeting already uses the code ${code}` }
					]
				}
			});
		}
		await importMeeting(reading.definition);
		redirect(303, `/admin/meetings/${code}`);
	}
};
