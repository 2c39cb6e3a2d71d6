import type { ParticipationMode, StakeholderGroup } from '../meeting';

export const POLL_KINDS = ['single', 'multiple', 'ranking', 'consensus', 'open_text', 'word_cloud'] as const;
export type PollKind = (typeof POLL_KINDS)[number];

export const POLL_STATUSES = ['draft', 'open', 'closed'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

/** What the projector shows of a poll's results: the overall tally, or its breakdowns. */
export const RESULTS_VIEWS = ['overall', 'breakdown'] as const;
export type ResultsView = (typeof RESULTS_VIEWS)[number];

/** A moderator's decision on a free text: shown to the room, or kept off the screen. */
export const TEXT_DECISIONS = ['approved', 'hidden'] as const;
export type TextDecision = (typeof TEXT_DECISIONS)[number];

export interface PollOption {
	id: string;
	label: string;
}

/** What a poll asks; options are empty for open text and word cloud. */
export interface PollSpec {
	kind: PollKind;
	question: string;
	options: PollOption[];
	/** multiple: at most this many picks (null: any number). */
	maxPicks: number | null;
	/** open_text: at most this many words (the seeds' "100 words or less"). */
	wordLimit: number | null;
}

export const CONSENSUS_STANCES = ['support', 'live_with', 'object'] as const;
export type ConsensusStance = (typeof CONSENSUS_STANCES)[number];

/** A ballot's content, by poll kind. */
export type Choice =
	| { kind: 'single'; optionId: string }
	| { kind: 'multiple'; optionIds: string[] }
	| { kind: 'ranking'; ranking: string[] }
	| { kind: 'consensus'; stance: ConsensusStance; reason: string | null }
	| { kind: 'open_text'; text: string }
	| { kind: 'word_cloud'; phrases: string[] };

/** A ballot as the tally sees it: the choice and the voter's declared group and mode, nothing else. */
export interface CountedBallot {
	choice: Choice;
	group: StakeholderGroup | null;
	mode: ParticipationMode | null;
}

export type ChoiceCheck = { ok: true; choice: Choice } | { ok: false; error: string };

export interface OptionCount {
	optionId: string;
	count: number;
}

/** Free text shown only once a moderator approved it; `key` is the normalised text. */
export interface TextEntry {
	key: string;
	text: string;
	count: number;
}

export type Tally =
	| { kind: 'single' | 'multiple'; counts: OptionCount[] }
	| {
			kind: 'ranking';
			method: 'borda';
			/** Borda: with n options, a first place earns n-1 points, a last place 0; unranked options 0. */
			points: { optionId: string; points: number }[];
			firstPreferences: OptionCount[];
	  }
	| { kind: 'consensus'; counts: Record<ConsensusStance, number> }
	| { kind: 'open_text' | 'word_cloud'; entries: TextEntry[]; pending: number };

/** Breakdowns hide any group with fewer ballots than this, so no one's vote can be inferred. */
export const MIN_GROUP_SIZE = 3;

export interface GroupResult<G extends string> {
	group: G;
	ballots: number;
	/**
	 * true when the tally is withheld ("too few to show"): when ballots < MIN_GROUP_SIZE, or when
	 * showing it would let a small group's tally be inferred by subtraction from the overall tally.
	 */
	suppressed: boolean;
	tally: Tally | null;
}

export interface PollResults {
	ballots: number;
	overall: Tally;
	byGroup: GroupResult<StakeholderGroup | 'unspecified'>[];
	byMode: GroupResult<ParticipationMode | 'unspecified'>[];
	/** consensus only: per group shown, whether support holds there (see supportHolds). */
	consensus: {
		rule: string;
		groups: { group: StakeholderGroup | 'unspecified'; holds: boolean }[];
		holdsEverywhere: boolean;
	} | null;
}
