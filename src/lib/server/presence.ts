import type { ParticipationMode } from '$lib/domain/meeting';
import type { PresenceCounts } from '$lib/realtime/protocol';

interface Attendance {
	sockets: number;
	mode: ParticipationMode | null;
}

/**
 * Who is connected right now, per meeting: distinct attendees (several tabs count once) and
 * how they take part. Kept in memory: it describes live connections, which end with the process.
 * Whoever changes it publishes `presence.changed`.
 */
export class Presence {
	#meetings = new Map<string, Map<string, Attendance>>();
	#counts = new Map<string, PresenceCounts>();
	/** The polls open now, per meeting, and every attendee connected at any time while each was open. */
	#openPolls = new Map<string, ReadonlySet<string>>();
	#connectedWhileOpen = new Map<string, Set<string>>();
	/** What the deployment's other processes last reported, per meeting and process. */
	#remote = new Map<string, Map<string, RemoteReport & { at: number }>>();

	#tally(meetingId: string, mode: ParticipationMode | null, delta: number): void {
		const counts = this.#counts.get(meetingId) ?? { connected: 0, inRoom: 0, remote: 0 };
		this.#counts.set(meetingId, counts);
		counts.connected += delta;
		if (mode === 'in_room') counts.inRoom += delta;
		if (mode === 'remote') counts.remote += delta;
	}

	arrive(meetingId: string, participantId: string, mode: ParticipationMode | null): void {
		const attendees = this.#meetings.get(meetingId) ?? new Map<string, Attendance>();
		this.#meetings.set(meetingId, attendees);
		const attendance = attendees.get(participantId);
		if (attendance) {
			attendance.sockets++;
			this.#tally(meetingId, attendance.mode, -1);
			attendance.mode = mode;
			this.#tally(meetingId, mode, 1);
		} else {
			attendees.set(participantId, { sockets: 1, mode });
			this.#tally(meetingId, mode, 1);
		}
		for (const pollId of this.#openPolls.get(meetingId) ?? [])
			this.#connectedWhileOpen.get(pollId)?.add(participantId);
	}

	/**
	 * The polls open in a meeting now: the attendees connected now, and each one who connects until
	 * a poll closes, count as phones that could have voted in it (a poll opened again keeps counting).
	 */
	pollsOpen(meetingId: string, pollIds: readonly string[]): void {
		const wasOpen = this.#openPolls.get(meetingId);
		this.#openPolls.set(meetingId, new Set(pollIds));
		// Polls open already keep themselves current as phones arrive: only new ones take the room.
		const opened = pollIds.filter((pollId) => !wasOpen?.has(pollId));
		if (opened.length === 0) return;
		const connected = [...(this.#meetings.get(meetingId)?.keys() ?? [])];
		for (const pollId of opened) {
			const seen = this.#connectedWhileOpen.get(pollId) ?? new Set<string>();
			this.#connectedWhileOpen.set(pollId, seen);
			for (const participantId of connected) seen.add(participantId);
		}
	}

	/** Whether this process counts the phones connected while the poll is open. */
	follows(pollId: string): boolean {
		return this.#connectedWhileOpen.has(pollId);
	}

	/**
	 * Distinct attendees connected at any time while the poll was open (since this process started),
	 * with those the other processes reported: a phone that moved between processes counts twice.
	 */
	connectedWhileOpen(pollId: string): number {
		let total = this.#localWhileOpen(pollId);
		for (const reports of this.#remote.values())
			for (const report of reports.values()) total += report.whileOpen[pollId] ?? 0;
		return total;
	}

	leave(meetingId: string, participantId: string): void {
		const attendees = this.#meetings.get(meetingId);
		const attendance = attendees?.get(participantId);
		if (!attendees || !attendance) return;
		if (--attendance.sockets === 0) {
			attendees.delete(participantId);
			this.#tally(meetingId, attendance.mode, -1);
		}
		if (attendees.size === 0) this.#meetings.delete(meetingId);
	}

	changeMode(meetingId: string, participantId: string, mode: ParticipationMode | null): boolean {
		const attendance = this.#meetings.get(meetingId)?.get(participantId);
		if (!attendance || attendance.mode === mode) return false;
		this.#tally(meetingId, attendance.mode, -1);
		attendance.mode = mode;
		this.#tally(meetingId, mode, 1);
		return true;
	}

	/** The meeting's connections across the deployment: this process's and those the others reported. */
	counts(meetingId: string): PresenceCounts {
		const counts = this.#counts.get(meetingId);
		const total = counts ? { ...counts } : { connected: 0, inRoom: 0, remote: 0 };
		for (const report of this.#reports(meetingId)) {
			total.connected += report.counts.connected;
			total.inRoom += report.counts.inRoom;
			total.remote += report.counts.remote;
		}
		return total;
	}

	/** What this process reports of a meeting to the others: its connections, and per open poll. */
	report(meetingId: string): { counts: PresenceCounts; whileOpen: Record<string, number> } {
		const counts = this.#counts.get(meetingId) ?? { connected: 0, inRoom: 0, remote: 0 };
		const whileOpen = Object.fromEntries(
			[...(this.#openPolls.get(meetingId) ?? [])].map((pollId) => [pollId, this.#localWhileOpen(pollId)])
		);
		return { counts: { ...counts }, whileOpen };
	}

	/** The meetings this process has connections of. */
	meetings(): string[] {
		return [...this.#meetings.keys()];
	}

	/** Another process's report; it holds until a newer one, or until it is older than REPORT_LIFE_MS. */
	reported(meetingId: string, process: string, report: RemoteReport): void {
		const reports = this.#remote.get(meetingId) ?? new Map<string, RemoteReport & { at: number }>();
		this.#remote.set(meetingId, reports);
		reports.set(process, { ...report, at: performance.now() });
	}

	#reports(meetingId: string): RemoteReport[] {
		const reports = this.#remote.get(meetingId);
		if (!reports) return [];
		const now = performance.now();
		for (const [process, report] of reports) if (now - report.at > REPORT_LIFE_MS) reports.delete(process);
		return [...reports.values()];
	}

	#localWhileOpen(pollId: string): number {
		return this.#connectedWhileOpen.get(pollId)?.size ?? 0;
	}
}

interface RemoteReport {
	counts: PresenceCounts;
	whileOpen: Record<string, number>;
}

/**
 * How long another process's report counts: it reports every few seconds, so one not heard from
 * for this long has stopped (its phones reconnect to the others and are counted there).
 */
export const REPORT_LIFE_MS = 12_000;

/** The connections of this process. */
export const presence = new Presence();
