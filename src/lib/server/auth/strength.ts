import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/** zxcvbn's scale: 3 is "safely unguessable" against an online attack, what a sign-in page faces. */
const LEAST_SCORE = 3;

let estimator: ZxcvbnFactory | null = null;

/** Built on first use: the dictionaries (common passwords, English words and names) are large. */
function strengthEstimator(): ZxcvbnFactory {
	estimator ??= new ZxcvbnFactory({
		translations: english.translations,
		graphs: common.adjacencyGraphs,
		dictionary: { ...common.dictionary, ...english.dictionary }
	});
	return estimator;
}

/**
 * Why a new password would be easy to guess, or null when it is good enough. `words` are what an
 * attacker knows of this place (the username, meeting codes and titles): a password built on
 * them counts as weak.
 */
export function passwordWeakness(password: string, words: string[]): string | null {
	const { score, feedback } = strengthEstimator().check(password, words);
	if (score >= LEAST_SCORE) return null;
	const why = feedback.warning ?? 'It is close to passwords that are tried first.';
	const advice = feedback.suggestions[0] ?? 'Use a few uncommon words together.';
	return `This password is easy to guess. ${why} ${advice}`;
}
