import { z } from 'zod';
import { REPORT_FIELDS } from '$lib/domain/record/schema';
import type { MeetingRole } from '$lib/domain/meeting';
import type { RecordTextSave } from '$lib/realtime/protocol';
import { db } from '../db';
import { hashToken } from '../auth/tokens';
import { applyCommand, recordApplied, wasApplied } from '../commands';
import { agendaOf, pollsOf } from '../meetings/snapshot';
import { findMeetingById } from '../meetings/store';
import { storeSessionClock } from '../record/clock';
import { noteKey, recordTextsOf, reportKey, saveRecordText, type RecordTextKey } from '../record/texts';
import { agreedTopicsOf, changeTopic, declareTopic, findTopic } from '../record/topics';
import { ackOf, describeIssues, fail, guarded } from './ack';
import { hub, type PlenarySocket } from './hub';
import { moderatorOf, staffOf } from './access';

const clientId = z.string().min(8).max(64);
const wording = z
	.string()
	.trim()
	.min(3, 'Write the topic in a few words.')
	.max(300, 'Keep a topic under 300 characters.');

const writeSchema = z.object({
	clientId,
	target: z.discriminatedUnion('kind', [
		z.object({ kind: z.literal('note'), itemId: z.string().min(1).max(64) }),
		z.object({ kind: z.literal('report'), field: z.enum(REPORT_FIELDS) })
	]),
	text: z.string().max(20_000, 'Keep one text under 20,000 characters.'),
	baseRevision: z.int().min(0).max(1_000_000)
});
const clockSchema = z.object({ clientId, action: z.enum(['start', 'end']) });
const declareSchema = z.object({
	clientId,
	wording,
	itemId: z.string().min(1).max(64).nullable(),
	pollId: z.string().min(1).max(64).nullable()
});
const rewordSchema = z.object({ clientId, topicId: z.string().min(1).max(64), wording });
const withdrawSchema = z.object({ clientId, topicId: z.string().min(1).max(64) });

/** The role a change is recorded under: a moderator acts as moderator, else as rapporteur. */
const actingRole = (roles: Set<MeetingRole>): MeetingRole =>
	roles.has('moderator') ? 'moderator' : 'rapporteur';

/**
 * A retried declaration finds the topic it created: the id follows from the meeting, who sent it
 * and its client id. Topic ids are unique across meetings, so the meeting is part of it.
 */
const topicIdOf = (meetingId: string, userId: string, command: string) =>
	`topic-${hashToken(`${meetingId}:${userId}:${command}`).slice(0, 20)}`;

export function announceRecord(meetingId: string): void {
	hub.coalesce(`record:${meetingId}`, 500, () => hub.toStaff(meetingId)?.emit('record:changed'));
}

function announceTopics(meetingId: string): void {
	hub.toMeeting(meetingId)?.emit('topics:changed', agreedTopicsOf(meetingId));
	announceRecord(meetingId);
}

