import type { ConsensusStance, PollKind } from '$lib/domain/polls/types';

export const POLL_KIND_LABELS: Record<PollKind, string> = {
	single: 'Single choice',
	multiple: 'Multiple choice',
	ranking: 'Ranking',
	consensus: 'Consensus check',
	open_text: 'Open text',
	word_cloud: 'Word cloud'
};

export const STANCE_LABELS: Record<ConsensusStance, string> = {
	support: 'Support',
	live_with: 'Can live with it',
	object: 'Object'
};

export const BORDA_EXPLANATION =
	'Borda count: with n options, a first place earns n−1 points, a second n−2, and so on; unranked options earn none.';
