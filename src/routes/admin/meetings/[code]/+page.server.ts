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
import { readInvitationList, type ListProblem } from '$lib/domain/invitations';
import {
	addInvitations,
	invitationState,
	invitationsOf,
	revokeInvitation
} from '$lib/server/join/invitations';

export async function load(event) {
	const meeting = await requireAdminMeeting(event);
	return {
		code: meeting.code,
		title: meeting.title,
		archived: meeting.archivedAt !== null,
		joinUrl: joinUrlOf(meeting, event.url.origin),
		settings: settingsFieldsOf(meeting),
		agenda: (await loadAgenda(meeting.id)).map(({ id, kind, title, cards }) => ({
			id,
			kind,
			title,
			cards: cards.length
		})),
		roles: await rolesOfMeeting(meeting.id),
		invitations: (await invitationsOf(meeting.id)).map((invitation) => ({
			id: invitation.id,
			name: invitation.name,
			reference: invitation.reference,
			stakeholderGroup: invitation.stakeholderGroup,
			state: invitationState(invitation)
		})),
		accounts: (await listAccounts())
			.filter((account) => !account.removed)
			.map(({ id, username, displayName, isAdmin }) => ({ id, username, displayName, isAdmin }))
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

/** An invitation list larger than this is not a list of people. */
const LIST_BYTES = 1024 * 1024;

function listRefused(message: string, problems: ListProblem[] = []) {
	return fail(400, { invitations: { message, problems, added: 0 } });
}

export const actions = {
	/** Adds the people of an uploaded CSV list; one bad row refuses the whole file, naming each. */
	invite: async (event) => {
		const meeting = await requireAdminMeeting(event);
		const form = await readForm(event.request);
		const file = form?.get('list');
		if (!(file instanceof File) || file.size === 0) return listRefused('Choose a CSV file to upload.');
		if (file.size > LIST_BYTES) return listRefused('The file is over 1 MB: split the list.');
		const reading = readInvitationList(await file.text());
		if (!reading.ok)
			return listRefused(
				'Nothing was added: correct these lines and upload the file again.',
				reading.problems
			);
		const added = await addInvitations(meeting.id, reading.invitees);
		if (!added.ok)
			return listRefused('Nothing was added: correct these lines and upload the file again.', added.problems);
		return { invitations: { message: null, problems: [], added: added.added } };
	},

	withdraw: async (event) => {
		const meeting = await requireAdminMeeting(event);
		const form = await readForm(event.request);
		const id = String(form?.get('invitationId') ?? '').slice(0, 64);
		if (!(await revokeInvitation(meeting.id, id)))
			return fail(404, { invitations: { message: 'No such invitation.', problems: [], added: 0 } });
		return { invitations: { message: null, problems: [], added: 0 } };
	},

	settings: async (event) => {
		const meeting = await requireAdminMeeting(event);
		const form = await readForm(event.request);
		if (!form) return fail(400, { settings: settingsResult(null, '', 'Send the form again.') });
		const fields = fieldsFromForm(form);
		const reading = readSettings(fields);
		if (!reading.ok)
			return fail(400, { settings: { field: reading.field, message: reading.message, fields } });
		const outcome = await saveSettings(meeting.id, reading.settings);
		if (!outcome.ok)
			return fail(400, { settings: { field: outcome.field, message: outcome.message, fields } });
		publish({ name: 'meeting.changed', meetingId: meeting.id });
		if (outcome.meeting.code !== meeting.code) redirect(303, `/admin/meetings/${outcome.meeting.code}`);
		return { settings: settingsResult(null, '', null) };
	},

	duplicate: async (event) => {
		const meeting = await requireAdminMeeting(event);
		const copyId = await duplicateMeeting(meeting.id);
		const copy = copyId ? await findMeetingById(copyId) : undefined;
		if (!copy) error(500, 'The copy could not be made.');
		redirect(303, `/admin/meetings/${copy.code}`);
	},

	archive: async (event) => {
		const meeting = await requireAdminMeeting(event);
		// An archived session takes nothing more from phones, including those still connected.
		if (await setArchived(meeting.id, true)) publish({ name: 'meeting.archived', meetingId: meeting.id });
		return { archived: true };
	},

	restore: async (event) => {
		await setArchived((await requireAdminMeeting(event)).id, false);
		return { archived: false };
	},

	grant: async (event) => {
		const meeting = await requireAdminMeeting(event);
		const parsed = await readRole(event.request);
		if (!parsed.success) return fail(400, { roles: { message: 'Choose a person and a role.' } });
		if (!(await grantRole(meeting.id, parsed.data.userId, parsed.data.role)))
			return fail(400, { roles: { message: 'That account no longer exists.' } });
		return { roles: { message: null } };
	},

	revoke: async (event) => {
		const meeting = await requireAdminMeeting(event);
		const parsed = await readRole(event.request);
		if (!parsed.success) return fail(400, { roles: { message: 'Choose a person and a role.' } });
		await revokeRole(meeting.id, parsed.data.userId, parsed.data.role);
		return { roles: { message: null } };
	}
};
