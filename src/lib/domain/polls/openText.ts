import { tallyTexts, type Moderation } from './texts';
import type { Tally } from './types';

export function tallyOpenText(choices: { text: string }[], moderation: Moderation): Tally {
	return {
		kind: 'open_text',
		...tallyTexts(
			choices.map((choice) => choice.text),
			moderation
		)
	};
}
