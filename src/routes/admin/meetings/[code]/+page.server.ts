import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { MEETING_ROLES } from '$lib/domain/meeting';
import { requireAdminMeeting } from '$lib/server/admin/guard';
import {
	fieldsFromForm,
	readSettings,
	settingsFieldsOf,
	type SettingsFields
} from '$lib/server/admin/settingsForm';
import { grantRole, listAccounts, revokeRole, rolesOfMeeting } from '$lib/server/auth/accounts';
import { readForm } from '$lib/server/forms';
import { joinUrlOf } from '$lib/server/meetings/access';
import { duplicateMeeting, saveSettings, setArchived } from '$lib/server/meetings/edit';
import { loadAgenda } from '$lib/server/meetings/agenda';
import { findMeetingById } from '$lib/server/meetings/store';
import { publish } from '$lib/server/events';

export function load(event) {
	const meeting = requireAdminMeeting(event);
	return {
		code: meeting.code,
		title: meeting.title,
		archived: meeting.archivedAt !== null,
		joinUrl: joinUrlOf(meeting, event.url.origin),
		settings: settingsFieldsOf(meeting),
		agenda: loadAgenda(meeting.id).map(({ id, kind, title, cards }) => ({
			id,
			kind,
			title,
			cards: cards.length
		})),
		roles: rolesOfMeeting(meeting.id),
		accounts: listAccounts()
			.filter((account) => !account.removed)
			.map(({ id, username, isAdmin }) => ({ id, username, isAdmin }))
	};
}

/** One shape for every outcome of a settings save: a refusal keeps what was typed. */
function settingsResult(fields: SettingsFields | null, field: string, message: string | null) {
	return { saved: message === null, field, message, fields };
}

const roleSchema = z.object({ userId: z.string().min(1).max(64), role: z.enum(MEETING_ROLES) });

/** The person and role of a grant or revoke form. */
async function readRole(request: Request) {
	const form = await readForm(request);
	return roleSchema.safeParse({ userId: form?.get('userId'), role: form?.get('role') });
}

export const actions = {
	settings: async (event) => {
		const meeting = requireAdminMeeting(event);
		const form = await readForm(event.request);
		if (!form) return fail(400, { settings: settingsResult(null, '', 'Send the form again.') });
		const fields = fieldsFromForm(form);
		const reading = readSettings(fields);
		if (!reading.ok)
			return fail(400, { settings: { field: reading.field, message: reading.message, fields } });
		const outcome = saveSettings(meeting.id, reading.settings);
		if (!outcome.ok)
			return fail(400, { settings: { field: outcome.field, message: outcome.message, fields } });
		publish({ name: 'meeting.changed', meetingId: meeting.id });
		if (outcome.meeting.code !== meeting.code) redirect(303, `/admin/meetings/${outcome.meeting.code}`);
		return { settings: settingsResult(null, '', null) };
	},

	duplicate: (event) => {
		const meeting = requireAdminMeeting(event);
		const copyId = duplicateMeeting(meeting.id);
		const copy = copyId ? findMeetingById(copyId) : undefined;
		if (!copy) error(500, 'The copy could not be made.');
		redirect(303, `/admin/meetings/${copy.code}`);
	},

	archive: (event) => {
		const meeting = requireAdminMeeting(event);
		// An archived session takes nothing more from phones, including those still connected.
		if (setArchived(meeting.id, true)) publish({ name: 'meeting.archived', meetingId: meeting.id });
		return { archived: true };
	},

	restore: (event) => {
		setArchived(requireAdminMeeting(event).id, false);
		return { archived: false };
	},

	grant: async (event) => {
		const meeting = requireAdminMeeting(event);
		const parsed = await readRole(event.request);
		if (!parsed.success) return fail(400, { roles: { message: 'Choose a person and a role.' } });
		if (!grantRole(meeting.id, parsed.data.userId, parsed.data.role))
			return fail(400, { roles: { message: 'That account no longer exists.' } });
		return { roles: { message: null } };
	},

	revoke: async (event) => {
		const meeting = requireAdminMeeting(event);
		const parsed = await readRole(event.request);
		if (!parsed.success) return fail(400, { roles: { message: 'Choose a person and a role.' } });
		revokeRole(meeting.id, parsed.data.userId, parsed.data.role);
		return { roles: { message: null } };
	}
};
