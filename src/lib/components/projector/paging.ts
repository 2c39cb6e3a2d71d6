import type { Visible } from '$lib/domain/screen';
import type { MeetingSnapshot } from '$lib/realtime/protocol';

/** How long each page of a long list stays up before the next, unless the moderator holds one. */
export const PAGE_ROTATION_MS = 8000;

/**
 * Names what the projector shows, so a page the moderator chose applies to that view only: a
 * poll whose results appear, or the next agenda step, starts again from its first page.
 */
export function viewKey(snapshot: MeetingSnapshot, visible: Visible): string {
	if (visible.kind === 'step') return `step:${snapshot.position.item}:${snapshot.position.step}`;
	if (visible.kind !== 'poll') return `${visible.kind}:${visible.id}`;
	const poll = snapshot.polls.find((candidate) => candidate.id === visible.id);
	return poll
		? `poll:${poll.id}:${poll.status}:${poll.resultsVisible}:${poll.resultsView}`
		: `poll:${visible.id}`;
}

/**
 * The page on screen: the one the moderator stepped to for this view, else the pages take turns
 * on the clock, so the console's preview and the projector show the same page.
 */
export function pageOnScreen(
	pages: number,
	view: string,
	held: MeetingSnapshot['projectorPage'],
	now: number
): number {
	if (pages <= 1) return 0;
	if (held && held.view === view) return Math.min(held.page, pages - 1);
	return Math.floor(now / PAGE_ROTATION_MS) % pages;
}
