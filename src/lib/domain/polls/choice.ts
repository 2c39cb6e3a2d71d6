import { z } from 'zod';
import { countWords, normaliseText, textKey } from './text';
import { CONSENSUS_STANCES, type Choice, type ChoiceCheck, type PollSpec } from './types';

/** Any string longer than this is refused before it is looked at. */
const MAX_RAW_STRING = 10_000;
const rawString = z.string().max(MAX_RAW_STRING, 'That text is far too long.');
const optionIdList = z.array(rawString).max(100, 'Too many options.');

const shapes = {
	single: z.object({ optionId: rawString }),
	multiple: z.object({ optionIds: optionIdList }),
	ranking: z.object({ ranking: optionIdList }),
	consensus: z.object({ stance: z.enum(CONSENSUS_STANCES), reason: rawString.nullish() }),
	open_text: z.object({ text: rawString }),
	word_cloud: z.object({ phrases: z.array(rawString).max(10, 'Up to three phrases.') })
};

const refuse = (error: string): ChoiceCheck => ({ ok: false, error });
const accept = (choice: Choice): ChoiceCheck => ({ ok: true, choice });

/**
 * Checks an untrusted ballot from a phone against its poll and returns the normalised choice,
 * or a sentence the voter can act on. Never throws.
 */
export function checkChoice(spec: PollSpec, raw: unknown): ChoiceCheck {
	try {
		if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse('The ballot is empty.');
		if ('kind' in raw && (raw as { kind: unknown }).kind !== spec.kind)
			return refuse('This ballot is for another kind of poll.');
		return checkShape(spec, raw);
	} catch {
		return refuse('The ballot could not be read.');
	}
}

function checkShape(spec: PollSpec, raw: object): ChoiceCheck {
	const known = new Set(spec.options.map((option) => option.id));
	const unknownOption = (ids: string[]) => ids.some((id) => !known.has(id));
	switch (spec.kind) {
		case 'single': {
			const parsed = shapes.single.safeParse(raw);
			if (!parsed.success) return refuse('Pick one option.');
			if (!known.has(parsed.data.optionId)) return refuse('That option is not part of this poll.');
			return accept({ kind: 'single', optionId: parsed.data.optionId });
		}
		case 'multiple': {
			const parsed = shapes.multiple.safeParse(raw);
			if (!parsed.success) return refuse('Pick at least one option.');
			const ids = parsed.data.optionIds;
			if (ids.length === 0) return refuse('Pick at least one option.');
			if (new Set(ids).size !== ids.length) return refuse('Each option can be picked once.');
			if (unknownOption(ids)) return refuse('That option is not part of this poll.');
			if (spec.maxPicks !== null && ids.length > spec.maxPicks)
				return refuse(`Pick at most ${spec.maxPicks} options.`);
			return accept({ kind: 'multiple', optionIds: ids });
		}
		case 'ranking': {
			const parsed = shapes.ranking.safeParse(raw);
			if (!parsed.success || parsed.data.ranking.length === 0) return refuse('Rank at least one option.');
			const ids = parsed.data.ranking;
			if (new Set(ids).size !== ids.length) return refuse('Each option can be ranked once.');
			if (unknownOption(ids)) return refuse('That option is not part of this poll.');
			return accept({ kind: 'ranking', ranking: ids });
		}
		case 'consensus': {
			const parsed = shapes.consensus.safeParse(raw);
			if (!parsed.success) return refuse('Choose support, can live with it, or object.');
			const reason = parsed.data.stance === 'object' ? normaliseText(parsed.data.reason ?? '') : '';
			if (reason.length > 140) return refuse('Keep the reason to one line (140 characters).');
			return accept({ kind: 'consensus', stance: parsed.data.stance, reason: reason || null });
		}
		case 'open_text': {
			const parsed = shapes.open_text.safeParse(raw);
			if (!parsed.success) return refuse('Write your answer.');
			const text = normaliseText(parsed.data.text);
			if (!text) return refuse('Write your answer.');
			if (text.length > 2000) return refuse('Keep it under 2,000 characters.');
			const words = countWords(text);
			if (spec.wordLimit !== null && words > spec.wordLimit) {
				return refuse(`Keep it to ${spec.wordLimit} words or less (you wrote ${words}).`);
			}
			return accept({ kind: 'open_text', text });
		}
		case 'word_cloud': {
			const parsed = shapes.word_cloud.safeParse(raw);
			if (!parsed.success) return refuse('Write one to three short phrases.');
			const phrases: string[] = [];
			const keys = new Set<string>();
			for (const phrase of parsed.data.phrases.map(normaliseText).filter(Boolean)) {
				if (phrase.length > 40 || countWords(phrase) > 4)
					return refuse('Keep each phrase to four words (40 characters).');
				if (keys.has(textKey(phrase))) continue;
				keys.add(textKey(phrase));
				phrases.push(phrase);
			}
			if (phrases.length === 0 || phrases.length > 3) return refuse('Write one to three short phrases.');
			return accept({ kind: 'word_cloud', phrases });
		}
	}
}
