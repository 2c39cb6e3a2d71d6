import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAKEHOLDER_GROUPS } from '../meeting';
import { supportHolds } from './consensus';
import { tallyPoll } from './tally';
import type { Choice, CountedBallot, PollSpec, Tally } from './types';

const options = ['a', 'b', 'c', 'd'].map((id) => ({ id, label: id.toUpperCase() }));
const spec = (kind: PollSpec['kind'], extra: Partial<PollSpec> = {}): PollSpec => ({
	kind,
	question: 'Q?',
	options: kind === 'consensus' || kind === 'open_text' || kind === 'word_cloud' ? [] : options,
	maxPicks: null,
	wordLimit: null,
	...extra
});
const ballot = (choice: Choice, group: CountedBallot['group'] = null): CountedBallot => ({
	choice,
	group,
	mode: null
});
const countsOf = (tally: Tally) => {
	if (tally.kind !== 'single' && tally.kind !== 'multiple') throw new Error('not a choice tally');
	return Object.fromEntries(tally.counts.map((c) => [c.optionId, c.count]));
};

const optionId = fc.constantFrom('a', 'b', 'c', 'd');
const group = fc.option(fc.constantFrom(...STAKEHOLDER_GROUPS), { nil: null });
const singleBallots = fc.array(fc.record({ optionId, group }), { maxLength: 60 });
const subsets = fc.uniqueArray(optionId, { minLength: 1, maxLength: 4 });

describe('single and multiple choice', () => {
	it('counts as many votes as ballots (single)', () => {
		fc.assert(
			fc.property(singleBallots, (ballots) => {
				const results = tallyPoll(
					spec('single'),
					ballots.map((b) => ballot({ kind: 'single', optionId: b.optionId }, b.group))
				);
				const total = Object.values(countsOf(results.overall)).reduce((sum, n) => sum + n, 0);
				expect(total).toBe(ballots.length);
				expect(results.ballots).toBe(ballots.length);
			})
		);
	});

	it('moves exactly one count when one ballot changes', () => {
		fc.assert(
			fc.property(
				singleBallots.filter((b) => b.length > 0),
				fc.nat(),
				optionId,
				(ballots, at, to) => {
					const index = at % ballots.length;
					const from = ballots[index].optionId;
					fc.pre(from !== to);
					const before = countsOf(
						tallyPoll(
							spec('single'),
							ballots.map((b) => ballot({ kind: 'single', optionId: b.optionId }))
						).overall
					);
					const changed = ballots.map((b, i) => (i === index ? { ...b, optionId: to } : b));
					const after = countsOf(
						tallyPoll(
							spec('single'),
							changed.map((b) => ballot({ kind: 'single', optionId: b.optionId }))
						).overall
					);
					for (const id of ['a', 'b', 'c', 'd']) {
						const expected = before[id] + (id === to ? 1 : 0) - (id === from ? 1 : 0);
						expect(after[id]).toBe(expected);
					}
				}
			)
		);
	});

	it('counts every pick once (multiple)', () => {
		fc.assert(
			fc.property(fc.array(subsets, { maxLength: 40 }), (picks) => {
				const results = tallyPoll(
					spec('multiple'),
					picks.map((optionIds) => ballot({ kind: 'multiple', optionIds }))
				);
				const total = Object.values(countsOf(results.overall)).reduce((sum, n) => sum + n, 0);
				expect(total).toBe(picks.reduce((sum, p) => sum + p.length, 0));
			})
		);
	});
});

describe('ranking (Borda)', () => {
	const rank = (ranking: string[]) => ballot({ kind: 'ranking', ranking });
	const pointsOf = (tally: Tally) => {
		if (tally.kind !== 'ranking') throw new Error('not a ranking');
		return Object.fromEntries(tally.points.map((p) => [p.optionId, p.points]));
	};
	const firstsOf = (tally: Tally) => {
		if (tally.kind !== 'ranking') throw new Error('not a ranking');
		return Object.fromEntries(tally.firstPreferences.map((p) => [p.optionId, p.count]));
	};

	it('scores a worked example of full rankings', () => {
		// 4 options: places earn 3, 2, 1, 0 points.
		// A B C D -> a3 b2 c1 d0;  B A D C -> b3 a2 d1 c0;  B C A D -> b3 c2 a1 d0
		// a = 3+2+1 = 6, b = 2+3+3 = 8, c = 1+0+2 = 3, d = 0+1+0 = 1
		const tally = tallyPoll(spec('ranking'), [
			rank(['a', 'b', 'c', 'd']),
			rank(['b', 'a', 'd', 'c']),
			rank(['b', 'c', 'a', 'd'])
		]).overall;
		expect(pointsOf(tally)).toEqual({ a: 6, b: 8, c: 3, d: 1 });
		expect(firstsOf(tally)).toEqual({ a: 1, b: 2, c: 0, d: 0 });
	});

	it('gives nothing to unranked options in a partial ranking', () => {
		// C alone -> c3;  D A -> d3 a2;  A -> a3.   a = 2+3 = 5, b = 0, c = 3, d = 3
		const tally = tallyPoll(spec('ranking'), [rank(['c']), rank(['d', 'a']), rank(['a'])]).overall;
		expect(pointsOf(tally)).toEqual({ a: 5, b: 0, c: 3, d: 3 });
		expect(firstsOf(tally)).toEqual({ a: 1, b: 0, c: 1, d: 1 });
	});

	it('awards the points each ballot carries and one first preference per ballot', () => {
		fc.assert(
			fc.property(fc.array(subsets, { maxLength: 40 }), (rankings) => {
				const tally = tallyPoll(spec('ranking'), rankings.map(rank)).overall;
				const points = Object.values(pointsOf(tally)).reduce((sum, n) => sum + n, 0);
				const expected = rankings.reduce((sum, r) => sum + r.reduce((s, _, place) => s + (3 - place), 0), 0);
				expect(points).toBe(expected);
				expect(Object.values(firstsOf(tally)).reduce((sum, n) => sum + n, 0)).toBe(rankings.length);
			})
		);
	});
});

