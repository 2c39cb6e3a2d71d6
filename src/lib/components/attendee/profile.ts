/** What an attendee said about themselves, as the profile form edits it ('' when not given). */
export interface Profile {
	displayName: string;
	stakeholderGroup: string;
	mode: string;
	gender: string;
}
