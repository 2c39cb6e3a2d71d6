/**
 * Ballot stuffing shows as more ballots than phones. Phones that voted and left also make a poll's
 * ballots outnumber the phones connected now, so that is shown beside the phones new in the last
 * minute, for the moderator to judge. Every honest ballot, though, comes from a phone connected
 * while its poll was open: a poll with more ballots than those phones is an alarm. Unknown
 * (null) when the server did not see the poll open from the start.
 */
export function moreBallotsThanPhones(ballots: number, phones: number | null): boolean {
	return phones !== null && ballots > phones;
}
