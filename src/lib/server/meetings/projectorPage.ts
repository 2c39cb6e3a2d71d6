import type { ProjectorPage } from '$lib/realtime/protocol';
import { subscribe } from '../events';

/**
 * The page each meeting's projector holds, once the moderator's clicker stepped one: kept in
 * memory (it is no part of the record); after a restart the pages take turns again until the
 * moderator steps.
 */
class ProjectorPages {
	#pages = new Map<string, ProjectorPage>();

	constructor() {
		subscribe('projector.paged', ({ meetingId, page }) => this.#pages.set(meetingId, page));
		subscribe('meeting.archived', ({ meetingId }) => this.#pages.delete(meetingId));
	}

	of(meetingId: string): ProjectorPage | null {
		return this.#pages.get(meetingId) ?? null;
	}
}

export const projectorPages = new ProjectorPages();