describe('small groups', () => {
	it('withholds a group with fewer than three ballots and shows it from three', () => {
		const vote = (g: CountedBallot['group']) => ballot({ kind: 'single', optionId: 'a' }, g);
		const results = tallyPoll(spec('single'), [
			vote('government'),
			vote('government'),
			vote('academia'),
			vote('academia'),
			vote('academia'),
			vote('civil_society'),
			vote(null)
		]);
		const byGroup = Object.fromEntries(results.byGroup.map((g) => [g.group, g]));
		expect(byGroup.government).toMatchObject({ ballots: 2, suppressed: true, tally: null });
		expect(byGroup.civil_society).toMatchObject({ ballots: 1, suppressed: true, tally: null });
		expect(byGroup.academia).toMatchObject({ ballots: 3, suppressed: false });
		expect(countsOf(byGroup.academia.tally!)).toMatchObject({ a: 3 });
		expect(byGroup.unspecified).toMatchObject({ ballots: 1, suppressed: true });
		expect(byGroup.private_sector).toBeUndefined();
		expect(countsOf(results.overall).a).toBe(7);
	});

	it('never shows a group tally built from fewer than three ballots', () => {
		fc.assert(
			fc.property(singleBallots, (ballots) => {
				const results = tallyPoll(
					spec('single'),
					ballots.map((b) => ballot({ kind: 'single', optionId: b.optionId }, b.group))
				);
				for (const g of [...results.byGroup, ...results.byMode]) {
					expect(g.tally === null).toBe(g.ballots < 3);
				}
				expect(results.byGroup.reduce((sum, g) => sum + g.ballots, 0)).toBe(ballots.length);
			})
		);
	});
});

describe('consensus check', () => {
	const stance = (s: 'support' | 'live_with' | 'object', g: CountedBallot['group']) =>
		ballot({ kind: 'consensus', stance: s, reason: null }, g);

	it('holds at two thirds support or can-live-with, and not below', () => {
		expect(supportHolds({ support: 1, live_with: 1, object: 1 })).toBe(true);
		expect(supportHolds({ support: 1, live_with: 0, object: 1 })).toBe(false);
		expect(supportHolds({ support: 0, live_with: 0, object: 0 })).toBe(false);
		expect(supportHolds({ support: 0, live_with: 5, object: 2 })).toBe(true);
	});

	it('says whether support holds in every group shown', () => {
		const holding = tallyPoll(spec('consensus'), [
			stance('support', 'government'),
			stance('live_with', 'government'),
			stance('object', 'government'),
			stance('support', 'civil_society'),
			stance('support', 'civil_society'),
			stance('support', 'civil_society'),
			stance('object', 'academia')
		]);
		expect(holding.consensus).toMatchObject({ holdsEverywhere: true });
		expect(holding.consensus?.groups.map((g) => g.group)).toEqual(['government', 'civil_society']);
		const failing = tallyPoll(spec('consensus'), [
			stance('object', 'private_sector'),
			stance('object', 'private_sector'),
			stance('support', 'private_sector')
		]);
		expect(failing.consensus).toMatchObject({
			holdsEverywhere: false,
			groups: [{ group: 'private_sector', holds: false }]
		});
		expect(failing.overall).toEqual({ kind: 'consensus', counts: { support: 1, live_with: 0, object: 2 } });
	});

	it('is null for other kinds', () => {
		expect(tallyPoll(spec('single'), []).consensus).toBeNull();
	});
});

describe('open text and word cloud', () => {
	it('merges normalised phrases and shows only approved ones', () => {
		const results = tallyPoll(
			spec('word_cloud'),
			[
				ballot({ kind: 'word_cloud', phrases: ['  Digital   Divide ', 'trust'] }),
				ballot({ kind: 'word_cloud', phrases: ['digital divide'] }),
				ballot({ kind: 'word_cloud', phrases: ['spam'] })
			],
			new Map([
				['digital divide', 'approved'],
				['spam', 'hidden']
			])
		);
		expect(results.overall).toEqual({
			kind: 'word_cloud',
			entries: [{ key: 'digital divide', text: 'Digital Divide', count: 2 }],
			pending: 1
		});
	});

	it('keeps open text hidden until approved', () => {
		const results = tallyPoll(spec('open_text'), [ballot({ kind: 'open_text', text: 'Industrial IoT' })]);
		expect(results.overall).toEqual({ kind: 'open_text', entries: [], pending: 1 });
	});
});
