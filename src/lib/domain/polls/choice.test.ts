import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkChoice } from './choice';
import { POLL_KINDS, type PollSpec } from './types';

const options = ['a', 'b', 'c'].map((id) => ({ id, label: id }));
const specs: Record<PollSpec['kind'], PollSpec> = {
	single: { kind: 'single', question: 'Q', options, maxPicks: null, wordLimit: null },
	multiple: { kind: 'multiple', question: 'Q', options, maxPicks: 2, wordLimit: null },
	ranking: { kind: 'ranking', question: 'Q', options, maxPicks: null, wordLimit: null },
	consensus: { kind: 'consensus', question: 'Q', options: [], maxPicks: null, wordLimit: null },
	open_text: { kind: 'open_text', question: 'Q', options: [], maxPicks: null, wordLimit: 100 },
	word_cloud: { kind: 'word_cloud', question: 'Q', options: [], maxPicks: null, wordLimit: null }
};

const accepted = (kind: PollSpec['kind'], raw: unknown) => {
	const result = checkChoice(specs[kind], raw);
	if (!result.ok) throw new Error(result.error);
	return result.choice;
};
const refusal = (kind: PollSpec['kind'], raw: unknown) => {
	const result = checkChoice(specs[kind], raw);
	if (result.ok) throw new Error(`accepted ${JSON.stringify(raw)}`);
	return result.error;
};

describe('checking ballots', () => {
	it('accepts a valid ballot of every kind', () => {
		expect(accepted('single', { optionId: 'b' })).toEqual({ kind: 'single', optionId: 'b' });
		expect(accepted('multiple', { optionIds: ['a', 'c'] })).toEqual({
			kind: 'multiple',
			optionIds: ['a', 'c']
		});
		expect(accepted('ranking', { ranking: ['c', 'a'] })).toEqual({ kind: 'ranking', ranking: ['c', 'a'] });
		expect(accepted('consensus', { stance: 'object', reason: '  Too   early ' })).toEqual({
			kind: 'consensus',
			stance: 'object',
			reason: 'Too early'
		});
		expect(accepted('open_text', { text: ' Smart  meters ' })).toEqual({
			kind: 'open_text',
			text: 'Smart meters'
		});
		expect(accepted('word_cloud', { phrases: ['Trust', ' trust ', 'open access'] })).toEqual({
			kind: 'word_cloud',
			phrases: ['Trust', 'open access']
		});
	});

	it('drops a reason given with support', () => {
		expect(accepted('consensus', { stance: 'support', reason: 'because' })).toMatchObject({ reason: null });
	});

	it('refuses ballots that do not fit the poll, with a sentence', () => {
		expect(refusal('single', { optionId: 'z' })).toMatch(/not part of this poll/);
		expect(refusal('multiple', { optionIds: ['a', 'b', 'c'] })).toBe('Pick at most 2 options.');
		expect(refusal('multiple', { optionIds: [] })).toMatch(/at least one/);
		expect(refusal('multiple', { optionIds: ['a', 'a'] })).toMatch(/once/);
		expect(refusal('ranking', { ranking: ['a', 'a'] })).toMatch(/once/);
		expect(refusal('consensus', { stance: 'maybe' })).toMatch(/support/);
		expect(refusal('consensus', { stance: 'object', reason: 'x'.repeat(141) })).toMatch(/140/);
		expect(refusal('open_text', { text: 'word '.repeat(130) })).toBe(
			'Keep it to 100 words or less (you wrote 130).'
		);
		expect(refusal('open_text', { text: '   ' })).toMatch(/Write/);
		expect(refusal('word_cloud', { phrases: ['one two three four five'] })).toMatch(/four words/);
		expect(refusal('word_cloud', { phrases: ['a', 'b', 'c', 'd'] })).toMatch(/one to three/);
		expect(refusal('single', { kind: 'multiple', optionId: 'a' })).toMatch(/another kind/);
		expect(refusal('single', null)).toMatch(/empty/);
		expect(refusal('single', { optionId: 'a'.repeat(20_000) })).toBeTruthy();
	});

	it('never throws, whatever a phone sends', () => {
		for (const kind of POLL_KINDS) {
			fc.assert(
				fc.property(fc.anything(), (raw) => {
					const result = checkChoice(specs[kind], raw);
					expect(typeof result.ok).toBe('boolean');
				}),
				{ numRuns: 300 }
			);
			fc.assert(
				fc.property(
					fc.dictionary(
						fc.constantFrom(
							'optionId',
							'optionIds',
							'ranking',
							'stance',
							'reason',
							'text',
							'phrases',
							'kind',
							'__proto__'
						),
						fc.oneof(
							fc.string({ unit: 'grapheme' }),
							fc.array(fc.string({ unit: 'binary' })),
							fc.integer(),
							fc.constant(null)
						)
					),
					(raw) => {
						const result = checkChoice(specs[kind], raw);
						if (result.ok) expect(result.choice.kind).toBe(kind);
					}
				),
				{ numRuns: 300 }
			);
		}
	});
});
