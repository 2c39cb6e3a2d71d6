import type { Socket } from 'socket.io-client';
import { LiveMeeting } from './client.svelte';
import type { ClientToServerEvents, ServerToClientEvents } from './protocol';

/**
 * The live meeting as the projector and staff follow it: beside what a phone hears, the page the
 * projector shows and the room's turnout. Kept apart so an attendee's phone does not load it.
 */
export class ScreenMeeting extends LiveMeeting {
	protected override listen(socket: Socket<ServerToClientEvents, ClientToServerEvents>): void {
		socket.on('projector:page', (page) => (this.current.projectorPage = page));
		socket.on('turnout:changed', (turnout) => (this.current.turnout = turnout));
	}
}
