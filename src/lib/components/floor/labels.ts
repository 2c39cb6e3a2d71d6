import { PARTICIPATION_MODE_LABELS, STAKEHOLDER_GROUP_LABELS } from '$lib/domain/meeting';
import type { FloorEntry } from '$lib/realtime/protocol';

/** "Government · remote": who a speaker speaks for, as the queue shows it. */
export function speakerDetails(entry: FloorEntry): string {
	const group = entry.group ? STAKEHOLDER_GROUP_LABELS[entry.group] : null;
	return [group, PARTICIPATION_MODE_LABELS[entry.mode].toLowerCase()].filter(Boolean).join(' · ');
}
