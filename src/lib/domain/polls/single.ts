import type { PollSpec, Tally } from './types';

type SingleChoice = { optionId: string };

export function tallySingle(spec: PollSpec, choices: SingleChoice[]): Tally {
	const counts = new Map(spec.options.map((option) => [option.id, 0]));
	for (const { optionId } of choices) {
		const count = counts.get(optionId);
		if (count !== undefined) counts.set(optionId, count + 1);
	}
	return { kind: 'single', counts: [...counts].map(([optionId, count]) => ({ optionId, count })) };
}
