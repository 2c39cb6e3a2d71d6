import { tallyTexts, type Moderation } from './texts';
import type { Tally } from './types';

export function tallyWordCloud(choices: { phrases: string[] }[], moderation: Moderation): Tally {
	return {
		kind: 'word_cloud',
		...tallyTexts(
			choices.flatMap((choice) => choice.phrases),
			moderation
		)
	};
}
