import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARTICIPATION_MODES, STAKEHOLDER_GROUPS } from '../meeting';
import { ballotOf, countsById, OPTION_IDS, pollSpec, sum } from './fixtures';
import { tallyPoll } from './tally';
import type { ConsensusStance, CountedBallot, GroupResult, Tally } from './types';

const single = (optionId: string, group: CountedBallot['group'] = null, mode: CountedBallot['mode'] = null) =>
	ballotOf({ kind: 'single', optionId }, group, mode);
const stance = (s: ConsensusStance, group: CountedBallot['group']) =>
	ballotOf({ kind: 'consensus', stance: s, reason: null }, group);
const countsOf = (tally: Tally | null) => {
	if (tally?.kind !== 'single') throw new Error(`expected a single-choice tally, got ${tally?.kind}`);
	return countsById(tally.counts);
};
/** n ballots for option a from one stakeholder group. */
const votes = (n: number, group: CountedBallot['group']) =>
	Array.from({ length: n }, () => single('a', group));
/** Each group of a breakdown as [group, ballots, withheld]. */
const shape = (breakdown: GroupResult<string>[]) => breakdown.map((g) => [g.group, g.ballots, g.suppressed]);

describe('results by stakeholder group and participation mode', () => {
	const results = tallyPoll(pollSpec('single'), [
		single('a', 'government', 'in_room'),
		single('b', 'government', 'in_room'),
		single('a', 'academia', 'remote'),
		single('a', 'academia', 'remote'),
		single('c', 'academia', 'in_room'),
		single('a', 'civil_society', null),
		single('b', null, 'remote')
	]);

	it('withholds a group of one or two ballots and shows a group of three', () => {
		expect(results.byGroup).toEqual([
			{ group: 'government', ballots: 2, suppressed: true, tally: null },
			{ group: 'civil_society', ballots: 1, suppressed: true, tally: null },
			{ group: 'academia', ballots: 3, suppressed: false, tally: expect.anything() },
			{ group: 'unspecified', ballots: 1, suppressed: true, tally: null }
		]);
		expect(countsOf(results.byGroup[2].tally)).toEqual({ a: 2, b: 0, c: 1, d: 0 });
	});

	it('breaks down by in the room and remote the same way, withholding a second group to protect a lone small one', () => {
		// Remote shown would give away the one unspecified ballot as overall minus the two modes.
		expect(shape(results.byMode)).toEqual([
			['in_room', 3, false],
			['remote', 3, true],
			['unspecified', 1, true]
		]);
		expect(countsOf(results.byMode[0].tally)).toEqual({ a: 1, b: 1, c: 1, d: 0 });
		expect(results.byMode[1].tally).toBeNull();
	});

	it('still counts every ballot overall', () => {
		expect(results.ballots).toBe(7);
		expect(countsOf(results.overall)).toEqual({ a: 4, b: 2, c: 1, d: 0 });
	});

	it('lists only groups with ballots, in the fixed order, and never lets a small group be inferred', () => {
		const ballots = fc.array(
			fc.record({
				optionId: fc.constantFrom(...OPTION_IDS),
				group: fc.option(fc.constantFrom(...STAKEHOLDER_GROUPS), { nil: null }),
				mode: fc.option(fc.constantFrom(...PARTICIPATION_MODES), { nil: null })
			}),
			{ maxLength: 60 }
		);
		fc.assert(
			fc.property(ballots, (drawn) => {
				const r = tallyPoll(
					pollSpec('single'),
					drawn.map((b) => single(b.optionId, b.group, b.mode))
				);
				const groupOrder: string[] = [...STAKEHOLDER_GROUPS, 'unspecified'];
				const modeOrder: string[] = [...PARTICIPATION_MODES, 'unspecified'];
				for (const [breakdown, order] of [
					[r.byGroup, groupOrder],
					[r.byMode, modeOrder]
				] as const) {
					expect(sum(breakdown.map((g) => g.ballots))).toBe(drawn.length);
					const positions = breakdown.map((g) => order.indexOf(g.group));
					expect(positions).toEqual([...positions].sort((x, y) => x - y));
					for (const g of breakdown) {
						expect(g.ballots).toBeGreaterThan(0);
						if (g.ballots < 3) expect(g.suppressed).toBe(true);
						expect(g.tally === null).toBe(g.suppressed);
					}
					const withheld = breakdown.filter((g) => g.suppressed);
					if (withheld.length > 0 && withheld.length < breakdown.length) {
						expect(withheld.length).toBeGreaterThanOrEqual(2);
						expect(sum(withheld.map((g) => g.ballots))).toBeGreaterThanOrEqual(3);
					}
					if (breakdown.every((g) => g.ballots >= 3)) expect(withheld).toEqual([]);
				}
			})
		);
	});

	it('skips ballots of another kind than the poll', () => {
		const r = tallyPoll(pollSpec('single'), [
			single('a', 'academia'),
			ballotOf({ kind: 'multiple', optionIds: ['a', 'b'] }, 'academia'),
			ballotOf({ kind: 'open_text', text: 'a' }, 'academia')
		]);
		expect(r.ballots).toBe(1);
		expect(r.byGroup).toEqual([{ group: 'academia', ballots: 1, suppressed: true, tally: null }]);
		expect(countsOf(r.overall)).toEqual({ a: 1, b: 0, c: 0, d: 0 });
	});

	it('never breaks free text down: a rare phrase beside a small group could name its writer', () => {
		const phrase = (text: string) => ballotOf({ kind: 'word_cloud', phrases: [text] }, 'government');
		const r = tallyPoll(
			pollSpec('word_cloud'),
			[phrase('Trust'), phrase('trust'), phrase('spam')],
			new Map([
				['trust', 'approved'],
				['spam', 'hidden']
			])
		);
		const expected = { kind: 'word_cloud', entries: [{ key: 'trust', text: 'Trust', count: 2 }], pending: 0 };
		expect(r.overall).toEqual(expected);
		expect(r.byGroup).toEqual([]);
		expect(r.byMode).toEqual([]);
	});
});

