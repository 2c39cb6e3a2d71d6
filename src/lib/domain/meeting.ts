/** The IGF's stakeholder groups, plus a choice for those who would rather not say. */
export const STAKEHOLDER_GROUPS = [
	'government',
	'private_sector',
	'civil_society',
	'technical_community',
	'academia',
	'intergovernmental',
	'other'
] as const;

export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

/**
 * English names, for staff pages and exports. Attendee and projector pages speak through the
 * message catalogue, whose English for these is checked against them (src/lib/i18n/english.test.ts).
 */
export const STAKEHOLDER_GROUP_LABELS: Record<StakeholderGroup, string> = {
	government: 'Government',
	private_sector: 'Private sector',
	civil_society: 'Civil society',
	technical_community: 'Technical community',
	academia: 'Academia',
	intergovernmental: 'Intergovernmental organisation',
	other: 'Other / prefer not to say'
};

/** For someone who gave no stakeholder group. */
export const NO_GROUP_LABEL = 'Not given';

export const PARTICIPATION_MODES = ['in_room', 'remote'] as const;

export type ParticipationMode = (typeof PARTICIPATION_MODES)[number];

export const PARTICIPATION_MODE_LABELS: Record<ParticipationMode, string> = {
	in_room: 'In the room',
	remote: 'Remote'
};

/**
 * Self-declared and optional, asked because the IGF report counts women participants. It is
 * stored apart from everything an attendee does and only ever counted.
 */
export const GENDERS = ['woman', 'man', 'another'] as const;

export type Gender = (typeof GENDERS)[number];

/** Roles a signed-in user can hold for one meeting; admins hold all of them everywhere. */
export const MEETING_ROLES = ['moderator', 'remote_moderator', 'rapporteur'] as const;

export type MeetingRole = (typeof MEETING_ROLES)[number];

/** How the projector looks: the moderator switches to large type in high contrast when the room needs it. */
export const PROJECTOR_THEMES = ['standard', 'high_contrast'] as const;

export type ProjectorTheme = (typeof PROJECTOR_THEMES)[number];

/** Join codes are typed on phones: keep them short, upper case, letters and digits. */
export const JOIN_CODE_PATTERN = /^[A-Z0-9]{4,12}$/;

export function normaliseJoinCode(input: string): string {
	return input
		.trim()
		.toUpperCase()
		.replace(/[\s-]+/g, '');
}

/**
 * Who may take part: anyone with the meeting's code (and its passcode, when it has one), only
 * those who also type the room code the projector shows (it changes every few minutes), or only
 * those with a personal invitation made from the organiser's list.
 */
export const PARTICIPATION_RULES = ['anyone', 'room_code', 'invitation'] as const;

export type ParticipationRule = (typeof PARTICIPATION_RULES)[number];

/** Attendee passcodes are read aloud or shown on a slide: letters and digits only. */
export const PASSCODE_PATTERN = /^[A-Za-z0-9]{4,32}$/;

/** Letters and digits that cannot be mistaken for one another when read from a screen. */
export const JOIN_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

/**
 * A join code of `length` characters of the unambiguous alphabet, drawn from random bytes. Bytes
 * past the last whole multiple of the alphabet are skipped so that every character is as likely.
 */
export function joinCodeFrom(bytes: Uint8Array, length: number): string {
	const size = JOIN_CODE_ALPHABET.length;
	const usable = 256 - (256 % size);
	const picked = Array.from(bytes)
		.filter((byte) => byte < usable)
		.slice(0, length)
		.map((byte) => JOIN_CODE_ALPHABET[byte % size]);
	if (picked.length < length) throw new Error('joinCodeFrom needs more random bytes');
	return picked.join('');
}

export function isTimeZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

export const MEETING_ROLE_LABELS: Record<MeetingRole, string> = {
	moderator: 'Moderator',
	remote_moderator: 'Remote moderator',
	rapporteur: 'Rapporteur'
};
