import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/** zxcvbn's scale: 3 is "safely unguessable" against an online attack, what a sign-in page faces. */
const LEAST_SCORE = 3;

/** How long the estimator is kept after its last use: a few passwords set in a row share it. */
const KEPT_MS = 60_000;

let estimator: ZxcvbnFactory | null = null;
let release: ReturnType<typeof setTimeout> | undefined;

/**
 * Built on use and let go a minute after: its ranked dictionaries (common passwords, English
 * words and names) hold about 12 MB that a running session has no use for.
 */
function strengthEstimator(): ZxcvbnFactory {
	estimator ??= new ZxcvbnFactory({
		translations: english.translations,
		graphs: common.adjacencyGraphs,
		dictionary: { ...common.dictionary, ...english.dictionary }
	});
	clearTimeout(release);
	release = setTimeout(() => (estimator = null), KEPT_MS).unref();
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
