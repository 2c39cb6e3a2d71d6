import { STAKEHOLDER_GROUP_LABELS } from '$lib/domain/meeting';
import type { Meeting } from '../db/schema';
import { readConfig } from '../config';
import { invitationPath, invitationState, invitationsOf } from './invitations';

/** Each invitation of a meeting still open or used, with its personal link (withdrawn ones have none). */
export async function invitationLinks(meeting: Meeting, requestOrigin: string) {
	const origin = readConfig().publicOrigin ?? requestOrigin;
	return (await invitationsOf(meeting.id))
		.filter((invitation) => invitationState(invitation) !== 'revoked')
		.map((invitation) => ({
			id: invitation.id,
			name: invitation.name,
			reference: invitation.reference,
			group: invitation.stakeholderGroup ? STAKEHOLDER_GROUP_LABELS[invitation.stakeholderGroup] : '',
			joined: invitation.participantId !== null,
			link: `${origin}${invitationPath(meeting, invitation.id)}`
		}));
}