/** The record's clock, the rapporteur's texts and the agreed topics. */
export function registerRecordHandlers(socket: PlenarySocket): void {
	const { meetingId } = socket.data;

	socket.on('session:clock', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ startedAt: string | null; endedAt: string | null }>(callback);
		void guarded(ack, () => {
			const moderator = moderatorOf(socket.data);
			if ('error' in moderator) return moderator;
			const parsed = clockSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const { changed } = applyCommand(meetingId, moderator.user.id, parsed.data.clientId, (tx, meeting) =>
				storeSessionClock(tx, meeting, parsed.data.action, moderator.user.id)
			);
			const meeting = findMeetingById(meetingId);
			if (!meeting) return fail('not_found', 'This meeting no longer exists.');
			const clock = {
				startedAt: meeting.startedAt?.toISOString() ?? null,
				endedAt: meeting.endedAt?.toISOString() ?? null
			};
			if (changed) {
				hub.toMeeting(meetingId)?.emit('session:clock', clock);
				announceRecord(meetingId);
			}
			return { data: clock };
		});
	});

	socket.on('record:write', (payload: unknown, callback: unknown) => {
		const ack = ackOf<RecordTextSave>(callback);
		void guarded(ack, () => {
			const staff = staffOf(socket.data, ['moderator', 'rapporteur']);
			if ('error' in staff) return staff;
			const parsed = writeSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const { target, text, baseRevision } = parsed.data;
			if (target.kind === 'note' && !agendaOf(meetingId).some((item) => item.id === target.itemId)) {
				return fail('not_found', 'There is no such agenda item in this meeting.');
			}
			const key: RecordTextKey = target.kind === 'note' ? noteKey(target.itemId) : reportKey(target.field);
			const userId = staff.user.id;
			const outcome = db().transaction((tx): RecordTextSave | null => {
				if (wasApplied(tx, meetingId, userId, parsed.data.clientId)) return null;
				const save = saveRecordText(tx, meetingId, key, text, baseRevision, userId);
				if (save.saved) recordApplied(tx, meetingId, userId, parsed.data.clientId, 0);
				return save.saved ? { saved: true, text: save.text } : { saved: false, current: save.current };
			});
			if (outcome === null) {
				// A retry of a save that went through: answer with what is stored now.
				const current = recordTextsOf(meetingId).find((t) => t.key === key);
				return current
					? { data: { saved: true as const, text: current } }
					: fail('not_found', 'This text is gone.');
			}
			if (outcome.saved) announceRecord(meetingId);
			return { data: outcome };
		});
	});

	socket.on('topic:declare', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ topicId: string }>(callback);
		void guarded(ack, () => {
			const moderator = moderatorOf(socket.data);
			if ('error' in moderator) return moderator;
			const parsed = declareSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			const { itemId, pollId } = parsed.data;
			if (itemId !== null && !agendaOf(meetingId).some((item) => item.id === itemId)) {
				return fail('not_found', 'There is no such agenda item in this meeting.');
			}
			if (pollId !== null && !pollsOf(meetingId).some((p) => p.poll.id === pollId)) {
				return fail('not_found', 'There is no such poll in this meeting.');
			}
			const userId = moderator.user.id;
			const topicId = topicIdOf(meetingId, userId, parsed.data.clientId);
			const { changed } = applyCommand(meetingId, userId, parsed.data.clientId, (tx) => {
				declareTopic(
					tx,
					meetingId,
					{ id: topicId, itemId, pollId, wording: parsed.data.wording },
					userId,
					'moderator'
				);
				return true;
			});
			if (changed) announceTopics(meetingId);
			return { data: { topicId } };
		});
	});

	socket.on('topic:reword', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ changed: boolean }>(callback);
		void guarded(ack, () => {
			const staff = staffOf(socket.data, ['moderator', 'rapporteur']);
			if ('error' in staff) return staff;
			const parsed = rewordSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			if (!findTopic(meetingId, parsed.data.topicId))
				return fail('not_found', 'There is no such topic in this meeting.');
			const { changed } = applyCommand(meetingId, staff.user.id, parsed.data.clientId, (tx) =>
				changeTopic(
					tx,
					parsed.data.topicId,
					{ kind: 'reworded', wording: parsed.data.wording },
					staff.user.id,
					actingRole(staff.roles)
				)
			);
			if (changed) announceTopics(meetingId);
			return { data: { changed } };
		});
	});

	socket.on('topic:withdraw', (payload: unknown, callback: unknown) => {
		const ack = ackOf<{ changed: boolean }>(callback);
		void guarded(ack, () => {
			const moderator = moderatorOf(socket.data);
			if ('error' in moderator) return moderator;
			const parsed = withdrawSchema.safeParse(payload);
			if (!parsed.success) return fail('invalid', describeIssues(parsed.error));
			if (!findTopic(meetingId, parsed.data.topicId))
				return fail('not_found', 'There is no such topic in this meeting.');
			const { changed } = applyCommand(meetingId, moderator.user.id, parsed.data.clientId, (tx) =>
				changeTopic(tx, parsed.data.topicId, { kind: 'withdrawn' }, moderator.user.id, 'moderator')
			);
			if (changed) announceTopics(meetingId);
			return { data: { changed } };
		});
	});
}
