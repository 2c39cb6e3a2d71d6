import { PARTICIPATION_MODE_LABELS, STAKEHOLDER_GROUP_LABELS } from '$lib/domain/meeting';
import type { MessageId, MessageValues } from '$lib/i18n/messages';
import type { FloorEntry } from '$lib/realtime/protocol';

/** "APNIC · Government · remote": who a speaker is and speaks for, as the staff queue shows it (in English). */
export function speakerDetails(entry: FloorEntry): string {
	const group = entry.group ? STAKEHOLDER_GROUP_LABELS[entry.group] : null;
	const mode = PARTICIPATION_MODE_LABELS[entry.mode].toLowerCase();
	return [entry.affiliation, group, mode].filter(Boolean).join(' · ');
}

/** A translator's `t`, as `translator()` gives it. */
type Translate = (id: MessageId, values?: MessageValues) => string;

/** "Government · remote" in the reader's language, for the phone and the projector. */
export function translatedSpeakerDetails(t: Translate, entry: FloorEntry): string {
	const mode = t(`floor.mode.${entry.mode}`);
	if (!entry.group) return mode;
	return t('floor.details.group-mode', { group: t(`common.group.${entry.group}`), mode });
}