describe('withholding a group so that a small one cannot be inferred by subtraction', () => {
	const byGroup = (ballots: CountedBallot[]) => tallyPoll(pollSpec('single'), ballots).byGroup;

	it('withholds the smallest group shown too when one group alone is small', () => {
		const groups = byGroup([
			...votes(5, 'government'),
			...votes(1, 'civil_society'),
			...votes(4, 'academia')
		]);
		expect(shape(groups)).toEqual([
			['government', 5, false],
			['civil_society', 1, true],
			['academia', 4, true]
		]);
		expect(countsOf(groups[0].tally)).toEqual({ a: 5, b: 0, c: 0, d: 0 });
	});

	it('withholds the later of two equally small groups shown', () => {
		const groups = byGroup([
			...votes(3, 'government'),
			...votes(3, 'civil_society'),
			...votes(1, 'academia')
		]);
		expect(shape(groups)).toEqual([
			['government', 3, false],
			['civil_society', 3, true],
			['academia', 1, true]
		]);
	});

	it('withholds a third group when two small ones hold fewer than three ballots together', () => {
		const groups = byGroup([
			...votes(4, 'government'),
			...votes(3, 'private_sector'),
			...votes(1, 'academia'),
			...votes(1, 'other')
		]);
		expect(shape(groups)).toEqual([
			['government', 4, false],
			['private_sector', 3, true],
			['academia', 1, true],
			['other', 1, true]
		]);
	});

	it('withholds both groups of two and five, the only ones', () => {
		expect(shape(byGroup([...votes(2, 'government'), ...votes(5, 'academia')]))).toEqual([
			['government', 2, true],
			['academia', 5, true]
		]);
	});

	it('withholds nothing more when small groups hold three ballots or more together', () => {
		expect(
			shape(byGroup([...votes(3, 'government'), ...votes(2, 'academia'), ...votes(1, 'other')]))
		).toEqual([
			['government', 3, false],
			['academia', 2, true],
			['other', 1, true]
		]);
	});

	it('withholds nothing when no group is small', () => {
		expect(shape(byGroup([...votes(3, 'government'), ...votes(4, 'academia')]))).toEqual([
			['government', 3, false],
			['academia', 4, false]
		]);
	});
});

describe('consensus across groups', () => {
	const judgedWithOneSmallGroup = [
		stance('support', 'government'),
		stance('live_with', 'government'),
		stance('object', 'government'), // 2 of 3: holds
		stance('support', 'civil_society'),
		stance('object', 'civil_society'),
		stance('object', 'civil_society'), // 1 of 3: does not hold
		stance('object', 'academia') // withheld
	];

	it('says whether support holds in each group shown, leaving out small groups', () => {
		const r = tallyPoll(pollSpec('consensus'), [
			...judgedWithOneSmallGroup,
			stance('live_with', 'other'),
			stance('object', 'other') // withheld, and with academia three ballots: nothing more withheld
		]);
		expect(r.consensus?.groups).toEqual([
			{ group: 'government', holds: true },
			{ group: 'civil_society', holds: false }
		]);
		expect(r.consensus?.holdsEverywhere).toBe(false);
		expect(r.consensus?.rule).toMatch(/two thirds/);
		expect(r.overall).toEqual({ kind: 'consensus', counts: { support: 2, live_with: 2, object: 5 } });
	});

	it('does not judge a group withheld so that a small one cannot be inferred', () => {
		const r = tallyPoll(pollSpec('consensus'), judgedWithOneSmallGroup);
		expect(shape(r.byGroup)).toEqual([
			['government', 3, false],
			['civil_society', 3, true],
			['academia', 1, true]
		]);
		expect(r.consensus?.groups).toEqual([{ group: 'government', holds: true }]);
		expect(r.consensus?.holdsEverywhere).toBe(true);
	});

	it('holds everywhere when every group shown holds', () => {
		const r = tallyPoll(pollSpec('consensus'), [
			stance('support', 'private_sector'),
			stance('support', 'private_sector'),
			stance('live_with', 'private_sector'),
			stance('live_with', null),
			stance('live_with', null),
			stance('object', null),
			stance('object', 'academia'),
			stance('object', 'academia'), // withheld: not judged
			stance('support', 'other') // withheld, so academia's two are not overall minus the groups shown
		]);
		expect(r.consensus?.groups.map((g) => g.group)).toEqual(['private_sector', 'unspecified']);
		expect(r.consensus?.holdsEverywhere).toBe(true);
	});

	it('does not hold everywhere when no group is large enough to show', () => {
		const r = tallyPoll(pollSpec('consensus'), [stance('support', 'government'), stance('support', null)]);
		expect(r.consensus).toMatchObject({ groups: [], holdsEverywhere: false });
	});

	it('is left out of other kinds of poll', () => {
		expect(tallyPoll(pollSpec('single'), [single('a')]).consensus).toBeNull();
		expect(tallyPoll(pollSpec('word_cloud'), []).consensus).toBeNull();
	});
});
