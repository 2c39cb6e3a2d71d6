import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkChoice } from './choice';
import { pollSpec } from './fixtures';
import { POLL_KINDS, type PollKind, type PollSpec } from './types';

const specs: Record<PollKind, PollSpec> = {
	single: pollSpec('single'),
	multiple: pollSpec('multiple', { maxPicks: 2 }),
	ranking: pollSpec('ranking'),
	consensus: pollSpec('consensus'),
	open_text: pollSpec('open_text', { wordLimit: 100 }),
	word_cloud: pollSpec('word_cloud')
};

const accepted = (kind: PollKind, raw: unknown, spec = specs[kind]) => {
	const result = checkChoice(spec, raw);
	if (!result.ok) throw new Error(`refused ${JSON.stringify(raw)}: ${result.error}`);
	return result.choice;
};
const refusal = (kind: PollKind, raw: unknown, spec = specs[kind]) => {
	const result = checkChoice(spec, raw);
	if (result.ok) throw new Error(`accepted ${JSON.stringify(raw)}`);
	return result.error;
};

describe('checking a single-choice ballot', () => {
	it('accepts one of the options', () => {
		expect(accepted('single', { optionId: 'b' })).toEqual({ kind: 'single', optionId: 'b' });
	});

	it('refuses an option the poll does not have, or none', () => {
		expect(refusal('single', { optionId: 'z' })).toBe('That option is not part of this poll.');
		expect(refusal('single', { optionId: 'B' })).toBe('That option is not part of this poll.');
		expect(refusal('single', {})).toBe('Pick one option.');
		expect(refusal('single', { optionId: 3 })).toBe('Pick one option.');
	});
});

describe('checking a multiple-choice ballot', () => {
	it('accepts distinct options up to the limit', () => {
		expect(accepted('multiple', { optionIds: ['a', 'c'] })).toEqual({
			kind: 'multiple',
			optionIds: ['a', 'c']
		});
		const unlimited = pollSpec('multiple', { maxPicks: null });
		expect(accepted('multiple', { optionIds: ['d', 'c', 'b', 'a'] }, unlimited)).toMatchObject({
			optionIds: ['d', 'c', 'b', 'a']
		});
	});

	it('refuses too many, none, repeated or unknown picks', () => {
		expect(refusal('multiple', { optionIds: ['a', 'b', 'c'] })).toBe('Pick at most 2 options.');
		expect(refusal('multiple', { optionIds: ['a', 'b'] }, pollSpec('multiple', { maxPicks: 1 }))).toBe(
			'Pick at most 1 option.'
		);
		expect(refusal('multiple', { optionIds: [] })).toBe('Pick at least one option.');
		expect(refusal('multiple', { optionIds: ['a', 'a'] })).toBe('Each option can be picked only once.');
		expect(refusal('multiple', { optionIds: ['a', 'x'] })).toBe('That option is not part of this poll.');
		expect(refusal('multiple', { optionIds: 'a' })).toBe('Pick at least one option.');
	});
});

describe('checking a ranking', () => {
	it('accepts a full or partial order of distinct options', () => {
		expect(accepted('ranking', { ranking: ['c', 'a'] })).toEqual({ kind: 'ranking', ranking: ['c', 'a'] });
		expect(accepted('ranking', { ranking: ['d', 'c', 'b', 'a'] })).toMatchObject({
			ranking: ['d', 'c', 'b', 'a']
		});
	});

	it('refuses an empty ranking, a repeated option or an unknown one', () => {
		expect(refusal('ranking', { ranking: [] })).toBe('Rank at least one option.');
		expect(refusal('ranking', { ranking: ['a', 'b', 'a'] })).toBe('Each option can be ranked only once.');
		expect(refusal('ranking', { ranking: ['a', 'e'] })).toBe('That option is not part of this poll.');
	});
});

describe('checking a consensus ballot', () => {
	it('keeps a normalised reason with an objection', () => {
		expect(accepted('consensus', { stance: 'object', reason: '  Too   early ' })).toEqual({
			kind: 'consensus',
			stance: 'object',
			reason: 'Too early'
		});
		expect(accepted('consensus', { stance: 'object', reason: '   ' })).toMatchObject({ reason: null });
		expect(accepted('consensus', { stance: 'object' })).toMatchObject({ reason: null });
	});

	it('drops a reason given with support or can-live-with', () => {
		expect(accepted('consensus', { stance: 'support', reason: 'because' })).toEqual({
			kind: 'consensus',
			stance: 'support',
			reason: null
		});
		expect(accepted('consensus', { stance: 'live_with', reason: 'x'.repeat(500) })).toMatchObject({
			reason: null
		});
	});

	it('refuses an unknown stance and an over-long reason', () => {
		expect(refusal('consensus', { stance: 'maybe' })).toBe('Choose support, can live with it, or object.');
		expect(refusal('consensus', { stance: 'object', reason: 'x'.repeat(141) })).toBe(
			'Keep the reason to 140 characters or less (you wrote 141).'
		);
		expect(accepted('consensus', { stance: 'object', reason: 'x'.repeat(140) })).toBeTruthy();
	});
});

