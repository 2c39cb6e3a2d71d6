import type { Choice, OptionCount, PollSpec } from './types';

type MultipleChoice = Extract<Choice, { kind: 'multiple' }>;

/**
 * Approval counting: each pick is one count for its option, in the spec's option order. Picks
 * are distinct because checkChoice made them so.
 */
export function tallyMultiple(
	spec: PollSpec,
	choices: MultipleChoice[]
): { kind: 'multiple'; counts: OptionCount[] } {
	const counts = new Map(spec.options.map((option) => [option.id, 0]));
	for (const { optionIds } of choices) {
		for (const optionId of optionIds) {
			const count = counts.get(optionId);
			if (count !== undefined) counts.set(optionId, count + 1);
		}
	}
	return { kind: 'multiple', counts: [...counts].map(([optionId, count]) => ({ optionId, count })) };
}
