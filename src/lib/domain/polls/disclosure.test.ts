import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParticipationMode, StakeholderGroup } from '../meeting';
import { resultsForRoom } from './disclosure';
import { ballotOf, pollSpec } from './fixtures';
import { tallyPoll } from './tally';
import { CONSENSUS_STANCES, type Choice, type CountedBallot, type PollResults, type PollSpec } from './types';

/**
 * The observer of the policy: someone who knows every participant's stakeholder group and mode and
 * sees everything the room is shown of a poll (each live update as it happens, the final tables,
 * the export, which carries the same final tables). They work out every state of the ballots
 * consistent with what they saw, by brute force over the room's possible ballots.
 */

interface Person {
	group: StakeholderGroup | null;
	mode: ParticipationMode | null;
}

/** A room's ballots: per person, the option index voted for, or -1 while they have not voted. */
type State = readonly number[];

const NONE = -1;

/** A consensus check's options are its three stances. */
const optionCount = (spec: PollSpec) =>
	spec.kind === 'consensus' ? CONSENSUS_STANCES.length : spec.options.length;

function choiceOf(spec: PollSpec, option: number): Choice {
	return spec.kind === 'consensus'
		? { kind: 'consensus', stance: CONSENSUS_STANCES[option], reason: null }
		: { kind: 'single', optionId: `o${option}` };
}

function ballotsOf(room: readonly Person[], state: State, spec: PollSpec): CountedBallot[] {
	return room.flatMap((person, i) =>
		state[i] === NONE || state[i] >= optionCount(spec)
			? []
			: [ballotOf(choiceOf(spec, state[i]), person.group, person.mode)]
	);
}

function finalTally(spec: PollSpec, room: readonly Person[], truth: readonly State[]): PollResults {
	return tallyPoll(spec, ballotsOf(room, truth[truth.length - 1], spec));
}

/** What the room is shown of a state: everything, as text, so that two views compare exactly. */
function viewOf(spec: PollSpec, room: readonly Person[], state: State, closed: boolean): string {
	const results = tallyPoll(spec, ballotsOf(room, state, spec));
	return JSON.stringify(resultsForRoom(results, closed ? 'closed' : 'open', false));
}

/** A state as one number, a base-4 digit per person (0 for no ballot, 1 + the option index). */
const encode = (state: State) => state.reduce((code, value, i) => code + (value + 1) * 4 ** i, 0);
const decode = (code: number, people: number): State =>
	Array.from({ length: people }, (_, i) => (Math.floor(code / 4 ** i) % 4) - 1);

/**
 * Every state the observer cannot rule out after each update, given the views they saw. One update
 * is one person casting or changing a ballot (the observer is even told that much: the server
 * coalesces bursts, which only hides more). Every view shows the overall counts, so candidates
 * are filtered on them first, cheaply.
 */
function possibleStates(
	spec: PollSpec,
	room: readonly Person[],
	truth: readonly State[],
	closedAtEnd: boolean
): Set<number>[] {
	const options = optionCount(spec);
	const countsOf = (state: State) => {
		const counts = new Array<number>(options + 1).fill(0);
		for (const value of state) counts[value + 1]++;
		return counts;
	};
	let possible = new Set([encode(truth[0])]);
	const sets = [possible];
	for (let t = 1; t < truth.length; t++) {
		const closed = closedAtEnd && t === truth.length - 1;
		const seen = viewOf(spec, room, truth[t], closed);
		const matches = (code: number) => viewOf(spec, room, decode(code, room.length), closed) === seen;
		const next = new Set<number>();
		if (closed) {
			// At the close no ballot changes: the observer compares the same state's views.
			for (const code of possible) if (matches(code)) next.add(code);
		} else {
			const target = countsOf(truth[t]);
			const tried = new Set<number>();
			for (const code of possible) {
				const state = decode(code, room.length);
				const counts = countsOf(state);
				for (let person = 0; person < room.length; person++) {
					const from = state[person] + 1;
					for (let to = 1; to <= options; to++) {
						if (to === from) continue;
						counts[from]--;
						counts[to]++;
						const sameOverall = counts.every((count, i) => count === target[i]);
						counts[from]++;
						counts[to]--;
						if (!sameOverall) continue;
						const candidate = code + (to - from) * 4 ** person;
						if (tried.has(candidate)) continue;
						tried.add(candidate);
						if (matches(candidate)) next.add(candidate);
					}
				}
			}
		}
		possible = next;
		sets.push(possible);
	}
	return sets;
}

/**
 * Voters whose ballot the observer pins down at some point: in every state they cannot rule out
 * where that voter has voted, it is for the same option. Not counted: what a row the room was shown
 * says alone, when all its ballots (three or more) are for one option, as in any published
 * breakdown: the overall tally, a stakeholder group shown, or the groups withheld together (the
 * overall tally minus the groups shown). Whether someone voted is not protected either: each
 * group's number of ballots is shown, as "too few to show (2 ballots)" is.
 */
function exposed(
	room: readonly Person[],
	sets: Set<number>[],
	truth: readonly State[],
	final: PollResults
): { t: number; person: number }[] {
	const found: { t: number; person: number }[] = [];
	const last = truth.length - 1;
	const shownGroups = new Set(final.byGroup.filter((g) => !g.suppressed).map((g) => g.group));
	const rowOf = (person: number, t: number) => {
		if (t !== last) return 'all';
		const group = room[person].group ?? 'unspecified';
		return shownGroups.has(group) ? group : 'withheld';
	};
	sets.forEach((possible, t) => {
		const state = truth[t];
		const states = [...possible].map((code) => decode(code, room.length));
		state.forEach((value, person) => {
			if (value === NONE) return;
			const row = rowOf(person, t);
			const rowBallots = state.filter((v, other) => v !== NONE && rowOf(other, t) === row);
			if (rowBallots.every((v) => v === value)) return;
			const options = new Set(states.map((s) => s[person]).filter((v) => v !== NONE));
			if (options.size < 2) found.push({ t, person });
		});
	});
	return found;
}

