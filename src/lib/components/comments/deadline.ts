const FORMAT: Intl.DateTimeFormatOptions = {
	year: 'numeric',
	month: 'long',
	day: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	timeZoneName: 'short'
};

/**
 * A deadline in the reader's own locale and time zone, with the zone named. On the server (which
 * knows neither) it is written in UTC; the browser rewrites it once it runs.
 */
export function localDeadline(deadline: string, inBrowser: boolean): string {
	const options = inBrowser ? FORMAT : { ...FORMAT, timeZone: 'UTC' };
	return new Intl.DateTimeFormat(inBrowser ? undefined : 'en-GB', options).format(new Date(deadline));
}
