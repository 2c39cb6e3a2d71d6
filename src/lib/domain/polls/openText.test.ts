import { describe, expect, it } from 'vitest';
import { pollSpec } from './fixtures';
import { tallyOpenText } from './openText';

const answer = (text: string) => ({ kind: 'open_text' as const, text });
const spec = pollSpec('open_text', { wordLimit: 100 });

describe('open text', () => {
	const answers = [
		answer('  Digital   Divide '),
		answer('digital divide'),
		answer('Smart meters'),
		answer('Buy followers now'),
		answer('Industrial IoT')
	];

	it('merges the same answer however it was typed, shown as first written', () => {
		const tally = tallyOpenText(spec, answers, new Map([['digital divide', 'approved']]));
		expect(tally).toEqual({
			kind: 'open_text',
			entries: [{ key: 'digital divide', text: 'Digital Divide', count: 2 }],
			pending: 3
		});
	});

	it('shows nothing before a moderator approves, and never what was hidden', () => {
		expect(tallyOpenText(spec, answers, new Map())).toMatchObject({ entries: [], pending: 4 });
		const tally = tallyOpenText(
			spec,
			answers,
			new Map([
				['buy followers now', 'hidden'],
				['smart meters', 'approved']
			])
		);
		expect(tally).toMatchObject({ entries: [{ key: 'smart meters', count: 1 }], pending: 2 });
	});
});
