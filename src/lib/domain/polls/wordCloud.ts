import { tallyTextEntries, type Moderation } from './textEntries';
import type { Choice, PollSpec, TextEntry } from './types';

type WordCloudChoice = Extract<Choice, { kind: 'word_cloud' }>;

/** Every phrase counts once, however many a ballot holds; the room sees only approved phrases. */
export function tallyWordCloud(
	spec: PollSpec,
	choices: WordCloudChoice[],
	moderation: Moderation
): { kind: 'word_cloud'; entries: TextEntry[]; pending: number } {
	const phrases = choices.flatMap((choice) => choice.phrases);
	return { kind: 'word_cloud', ...tallyTextEntries(phrases, moderation) };
}
