import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARTICIPATION_MODES, STAKEHOLDER_GROUPS } from '../meeting';
import { ballotOf, OPTION_IDS, pollSpec } from './fixtures';
import { LiveTally } from './liveTally';
import { tallyPoll } from './tally';
import { textKey } from './text';
import { TEXT_DECISIONS, type Choice, type PollKind, type TextDecision } from './types';

const TEXTS = ['Access', 'access ', 'Funding', 'Open data'];
const option = fc.constantFrom(...OPTION_IDS);
const choices: Record<PollKind, fc.Arbitrary<Choice>> = {
	single: option.map((optionId) => ({ kind: 'single', optionId })),
	multiple: fc.uniqueArray(option, { maxLength: 4 }).map((optionIds) => ({ kind: 'multiple', optionIds })),
	ranking: fc.shuffledSubarray(OPTION_IDS).map((ranking) => ({ kind: 'ranking', ranking })),
	consensus: fc
		.constantFrom('support', 'live_with', 'object' as const)
		.map((stance) => ({ kind: 'consensus', stance, reason: null })),
	open_text: fc.constantFrom(...TEXTS).map((text) => ({ kind: 'open_text', text })),
	word_cloud: fc.subarray(TEXTS).map((phrases) => ({ kind: 'word_cloud', phrases }))
};

/** What happens to a poll: a ballot cast (a participant's later one replaces theirs), or a text moderated. */
const stepsOf = (kind: PollKind) =>
	fc.array(
		fc.oneof(
			fc.record({
				cast: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'),
				choice: choices[kind],
				group: fc.option(fc.constantFrom(...STAKEHOLDER_GROUPS), { nil: null }),
				mode: fc.option(fc.constantFrom(...PARTICIPATION_MODES), { nil: null })
			}),
			fc.record({
				moderate: fc.constantFrom(...TEXTS).map(textKey),
				status: fc.constantFrom(...TEXT_DECISIONS)
			})
		),
		{ maxLength: 40 }
	);

describe('LiveTally', () => {
	it.each([...Object.keys(choices)] as PollKind[])(
		'counts a %s poll as tallyPoll counts its last ballots, after any sequence of changes and reads',
		(kind) => {
			const spec = pollSpec(kind);
			fc.assert(
				fc.property(stepsOf(kind), (steps) => {
					const live = new LiveTally(new Map(), new Map());
					const ballots = new Map<string, ReturnType<typeof ballotOf>>();
					const moderation = new Map<string, TextDecision>();
					for (const step of steps) {
						if ('cast' in step) {
							const ballot = ballotOf(step.choice, step.group, step.mode);
							live.cast(step.cast, ballot);
							ballots.set(step.cast, ballot);
						} else {
							live.moderate(step.moderate, step.status);
							moderation.set(step.moderate, step.status);
						}
						// Read after every change: a count kept from before the change must not be served.
						expect(live.results(spec)).toEqual(tallyPoll(spec, [...ballots.values()], moderation));
					}
					expect(live.count).toBe(ballots.size);
				})
			);
		}
	);

	it('counts again for a changed poll', () => {
		const live = new LiveTally(new Map([['p1', ballotOf({ kind: 'single', optionId: 'e' })]]), new Map());
		const before = live.results(pollSpec('single'));
		const options = [...pollSpec('single').options, { id: 'e', label: 'Option E' }];
		const after = live.results(pollSpec('single', { options }));
		expect(before.overall).not.toEqual(after.overall);
	});
});
