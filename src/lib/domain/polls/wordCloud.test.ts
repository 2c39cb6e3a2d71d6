import { describe, expect, it } from 'vitest';
import { pollSpec } from './fixtures';
import { tallyWordCloud } from './wordCloud';

const phrases = (...list: string[]) => ({ kind: 'word_cloud' as const, phrases: list });
const spec = pollSpec('word_cloud');

describe('word cloud', () => {
	const ballots = [
		phrases('  Digital   Divide ', 'trust'),
		phrases('digital divide', 'spam'),
		phrases('Open access', 'TRUST'),
		phrases('digital DIVIDE', 'open access', 'spam')
	];

	it('counts each phrase across ballots under one key', () => {
		const everything = new Map([
			['digital divide', 'approved'],
			['trust', 'approved'],
			['open access', 'approved']
		] as const);
		expect(tallyWordCloud(spec, ballots, everything).entries).toEqual([
			{ key: 'digital divide', text: 'Digital Divide', count: 3 },
			// trust and open access tie at 2: they keep the order they were first written in.
			{ key: 'trust', text: 'trust', count: 2 },
			{ key: 'open access', text: 'Open access', count: 2 }
		]);
	});

	it('counts distinct undecided phrases as pending, and hidden ones not at all', () => {
		const tally = tallyWordCloud(
			spec,
			ballots,
			new Map([
				['spam', 'hidden'],
				['trust', 'approved']
			])
		);
		expect(tally.entries.map((e) => e.key)).toEqual(['trust']);
		// digital divide and open access, however many ballots hold them.
		expect(tally).toMatchObject({ kind: 'word_cloud', pending: 2 });
	});
});
