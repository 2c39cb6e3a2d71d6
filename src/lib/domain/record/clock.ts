/** The record's clock: moves before the start (a rehearsal) and after the end are not recorded. */
export interface SessionClock {
	startedAt: Date | null;
	endedAt: Date | null;
}

/**
 * The clock after a moderator's start or end; null when it changes nothing. Starting again after
 * the end resumes the same session: the clock keeps its first start. `firstStart` says the
 * session starts now for the first time (the record then marks where the agenda stands).
 */
export function clockAfter(
	clock: SessionClock,
	action: 'start' | 'end',
	now: Date
): { clock: SessionClock; firstStart: boolean } | null {
	const running = clock.startedAt !== null && clock.endedAt === null;
	if (action === 'start') {
		if (running) return null;
		return { clock: { startedAt: clock.startedAt ?? now, endedAt: null }, firstStart: !clock.startedAt };
	}
	return running ? { clock: { startedAt: clock.startedAt, endedAt: now }, firstStart: false } : null;
}
