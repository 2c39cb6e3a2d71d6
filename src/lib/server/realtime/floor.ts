import { z } from 'zod';
import { PARTICIPATION_MODES, STAKEHOLDER_GROUPS } from '$lib/domain/meeting';
import {
	callNextSpeaker,
	endTurn,
	floorState,
	requestFloor,
	storeFloorSettings,
	withdrawRequest
} from '../floor/store';
import { findMeetingById } from '../meetings/store';
import { applyCommand } from '../commands';
import { profileOf } from '../participants';
import { ackOf, describeIssues, fail, guarded } from './ack';
import { hub, type PlenarySocket } from './hub';
import { attendeeOf, moderatorOf, staffOf } from './access';

const clientId = z.string().min(8).max(64);
const command = z.object({ clientId });
const addSchema = z.object({
	clientId,
	name: z.string().trim().min(1, 'Give the speaker a name.').max(80),
	group: z.enum(STAKEHOLDER_GROUPS).nullable(),
	mode: z.enum(PARTICIPATION_MODES)
});
const removeSchema = z.object({ clientId, requestId: z.string().min(1).max(64) });
const settingsSchema = z.object({
	clientId,
	alternate: z.boolean(),
	speakingSeconds: z.number().int().min(15).max(3600)
});

/** Floor changes are rare (people, not machines, make them): each one goes out at once, whole. */
export function announceFloor(meetingId: string): void {
	const meeting = findMeetingById(meetingId);
	if (meeting) hub.toMeeting(meetingId)?.emit('floor:changed', floorState(meeting));
}

export function registerFloorHandlers(socket: PlenarySocket): void {
	const { meetingId } = socket.data;

	socket.on('floor:request', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ requestId: string }>(callback);
		void guarded(ack, () => {
			const attendee = attendeeOf(socket.data, 'Join the meeting from its page first.');
			if ('error' in attendee) return attendee;
			const { participantId } = attendee;
			const parsed = command.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const profile = profileOf(participantId);
			applyCommand(meetingId, participantId, parsed.data.clientId, (tx) => {
				requestFloor(tx, meetingId, {
					participantId,
					name: profile.displayName ?? 'Anonymous attendee',
					group: profile.stakeholderGroup,
					mode: profile.mode ?? 'in_room'
				});
				return true;
			});
			const meeting = findMeetingById(meetingId);
			const mine = meeting ? floorState(meeting, participantId).mine : null;
			announceFloor(meetingId);
			return mine
				? { data: { requestId: mine } }
				: fail('conflict', 'Your request is no longer in the queue.');
		});
	});

	socket.on('floor:withdraw', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ withdrawn: boolean }>(callback);
		void guarded(ack, () => {
			const attendee = attendeeOf(socket.data, 'Join the meeting from its page first.');
			if ('error' in attendee) return attendee;
			const { participantId } = attendee;
			const parsed = command.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const { changed } = applyCommand(meetingId, participantId, parsed.data.clientId, (tx) =>
				withdrawRequest(tx, meetingId, { participantId })
			);
			if (changed) announceFloor(meetingId);
			return { data: { withdrawn: changed } };
		});
	});

	socket.on('floor:add', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ requestId: string }>(callback);
		void guarded(ack, () => {
			const moderator = staffOf(socket.data, ['moderator', 'remote_moderator']);
			if ('error' in moderator) return moderator;
			const parsed = addSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const { name, group, mode } = parsed.data;
			// The remote moderator relays remote participants; the room's speakers are the moderator's.
			if (!moderator.roles.has('moderator') && mode !== 'remote') {
				return fail('forbidden', 'A remote moderator adds remote speakers only.');
			}
			let requestId = '';
			const { changed } = applyCommand(meetingId, moderator.user.id, parsed.data.clientId, (tx) => {
				requestId = requestFloor(tx, meetingId, { participantId: null, name, group, mode });
				return true;
			});
			if (changed) announceFloor(meetingId);
			return { data: { requestId } };
		});
	});

	socket.on('floor:remove', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ removed: boolean }>(callback);
		void guarded(ack, () => {
			const moderator = moderatorOf(socket.data);
			if ('error' in moderator) return moderator;
			const parsed = removeSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const { requestId } = parsed.data;
			const { changed } = applyCommand(meetingId, moderator.user.id, parsed.data.clientId, (tx) =>
				withdrawRequest(tx, meetingId, { requestId })
			);
			if (changed) announceFloor(meetingId);
			return { data: { removed: changed } };
		});
	});

	socket.on('floor:next', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ speaking: string | null }>(callback);
		void guarded(ack, () => {
			const moderator = moderatorOf(socket.data);
			if ('error' in moderator) return moderator;
			const parsed = command.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const meeting = findMeetingById(meetingId);
			if (!meeting) return fail('not_found', 'This meeting no longer exists.');
			const { changed } = applyCommand(meetingId, moderator.user.id, parsed.data.clientId, (tx) => {
				callNextSpeaker(tx, meeting);
				return true;
			});
			if (changed) announceFloor(meetingId);
			return { data: { speaking: floorState(meeting).speaking?.id ?? null } };
		});
	});

	socket.on('floor:end', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ ended: boolean }>(callback);
		void guarded(ack, () => {
			const moderator = moderatorOf(socket.data);
			if ('error' in moderator) return moderator;
			const parsed = command.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const { changed } = applyCommand(meetingId, moderator.user.id, parsed.data.clientId, (tx) =>
				endTurn(tx, meetingId)
			);
			if (changed) announceFloor(meetingId);
			return { data: { ended: changed } };
		});
	});

	socket.on('floor:settings', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ alternate: boolean; speakingSeconds: number }>(callback);
		void guarded(ack, () => {
			const moderator = moderatorOf(socket.data);
			if ('error' in moderator) return moderator;
			const parsed = settingsSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const { alternate, speakingSeconds } = parsed.data;
			const { changed } = applyCommand(meetingId, moderator.user.id, parsed.data.clientId, (tx) =>
				storeFloorSettings(tx, meetingId, alternate, speakingSeconds)
			);
			if (changed) announceFloor(meetingId);
			return { data: { alternate, speakingSeconds } };
		});
	});
}