describe('checking an open-text answer', () => {
	it('keeps the normalised text', () => {
		expect(accepted('open_text', { text: ' Smart \n meters ' })).toEqual({
			kind: 'open_text',
			text: 'Smart meters'
		});
		expect(accepted('open_text', { text: 'word '.repeat(100) })).toBeTruthy();
	});

	it('refuses an empty answer, one over the word limit, or over 2,000 characters', () => {
		expect(refusal('open_text', { text: ' \t ' })).toBe('Write your answer.');
		expect(refusal('open_text', { text: 'word '.repeat(130) })).toBe(
			'Keep it to 100 words or less (you wrote 130).'
		);
		const unlimited = pollSpec('open_text', { wordLimit: null });
		expect(accepted('open_text', { text: 'word '.repeat(300) }, unlimited)).toBeTruthy();
		expect(refusal('open_text', { text: 'x'.repeat(2001) }, unlimited)).toBe(
			'Keep it to 2,000 characters or less (you wrote 2,001).'
		);
	});
});

describe('checking word-cloud phrases', () => {
	it('keeps one to three phrases, the same phrase once', () => {
		expect(accepted('word_cloud', { phrases: ['Trust', ' trust ', 'open  access'] })).toEqual({
			kind: 'word_cloud',
			phrases: ['Trust', 'open access']
		});
	});

	it('refuses too many, empty, long or wordy phrases', () => {
		expect(refusal('word_cloud', { phrases: [] })).toBe('Write one to three short phrases.');
		expect(refusal('word_cloud', { phrases: ['a', 'b', 'c', 'd'] })).toBe(
			'Write one to three short phrases.'
		);
		expect(refusal('word_cloud', { phrases: ['trust', ' '] })).toBe('Leave out empty phrases.');
		expect(refusal('word_cloud', { phrases: ['x'.repeat(41)] })).toBe(
			'Keep each phrase to 40 characters or less (one has 41).'
		);
		expect(refusal('word_cloud', { phrases: ['one two three four five'] })).toBe(
			'Keep each phrase to 4 words or less (one has 5).'
		);
	});
});

describe('checking any ballot', () => {
	it('takes the kind from the poll: a matching kind passes, another is refused', () => {
		expect(accepted('single', { kind: 'single', optionId: 'a' })).toEqual({ kind: 'single', optionId: 'a' });
		expect(refusal('single', { kind: 'multiple', optionId: 'a' })).toBe(
			'This ballot is for another kind of poll.'
		);
		expect(refusal('word_cloud', { kind: null, phrases: ['x'] })).toBe(
			'This ballot is for another kind of poll.'
		);
	});

	it('drops keys it does not know, including prototype tricks', () => {
		const raw = JSON.parse('{"optionId":"a","__proto__":{"admin":true},"constructor":{"x":1},"extra":1}');
		const choice = accepted('single', raw);
		expect(choice).toEqual({ kind: 'single', optionId: 'a' });
		expect(Object.keys(choice)).toEqual(['kind', 'optionId']);
		expect(({} as Record<string, unknown>).admin).toBeUndefined();
	});

	it('refuses what is not a ballot at all', () => {
		for (const raw of [null, undefined, 42, 'a', ['a'], true]) {
			expect(refusal('single', raw)).toBe('This ballot could not be read. Please vote again.');
		}
	});

	it('refuses huge strings and lists on their length, quickly', () => {
		const huge = 'a '.repeat(500_000);
		const started = performance.now();
		expect(refusal('open_text', { text: huge })).toBe('That is far too long for a ballot.');
		expect(refusal('consensus', { stance: 'object', reason: huge })).toBe(
			'That is far too long for a ballot.'
		);
		expect(refusal('multiple', { optionIds: Array.from({ length: 100_000 }, () => 'a') })).toBe(
			'That is far too long for a ballot.'
		);
		expect(performance.now() - started).toBeLessThan(500);
	});

	it('never throws, whatever a phone sends', () => {
		const fieldNames = fc.constantFrom(
			'kind',
			'optionId',
			'optionIds',
			'ranking',
			'stance',
			'reason',
			'text',
			'phrases',
			'__proto__',
			'constructor'
		);
		const strings = fc.oneof(
			fc.string({ unit: 'grapheme' }),
			fc.string({ unit: 'binary' }),
			fc.constantFrom(...POLL_KINDS, 'a', 'b', 'support', 'object', '__proto__')
		);
		const fieldValues = fc.oneof(strings, fc.array(strings, { maxLength: 5 }), fc.anything());
		const rawBallots = fc.oneof(
			fc.anything(),
			fc.dictionary(fieldNames, fieldValues),
			fc.dictionary(fc.string(), fc.string())
		);
		for (const kind of POLL_KINDS) {
			fc.assert(
				fc.property(rawBallots, (raw) => {
					const result = checkChoice(specs[kind], raw);
					if (result.ok) expect(result.choice.kind).toBe(kind);
					else expect(result.error).toMatch(/^[A-Z].*\.$/);
				}),
				{ numRuns: 500 }
			);
		}
	});
});
