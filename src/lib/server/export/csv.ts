import { tallyRows, tallyUnit } from '$lib/domain/polls/rows';
import type { GroupResult, Tally } from '$lib/domain/polls/types';
import type { RecordPoll, SessionRecord } from '$lib/domain/record/schema';

const POLL_CSV_COLUMNS = [
	'poll_id',
	'poll_question',
	'poll_kind',
	'poll_status',
	'poll_ballots',
	'breakdown',
	'group',
	'group_ballots',
	'suppressed',
	'option_id',
	'option_label',
	'value',
	'unit',
	'first_preferences'
] as const;

type Row = Record<(typeof POLL_CSV_COLUMNS)[number], string | number | boolean>;

/**
 * Text a spreadsheet would read as a formula (OWASP's CSV injection): it begins with `=` or `@`,
 * or with a tab, carriage return or line feed; or it begins with `+` or `-` and could compute —
 * the sign is followed (after spaces) by a digit, `.`, `+`, `-`, `=`, `@`, `(`, `$` or `"`, or the
 * text holds `(`, `!` or `|`, which a function call, another sheet or file, or a command needs.
 * "- Better coordination between CERTs" is none of these and stays as it is.
 */
const FORMULA = /^[=@\t\r\n]|^[+-](?:\s*[\d.+\-=@($"]|[^]*[(!|])/;

/** Excel reads a CSV as UTF-8 (accents intact) only when it begins with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * A CSV cell, quoted when it needs to be, and never read as a formula by a spreadsheet: such text
 * gets a leading apostrophe, which spreadsheets show and do not evaluate.
 */
export function csvCell(value: string | number | boolean): string {
	let text = String(value);
	if (typeof value === 'string' && FORMULA.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function rowsOfTally(
	poll: RecordPoll,
	breakdown: 'overall' | 'stakeholder_group' | 'mode',
	group: string,
	ballots: number,
	tally: Tally | null,
	overall: Tally
): Row[] {
	// A withheld group still lists every option, with no value: the shape of the table stays fixed.
	const rows = tallyRows(tally ?? overall, poll.options);
	return rows.map((row) => ({
		poll_id: poll.id,
		poll_question: poll.question,
		poll_kind: poll.kind,
		poll_status: poll.status,
		poll_ballots: poll.results?.ballots ?? 0,
		breakdown,
		group,
		group_ballots: ballots,
		suppressed: tally === null,
		option_id: row.id,
		option_label: row.label,
		value: tally === null ? '' : row.value,
		unit: tallyUnit(overall),
		first_preferences: tally === null ? '' : (row.firstPreferences ?? '')
	}));
}

function rowsOfPoll(poll: RecordPoll): Row[] {
	const results = poll.results;
	if (!results) return [];
	const groups = (breakdown: 'stakeholder_group' | 'mode', list: GroupResult<string>[]) =>
		list.flatMap((g) => rowsOfTally(poll, breakdown, g.group, g.ballots, g.tally, results.overall));
	const overall = rowsOfTally(poll, 'overall', 'all', results.ballots, results.overall, results.overall);
	// Free texts are not broken down: a rare phrase beside a small group could name its writer.
	if (poll.kind === 'open_text' || poll.kind === 'word_cloud') return overall;
	return [...overall, ...groups('stakeholder_group', results.byGroup), ...groups('mode', results.byMode)];
}

/**
 * Every poll's results with their breakdowns: one row per option and group (RFC 4180, CRLF), in
 * UTF-8 with a byte order mark.
 */
export function pollResultsCsv(record: SessionRecord): string {
	const lines = [POLL_CSV_COLUMNS.join(',')];
	for (const row of record.polls.flatMap(rowsOfPoll)) {
		lines.push(POLL_CSV_COLUMNS.map((column) => csvCell(row[column])).join(','));
	}
	return UTF8_BOM + lines.join('\r\n') + '\r\n';
}
