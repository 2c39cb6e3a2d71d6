/**
 * The room code: six digits the projector shows, which change every few minutes, for meetings
 * where only those in the room (or those a remote moderator hands it to) may join. Derived from
 * the server's secret, the meeting and the time window, so nothing is stored; the previous
 * window's code stays valid one more window, for a phone that was typing when it changed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Meeting } from '../db/schema';
import { rolesIn } from '../auth/roles';
import type { SessionUser } from '../auth/session';
import { serverSecret } from './secret';

export const ROOM_CODE_PERIOD_MS = 5 * 60_000;
const DIGITS = 6;

function codeOfWindow(meetingId: string, window: number): string {
	const digest = createHmac('sha256', serverSecret())
		.update(`plenary room code: ${meetingId}: ${window}`)
		.digest();
	return String(digest.readUInt32BE(0) % 10 ** DIGITS).padStart(DIGITS, '0');
}

export interface RoomCode {
	code: string;
	/** When the projector shows the next one (ms since the epoch). */
	changesAt: number;
}

export function currentRoomCode(meetingId: string, now = Date.now()): RoomCode {
	const window = Math.floor(now / ROOM_CODE_PERIOD_MS);
	return { code: codeOfWindow(meetingId, window), changesAt: (window + 1) * ROOM_CODE_PERIOD_MS };
}

/** The code on the projector now, or the one before it; spaces and dashes as typed are ignored. */
export function roomCodeMatches(meetingId: string, typed: string, now = Date.now()): boolean {
	const digits = Buffer.from(typed.replace(/[\s-]/g, '').slice(0, 16));
	const window = Math.floor(now / ROOM_CODE_PERIOD_MS);
	let matched = false;
	for (const candidate of [window, window - 1]) {
		const code = Buffer.from(codeOfWindow(meetingId, candidate));
		if (code.length === digits.length && timingSafeEqual(code, digits)) matched = true;
	}
	return matched;
}

/** The room code for a staff member of the meeting (any role, or an admin); never for anyone else. */
export async function staffRoomCode(
	meeting: Meeting,
	user: SessionUser | null,
	now = Date.now()
): Promise<RoomCode | null | 'staff only'> {
	if (meeting.participation !== 'room_code') return null;
	if ((await rolesIn(user, meeting.id)).size === 0) return 'staff only';
	return currentRoomCode(meeting.id, now);
}
