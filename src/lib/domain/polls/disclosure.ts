/**
 * What the room may see of a poll's results, and when, so that no one's vote can be inferred from
 * everything a person sees together: every live update, every table, every export. The policy, in
 * one place (docs/record.md explains it to organisers):
 *
 * - While a poll is open, the room (phones, projector, exports) sees the overall tally only. A live
 *   update then says that someone voted, never in which group or mode.
 * - Once the poll is closed, the room sees one breakdown: by stakeholder group, with every group
 *   under three ballots withheld, and more withheld so that the overall tally minus the groups
 *   shown is never one group's tally or under three ballots. The in-room / remote breakdown stays
 *   with staff: two partitions of the same ballots side by side let anyone who knows who is remote
 *   in which group recover a ballot, and withholding cells by what they contain would itself tell.
 * - A poll opened again after it was closed shows the room its overall tally only from then on: a
 *   second breakdown beside the first would show who changed their vote.
 * - Free text (open text, word cloud) is never broken down.
 *
 * Staff (moderators, remote moderators, rapporteurs, on their console) see both breakdowns live.
 */
import type { PollResults, PollStatus } from './types';

/** Whether the room may see a poll's breakdown at this point of its life. */
export function breakdownShown(status: PollStatus, reopened: boolean): boolean {
	return status === 'closed' && !reopened;
}

/** The results as the room may see them (see the policy above). */
export function resultsForRoom(results: PollResults, status: PollStatus, reopened: boolean): PollResults {
	if (!breakdownShown(status, reopened)) return overallOnly(results);
	return { ...results, byMode: [] };
}

/** The overall tally alone: what phones are sent, and the room sees of an open poll. */
export function overallOnly(results: PollResults): PollResults {
	return { ...results, byGroup: [], byMode: [], consensus: null };
}
