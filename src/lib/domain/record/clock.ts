/** The record's clock: moves before the start (a rehearsal) and after the end are not recorded. */
export interface SessionClock {
	startedAt: Date | null;
	endedAt: Date | null;
}

export type ClockAction = 'start' | 'end' | 'reopen';

export interface ClockChange {
	clock: SessionClock;
	/** The session starts now for the first time (the record then marks where the agenda stands). */
	firstStart: boolean;
	/** A reopening undoes this end: it is recorded, with who and when, as a line of the record. */
	reopened: { endedAt: Date } | null;
}

/**
 * Once ended, a session is sealed: its record no longer changes (no one joins, nothing is asked,
 * voted or commented) until a moderator reopens it, which the record shows.
 */
export function sessionSealed(clock: SessionClock): boolean {
	return clock.endedAt !== null;
}

/**
 * The clock after a moderator's start, end or reopening; null when it changes nothing. A session
 * starts once and ends once; after the end only an explicit reopening continues it, keeping its
 * first start.
 */
export function clockAfter(clock: SessionClock, action: ClockAction, now: Date): ClockChange | null {
	const running = clock.startedAt !== null && clock.endedAt === null;
	if (action === 'start') {
		if (clock.startedAt) return null;
		return { clock: { startedAt: now, endedAt: null }, firstStart: true, reopened: null };
	}
	if (action === 'reopen') {
		if (!clock.endedAt) return null;
		const reopened = { endedAt: clock.endedAt };
		return { clock: { startedAt: clock.startedAt, endedAt: null }, firstStart: false, reopened };
	}
	if (!running) return null;
	return { clock: { startedAt: clock.startedAt, endedAt: now }, firstStart: false, reopened: null };
}
