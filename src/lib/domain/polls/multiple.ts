import type { PollSpec, Tally } from './types';

type MultipleChoice = { optionIds: string[] };

/** Approval counting: each pick is one count for that option. */
export function tallyMultiple(spec: PollSpec, choices: MultipleChoice[]): Tally {
	const counts = new Map(spec.options.map((option) => [option.id, 0]));
	for (const { optionIds } of choices) {
		for (const optionId of new Set(optionIds)) {
			const count = counts.get(optionId);
			if (count !== undefined) counts.set(optionId, count + 1);
		}
	}
	return { kind: 'multiple', counts: [...counts].map(([optionId, count]) => ({ optionId, count })) };
}
