import { advance, jump, retreat, type AgendaItem, type Position } from '$lib/domain/agenda';
import { clearScreen } from '$lib/domain/screen';
import type { AgendaTarget } from '$lib/realtime/protocol';
import { agendaOf } from '../meetings/snapshot';
import { positionOf } from '../meetings/store';
import { changeScreen, storeMove, storeProjectorTheme } from '../meetings/state';
import { fail, onCommand } from './command';

function targetOf(agenda: AgendaItem[], to: AgendaTarget, current: Position): Position | null {
	if (to === 'next') return advance(agenda, current);
	if (to === 'previous') return retreat(agenda, current);
	return jump(agenda, to);
}

/** The moderator's clicker (next, previous, jump) and the projector's look. */
export function registerAgendaCommands(): void {
	onCommand('agenda:move', {
		who: ['moderator'],
		async decide(tx, { to }, { meetingId, caller, meeting: read }) {
			const meeting = await read();
			const current = positionOf(meeting);
			const next = targetOf(await agendaOf(meetingId), to, current);
			if (!next) return fail('invalid', 'There is no such agenda item or step.');
			if (next.item === current.item && next.step === current.step) {
				return { data: { version: meeting.version, position: current } };
			}
			const at = new Date();
			const version = await storeMove(tx, meetingId, next, caller.user.id, at);
			// Moving on takes whatever was put over the step off the projector.
			const screen = await changeScreen(tx, meeting, clearScreen);
			return {
				data: { version, position: next },
				events: [{ name: 'agenda.moved', meetingId, version, position: next, at }, ...screen]
			};
		}
	});

	// A page is the projector's, no part of the record: it may be stepped after the session ended.
	onCommand('projector:page', {
		who: ['moderator'],
		afterEnd: true,
		decide(_tx, { view, page }, { meetingId }) {
			return { data: { view, page }, events: [{ name: 'projector.paged', meetingId, page: { view, page } }] };
		}
	});

	// The projector's look is no part of the record.
	onCommand('projector:theme', {
		who: ['moderator'],
		afterEnd: true,
		async decide(tx, { theme }, { meetingId, meeting }) {
			if ((await meeting()).projectorTheme === theme) return { data: { theme } };
			await storeProjectorTheme(tx, meetingId, theme);
			return { data: { theme }, events: [{ name: 'meeting.changed', meetingId }] };
		}
	});
}
