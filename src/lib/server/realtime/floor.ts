import { UNNAMED_SPEAKER } from '$lib/domain/floor';
import {
	callNextSpeaker,
	endTurn,
	givePanelistTheFloor,
	requestFloor,
	storeFloorSettings,
	withdrawRequest
} from '../floor/store';
import { agendaOf } from '../meetings/snapshot';
import { profileOf } from '../participants';
import { fail, onCommand } from './command';
import { limits } from '../limits';

/** Raising and lowering a hand share one count per attendee. */
const handLimit = { limit: limits.floor, what: 'Too many raised and lowered hands' };

/** What every floor command causes: the queue goes out again, whole. */
const floorChanged = (meetingId: string) => [{ name: 'floor.changed', meetingId } as const];

export function registerFloorCommands(): void {
	onCommand('floor:request', {
		who: 'attendee',
		limit: handLimit,
		async decide(tx, _command, { meetingId, caller: { participantId } }) {
			const profile = await profileOf(participantId);
			const requestId = await requestFloor(tx, meetingId, {
				participantId,
				name: profile.displayName ?? UNNAMED_SPEAKER,
				affiliation: profile.affiliation,
				group: profile.stakeholderGroup,
				mode: profile.mode ?? 'in_room'
			});
			return { data: { requestId }, events: floorChanged(meetingId) };
		}
	});

	onCommand('floor:withdraw', {
		who: 'attendee',
		limit: handLimit,
		async decide(tx, _command, { meetingId, caller: { participantId } }) {
			const withdrawn = await withdrawRequest(tx, meetingId, { participantId });
			return { data: { withdrawn }, events: withdrawn ? floorChanged(meetingId) : [] };
		}
	});

	onCommand('floor:add', {
		who: ['moderator', 'remote_moderator'],
		async decide(tx, { name, affiliation, group, mode }, { meetingId, caller }) {
			// The remote moderator relays remote participants; the room's speakers are the moderator's.
			if (!caller.roles.has('moderator') && mode !== 'remote') {
				return fail('forbidden', 'A remote moderator adds remote speakers only.');
			}
			const requestId = await requestFloor(tx, meetingId, {
				participantId: null,
				name,
				affiliation,
				group,
				mode
			});
			return { data: { requestId }, events: floorChanged(meetingId) };
		}
	});

	onCommand('floor:remove', {
		who: ['moderator'],
		async decide(tx, { requestId }, { meetingId }) {
			const removed = await withdrawRequest(tx, meetingId, { requestId });
			return { data: { removed }, events: removed ? floorChanged(meetingId) : [] };
		}
	});

	onCommand('floor:next', {
		who: ['moderator'],
		async decide(tx, _command, { meetingId, meeting }) {
			const speaking = await callNextSpeaker(tx, await meeting());
			return { data: { speaking }, events: floorChanged(meetingId) };
		}
	});

	onCommand('floor:panelist', {
		who: ['moderator'],
		async decide(tx, { panelistId }, { meetingId }) {
			const panelist = (await agendaOf(meetingId))
				.flatMap((item) => item.panelists)
				.find((candidate) => candidate.id === panelistId);
			if (!panelist) return fail('not_found', 'There is no such panelist in this meeting.');
			const speaking = await givePanelistTheFloor(tx, meetingId, {
				id: panelist.id,
				name: panelist.name,
				affiliation: panelist.affiliation,
				group: panelist.stakeholderGroup
			});
			return { data: { speaking }, events: floorChanged(meetingId) };
		}
	});

	onCommand('floor:end', {
		who: ['moderator'],
		async decide(tx, _command, { meetingId }) {
			const ended = await endTurn(tx, meetingId);
			return { data: { ended }, events: ended ? floorChanged(meetingId) : [] };
		}
	});

	onCommand('floor:settings', {
		who: ['moderator'],
		async decide(tx, { alternate, speakingSeconds }, { meetingId }) {
			await storeFloorSettings(tx, meetingId, alternate, speakingSeconds);
			return { data: { alternate, speakingSeconds }, events: floorChanged(meetingId) };
		}
	});
}
