import type { Visible } from '$lib/domain/screen';
import type { MeetingSnapshot } from '$lib/realtime/protocol';

/**
 * The join panel (QR code, address, meeting code) is large while the room arrives and gives its
 * width to the content once the session is under way: from the second agenda item on, or as soon
 * as something is put on screen over the first one (a poll, a question, a comment), provided at
 * least one phone has joined. Latecomers still find the QR code and code in the narrower panel.
 */
export function joinPanelCompact(snapshot: MeetingSnapshot, visible: Visible): boolean {
	if (snapshot.presence.connected === 0) return false;
	const underWay = snapshot.position.item > 0 || snapshot.position.step > 0 || visible.kind !== 'step';
	return underWay;
}
