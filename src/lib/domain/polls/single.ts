import type { Choice, OptionCount, PollSpec } from './types';

type SingleChoice = Extract<Choice, { kind: 'single' }>;

/** One count per ballot, in the spec's option order; an id the poll does not have counts nowhere. */
export function tallySingle(
	spec: PollSpec,
	choices: SingleChoice[]
): { kind: 'single'; counts: OptionCount[] } {
	const counts = new Map(spec.options.map((option) => [option.id, 0]));
	for (const { optionId } of choices) {
		const count = counts.get(optionId);
		if (count !== undefined) counts.set(optionId, count + 1);
	}
	return { kind: 'single', counts: [...counts].map(([optionId, count]) => ({ optionId, count })) };
}
