/** A deadline in the reader's own locale and time zone, with the zone named. */
export function localDeadline(deadline: string): string {
	return new Intl.DateTimeFormat(undefined, {
		dateStyle: 'long',
		timeStyle: 'short',
		timeZoneName: 'short'
	}).format(new Date(deadline));
}