const GROUPS: (StakeholderGroup | null)[] = ['government', 'civil_society', 'academia', null];
const MODES: (ParticipationMode | null)[] = ['in_room', 'remote', null];

const person = fc.record({
	group: fc.constantFrom(...GROUPS),
	mode: fc.constantFrom(...MODES)
});

/**
 * A room of 2 to 12 people, a single-choice poll of 2 or 3 options or a consensus check (three
 * stances, and whether support holds per group), and votes cast and changed one at a time.
 */
const scenario = fc
	.record({
		room: fc.array(person, { minLength: 2, maxLength: 12 }),
		kind: fc.constantFrom('single' as const, 'consensus' as const),
		options: fc.integer({ min: 2, max: 3 })
	})
	.map((drawn) => (drawn.kind === 'consensus' ? { ...drawn, options: CONSENSUS_STANCES.length } : drawn))
	.chain(({ room, kind, options }) =>
		fc.record({
			room: fc.constant(room),
			kind: fc.constant(kind),
			options: fc.constant(options),
			steps: fc.array(
				fc.record({
					person: fc.integer({ min: 0, max: room.length - 1 }),
					option: fc.integer({ min: 0, max: options - 1 })
				}),
				{ minLength: 1, maxLength: room.length + 4 }
			)
		})
	);

/** The room's ballots after each step that changed one; the last state repeats for the close. */
function historyOf(room: readonly Person[], steps: { person: number; option: number }[]): State[] {
	const states: State[] = [room.map(() => NONE)];
	for (const { person, option } of steps) {
		const last = states[states.length - 1];
		if (last[person] === option) continue;
		const next = [...last];
		next[person] = option;
		states.push(next);
	}
	states.push(states[states.length - 1]);
	return states;
}

describe('an observer who knows everyone and sees everything published', () => {
	it('never pins down one person’s ballot, live or final, beyond what the overall tally says', () => {
		fc.assert(
			fc.property(scenario, ({ room, kind, options, steps }) => {
				const spec =
					kind === 'consensus'
						? pollSpec('consensus')
						: pollSpec('single', {
								options: Array.from({ length: options }, (_, i) => ({ id: `o${i}`, label: `Option ${i}` }))
							});
				const truth = historyOf(room, steps);
				const sets = possibleStates(spec, room, truth, true);
				sets.forEach((possible, t) => expect(possible.has(encode(truth[t]))).toBe(true));
				const final = resultsForRoom(finalTally(spec, room, truth), 'closed', false);
				expect(exposed(room, sets, truth, final)).toEqual([]);
			}),
			{ numRuns: 80 }
		);
	}, 120_000);

	it('catches the live leak: a lone group member’s first ballot moving the overall tally', () => {
		// The case the issue reported, as a scenario the property generates: with breakdowns live,
		// government's count going 0 → 1 with the overall one names the only government voter.
		const room: Person[] = [
			{ group: 'government', mode: 'in_room' },
			{ group: 'academia', mode: 'in_room' },
			{ group: 'academia', mode: 'in_room' },
			{ group: 'academia', mode: 'in_room' }
		];
		const spec = pollSpec('single', { options: [0, 1].map((i) => ({ id: `o${i}`, label: `${i}` })) });
		const truth = historyOf(room, [
			{ person: 1, option: 0 },
			{ person: 2, option: 1 },
			{ person: 3, option: 0 },
			{ person: 0, option: 1 }
		]);
		const final = resultsForRoom(finalTally(spec, room, truth), 'closed', false);
		expect(exposed(room, possibleStates(spec, room, truth, true), truth, final)).toEqual([]);
	});
});

describe('what the room sees of a poll, and when', () => {
	const room: Person[] = [
		...Array.from({ length: 3 }, () => ({ group: 'government' as const, mode: 'in_room' as const })),
		...Array.from({ length: 3 }, () => ({ group: 'academia' as const, mode: 'remote' as const }))
	];
	const spec = pollSpec('single', { options: [0, 1].map((i) => ({ id: `o${i}`, label: `${i}` })) });
	const results = tallyPoll(spec, ballotsOf(room, [0, 1, 0, 1, 1, 0], spec));

	it('shows the overall tally only while the poll is open', () => {
		const live = resultsForRoom(results, 'open', false);
		expect(live.overall).toEqual(results.overall);
		expect([live.byGroup, live.byMode, live.consensus]).toEqual([[], [], null]);
	});

	it('shows the breakdown by stakeholder group once closed, never the in-room / remote one beside it', () => {
		const final = resultsForRoom(results, 'closed', false);
		expect(final.byGroup.map((g) => [g.group, g.suppressed])).toEqual([
			['government', false],
			['academia', false]
		]);
		expect(final.byMode).toEqual([]);
	});

	it('keeps the breakdown from the room once a closed poll was opened again', () => {
		expect(resultsForRoom(results, 'closed', true).byGroup).toEqual([]);
		expect(resultsForRoom(results, 'open', true).byGroup).toEqual([]);
	});
});
