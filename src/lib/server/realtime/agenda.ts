import { z } from 'zod';
import { advance, jump, retreat } from '$lib/domain/agenda';
import { PROJECTOR_THEMES, type ProjectorTheme } from '$lib/domain/meeting';
import type { Position } from '$lib/domain/agenda';
import type { AgendaTarget } from '$lib/realtime/protocol';
import { findMeetingById, meetingInfo, positionOf, storeMove, storeProjectorTheme } from '../meetings/store';
import { agendaForClients, agendaOf, forgetAgenda, forgetPolls, pollInfos } from '../meetings/snapshot';
import { ackOf, describeIssues, fail, guarded } from './ack';
import { hub, type PlenarySocket } from './hub';
import { moderatorOf } from './access';
import { announceQuestions } from './questions';
import { announceComments } from './comments';
import { announceFloor } from './floor';
import { announceRecord } from './record';

const themeSchema = z.object({ clientId: z.string().min(8).max(64), theme: z.enum(PROJECTOR_THEMES) });

const agendaMoveSchema = z.object({
	clientId: z.string().min(8).max(64),
	to: z.union([
		z.literal('next'),
		z.literal('previous'),
		z.object({ item: z.number().int().min(0).max(1000), step: z.number().int().min(0).max(1000).optional() })
	])
});

function targetFrom(to: AgendaTarget, meetingId: string): (current: Position) => Position | null {
	const agenda = agendaOf(meetingId);
	if (to === 'next') return (current) => advance(agenda, current);
	if (to === 'previous') return (current) => retreat(agenda, current);
	return () => jump(agenda, to);
}

/**
 * After an organiser saved settings or the agenda: every client of the meeting gets the new
 * agenda, cursor and polls in one versioned update, and the live parts that read the settings.
 */
export function announceMeetingChanged(meetingId: string): void {
	forgetAgenda(meetingId);
	forgetPolls(meetingId);
	const meeting = findMeetingById(meetingId);
	if (!meeting) return;
	hub.toMeeting(meetingId)?.emit('meeting:changed', {
		version: meeting.version,
		meeting: meetingInfo(meeting),
		agenda: agendaForClients(meeting),
		position: positionOf(meeting),
		polls: pollInfos(meetingId),
		onScreenPollId: meeting.onScreenPollId
	});
	announceFloor(meetingId);
	announceQuestions(meetingId);
	announceComments(meetingId);
	announceRecord(meetingId);
}

/** The moderator's clicker: next, previous, jump. Only a moderator of this meeting moves it. */
export function registerAgendaHandlers(socket: PlenarySocket): void {
	socket.on('projector:theme', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ theme: ProjectorTheme }>(callback);
		void guarded(ack, () => {
			const { meetingId } = socket.data;
			const moderator = moderatorOf(socket.data);
			if ('error' in moderator) return moderator;
			const parsed = themeSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const changed = storeProjectorTheme(meetingId, parsed.data.theme);
			if (changed === null) return fail('not_found', 'This meeting no longer exists.');
			if (changed) announceMeetingChanged(meetingId);
			return { data: { theme: parsed.data.theme } };
		});
	});

	socket.on('agenda:move', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ version: number; position: Position }>(callback);
		void guarded(ack, () => {
			const { meetingId } = socket.data;
			const moderator = moderatorOf(socket.data);
			if ('error' in moderator) return moderator;
			const { user } = moderator;
			const parsed = agendaMoveSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			if (!findMeetingById(meetingId)) return fail('not_found', 'This meeting no longer exists.');
			const outcome = storeMove(
				meetingId,
				parsed.data.clientId,
				user.id,
				targetFrom(parsed.data.to, meetingId)
			);
			if (!outcome) return fail('invalid', 'There is no such agenda item or step.');
			if (outcome.kind === 'moved') {
				announceQuestions(meetingId);
				announceComments(meetingId);
				hub.toMeeting(meetingId)?.emit('agenda:moved', {
					version: outcome.version,
					position: outcome.position,
					onScreenPollId: null,
					at: outcome.at.toISOString()
				});
			}
			return { data: { version: outcome.version, position: outcome.position } };
		});
	});
}
