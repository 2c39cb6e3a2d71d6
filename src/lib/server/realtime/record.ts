import type { MeetingRole } from '$lib/domain/meeting';
import { generateId } from '../auth/tokens';
import { agendaOf } from '../meetings/snapshot';
import { clockAfter } from '$lib/domain/record/clock';
import { livePolls } from '../polls/live';
import { storeSessionClock } from '../record/clock';
import { noteKey, reportKey, saveRecordText, sentenceKey } from '../record/texts';
import { isTagged } from '../comments/store';
import { changeTopic, declareTopic, findTopic } from '../record/topics';
import { fail, onCommand } from './command';

/** The role a change is recorded under: a moderator acts as moderator, else as rapporteur. */
const actingRole = (roles: Set<MeetingRole>): MeetingRole =>
	roles.has('moderator') ? 'moderator' : 'rapporteur';

const NO_ITEM = 'There is no such agenda item in this meeting.';
const NO_TOPIC = 'There is no such topic in this meeting.';
const topicsChanged = (meetingId: string) => [{ name: 'topics.changed', meetingId } as const];

/** The record's clock, the rapporteur's texts and the agreed topics. */
export function registerRecordCommands(): void {
	onCommand('session:clock', {
		who: ['moderator'],
		afterEnd: true,
		async decide(tx, { action }, { meetingId, caller, meeting: read }) {
			const meeting = await read();
			const at = new Date();
			const change = clockAfter(meeting, action, at);
			if (change) await storeSessionClock(tx, meeting, change, caller.user.id, at);
			const { startedAt, endedAt } = change?.clock ?? meeting;
			const clock = { startedAt: startedAt?.toISOString() ?? null, endedAt: endedAt?.toISOString() ?? null };
			return { data: clock, events: change ? [{ name: 'clock.changed', meetingId }] : [] };
		}
	});

	// The rapporteur writes the notes and the report up after the end: the one change a sealed session takes.
	onCommand('record:write', {
		who: ['moderator', 'rapporteur'],
		afterEnd: true,
		async decide(tx, { target, text, baseRevision, accept }, { meetingId, caller }) {
			if (target.kind === 'note' && !(await agendaOf(meetingId)).some((item) => item.id === target.itemId)) {
				return fail('not_found', NO_ITEM);
			}
			if (target.kind === 'sentence' && !(await isTagged(tx, meetingId, target))) {
				return fail('not_found', 'That item is not tagged for the report: tag it first.');
			}
			const key =
				target.kind === 'note'
					? noteKey(target.itemId)
					: target.kind === 'report'
						? reportKey(target.field)
						: sentenceKey(target.tag, target.target, target.targetId);
			const accepted = target.kind === 'report' && accept === true;
			const save = await saveRecordText(tx, meetingId, key, text, baseRevision, caller.user.id, accepted);
			if (!save.saved) return { data: { saved: false, current: save.current } };
			return { data: { saved: true, text: save.text }, events: [{ name: 'record.changed', meetingId }] };
		}
	});

	onCommand('topic:declare', {
		who: ['moderator'],
		async decide(tx, { wording, itemId, pollId }, { meetingId, caller }) {
			if (itemId !== null && !(await agendaOf(meetingId)).some((item) => item.id === itemId)) {
				return fail('not_found', NO_ITEM);
			}
			if (pollId !== null && !(await livePolls.find(meetingId, pollId))) {
				return fail('not_found', 'There is no such poll in this meeting.');
			}
			const topicId = `topic-${generateId()}`;
			await declareTopic(
				tx,
				meetingId,
				{ id: topicId, itemId, pollId, wording },
				caller.user.id,
				'moderator'
			);
			return { data: { topicId }, events: topicsChanged(meetingId) };
		}
	});

	onCommand('topic:reword', {
		who: ['moderator', 'rapporteur'],
		async decide(tx, { topicId, wording }, { meetingId, caller }) {
			if (!(await findTopic(meetingId, topicId))) return fail('not_found', NO_TOPIC);
			const change = { kind: 'reworded', wording } as const;
			const changed = await changeTopic(tx, topicId, change, caller.user.id, actingRole(caller.roles));
			return { data: { changed }, events: changed ? topicsChanged(meetingId) : [] };
		}
	});

	onCommand('topic:withdraw', {
		who: ['moderator'],
		async decide(tx, { topicId }, { meetingId, caller }) {
			if (!(await findTopic(meetingId, topicId))) return fail('not_found', NO_TOPIC);
			const changed = await changeTopic(tx, topicId, { kind: 'withdrawn' }, caller.user.id, 'moderator');
			return { data: { changed }, events: changed ? topicsChanged(meetingId) : [] };
		}
	});
}
