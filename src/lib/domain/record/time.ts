/** "09:41 UTC": the record keeps UTC, as the IGF's deadlines do. */
export function utcTime(iso: string | null): string {
	return iso ? `${iso.slice(11, 16)} UTC` : '—';
}

export function minutes(seconds: number): string {
	const m = Math.floor(seconds / 60);
	return m > 0 ? `${m} min ${seconds % 60} s` : `${seconds} s`;
}

/** When an agenda item ran: "09:02–09:14 UTC · 12 min 3 s", or that it has not been reached. */
export function spanOf(startedAt: string | null, endedAt: string | null, seconds: number): string {
	if (!startedAt) return 'Not reached';
	if (!endedAt) return `Since ${utcTime(startedAt)}`;
	return `${startedAt.slice(11, 16)}–${utcTime(endedAt)} · ${minutes(seconds)}`;
}
