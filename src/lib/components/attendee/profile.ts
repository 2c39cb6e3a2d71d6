import type { Gender, ParticipationMode, StakeholderGroup } from '$lib/domain/meeting';

/** What an attendee said about themselves, as the profile form edits it ('' when not given). */
export interface Profile {
	displayName: string;
	affiliation: string;
	stakeholderGroup: StakeholderGroup | '';
	mode: ParticipationMode | '';
	gender: Gender | '';
}
