import { z } from 'zod';
import { advance, jump, retreat } from '$lib/domain/agenda';
import type { Position } from '$lib/domain/agenda';
import type { AgendaTarget } from '$lib/realtime/protocol';
import { findMeetingById, storeMove } from '../meetings/store';
import { agendaOf } from '../meetings/snapshot';
import { ackOf, describeIssues, fail, guarded } from './ack';
import { hub, type PlenarySocket } from './hub';
import { moderatorOf } from './access';
import { announceQuestions } from './questions';
import { announceComments } from './comments';

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

/** The moderator's clicker: next, previous, jump. Only a moderator of this meeting moves it. */
export function registerAgendaHandlers(socket: PlenarySocket): void {
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
