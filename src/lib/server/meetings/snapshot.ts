import type { AgendaItem } from '$lib/domain/agenda';
import type { MeetingSnapshot, PresenceCounts } from '$lib/realtime/protocol';
import type { Meeting } from '../db/schema';
import { loadAgenda, meetingInfo, positionOf } from './store';

const agendas = new Map<string, AgendaItem[]>();

/** The agenda changes only when an organiser edits it, so it is read once per meeting. */
export function agendaOf(meetingId: string): AgendaItem[] {
	let agenda = agendas.get(meetingId);
	if (!agenda) {
		agenda = loadAgenda(meetingId);
		agendas.set(meetingId, agenda);
	}
	return agenda;
}

export function forgetAgenda(meetingId: string): void {
	agendas.delete(meetingId);
}

export function buildSnapshot(meeting: Meeting, presence: PresenceCounts): MeetingSnapshot {
	return {
		version: meeting.version,
		meeting: meetingInfo(meeting),
		agenda: agendaOf(meeting.id),
		position: positionOf(meeting),
		presence
	};
}
