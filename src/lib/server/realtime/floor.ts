import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { PARTICIPATION_MODES, STAKEHOLDER_GROUPS, type StakeholderGroup } from '$lib/domain/meeting';
import { db } from '../db';
import { participants } from '../db/schema';
import {
	callNextSpeaker,
	endTurn,
	floorState,
	requestFloor,
	storeFloorSettings,
	withdrawRequest
} from '../floor/store';
import { findMeetingById } from '../meetings/store';
import { storePollChange as applyOnce } from '../polls/store';
import { ackOf, describeIssues, fail, guarded } from './ack';
import { hub, type PlenarySocket } from './hub';
import { moderatorOf, staffOf } from './moderators';

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

const noChange = { bumpVersion: false };

export function registerFloorHandlers(socket: PlenarySocket): void {
	const { meetingId } = socket.data;

	socket.on('floor:request', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ requestId: string }>(callback);
		void guarded(ack, () => {
			const participantId = socket.data.participantId;
			if (socket.data.role !== 'attendee' || !participantId)
				return fail('unauthorised', 'Join the meeting from its page first.');
			const parsed = command.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const profile = db().select().from(participants).where(eq(participants.id, participantId)).get();
			applyOnce(
				meetingId,
				participantId,
				parsed.data.clientId,
				(tx) => {
					requestFloor(tx, meetingId, {
						participantId,
						name: profile?.displayName ?? 'Anonymous attendee',
						group: (profile?.stakeholderGroup as StakeholderGroup | null) ?? null,
						mode: profile?.mode ?? 'in_room'
					});
					return true;
				},
				noChange
			);
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
			const participantId = socket.data.participantId;
			if (socket.data.role !== 'attendee' || !participantId)
				return fail('unauthorised', 'Join the meeting from its page first.');
			const parsed = command.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const { changed } = applyOnce(
				meetingId,
				participantId,
				parsed.data.clientId,
				(tx) => withdrawRequest(tx, meetingId, { participantId }),
				noChange
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
			const { changed } = applyOnce(
				meetingId,
				moderator.user.id,
				parsed.data.clientId,
				(tx) => {
					requestId = requestFloor(tx, meetingId, { participantId: null, name, group, mode });
					return true;
				},
				noChange
			);
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
			const { changed } = applyOnce(
				meetingId,
				moderator.user.id,
				parsed.data.clientId,
				(tx) => withdrawRequest(tx, meetingId, { requestId }),
				noChange
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
			const { changed } = applyOnce(
				meetingId,
				moderator.user.id,
				parsed.data.clientId,
				(tx) => {
					callNextSpeaker(tx, meeting);
					return true;
				},
				noChange
			);
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
			const { changed } = applyOnce(
				meetingId,
				moderator.user.id,
				parsed.data.clientId,
				(tx) => endTurn(tx, meetingId),
				noChange
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
			const { changed } = applyOnce(
				meetingId,
				moderator.user.id,
				parsed.data.clientId,
				(tx) => storeFloorSettings(tx, meetingId, alternate, speakingSeconds),
				noChange
			);
			if (changed) announceFloor(meetingId);
			return { data: { alternate, speakingSeconds } };
		});
	});
}
