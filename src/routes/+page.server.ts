import { fail, redirect } from '@sveltejs/kit';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { JOIN_CODE_PATTERN, normaliseJoinCode, type MeetingRole } from '$lib/domain/meeting';
import { db } from '$lib/server/db';
import { meetingRoles, meetings } from '$lib/server/db/schema';
import { findMeetingByCode } from '$lib/server/meetings/store';
import { readForm } from '$lib/server/forms';
import { translate } from '$lib/server/i18n';

/** Signed-in staff find their meetings here, with the pages each of their roles opens. */
export async function load({ locals }) {
	if (!locals.user) return { meetings: [] };
	const rows = await db()
		.select({ code: meetings.code, title: meetings.title, role: meetingRoles.role })
		.from(meetingRoles)
		.innerJoin(meetings, eq(meetings.id, meetingRoles.meetingId))
		.where(and(eq(meetingRoles.userId, locals.user.id), isNull(meetings.archivedAt)))
		.orderBy(asc(meetings.title));
	const byCode = new Map<string, { code: string; title: string; roles: MeetingRole[] }>();
	for (const row of rows) {
		const entry = byCode.get(row.code) ?? { code: row.code, title: row.title, roles: [] };
		entry.roles.push(row.role);
		byCode.set(row.code, entry);
	}
	return { meetings: [...byCode.values()] };
}

export const actions = {
	join: async ({ request, locals }) => {
		const form = await readForm(request);
		if (!form) return fail(400, { code: '', message: translate(locals.locale, 'join.home.missing-code') });
		const code = normaliseJoinCode(String(form.get('code') ?? '')).slice(0, 32);
		if (!JOIN_CODE_PATTERN.test(code) || !(await findMeetingByCode(code))) {
			return fail(400, { code, message: translate(locals.locale, 'join.home.unknown-code') });
		}
		redirect(303, `/m/${code}`);
	}
};
