import { tallyTextEntries, type Moderation } from './textEntries';
import type { Choice, PollSpec, TextEntry } from './types';

type OpenTextChoice = Extract<Choice, { kind: 'open_text' }>;

/** Identical answers merge; the room sees only those a moderator approved. */
export function tallyOpenText(
	spec: PollSpec,
	choices: OpenTextChoice[],
	moderation: Moderation
): { kind: 'open_text'; entries: TextEntry[]; pending: number } {
	const texts = choices.map((choice) => choice.text);
	return { kind: 'open_text', ...tallyTextEntries(texts, moderation) };
}
