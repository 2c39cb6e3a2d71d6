import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { buildRecord } from '$lib/domain/record/build';
import { at, sessionFacts } from '$lib/domain/record/fixtures';
import { reportWords } from '../record/words';
import { csvCell, pollResultsCsv } from './csv';

/** A session with one closed open-text poll, whose approved answers are given. */
function recordWithAnswers(texts: string[]) {
	const base = sessionFacts();
	const facts = sessionFacts({
		meeting: { ...base.meeting, venue: 'Genève', language: 'fr' },
		agenda: [{ id: 'ideas', kind: 'info', title: 'Ideas', body: '', cards: [], focus: null, panelists: [] }],
		moves: [{ item: 0, step: 0, at: at(0) }],
		polls: [
			{
				id: 'p1',
				itemId: 'ideas',
				kind: 'open_text',
				question: 'Qu’est-ce qui manque ?',
				status: 'closed',
				options: [],
				openedAt: at(10),
				closedAt: at(20),
				results: {
					ballots: texts.length,
					overall: {
						kind: 'open_text',
						entries: texts.map((text, i) => ({ key: `k${i}`, text, count: 1 })),
						pending: 0
					},
					byGroup: [],
					byMode: [],
					consensus: null
				}
			}
		]
	});
	return buildRecord(facts, reportWords('fr'));
}

describe('csvCell', () => {
	it.each([
		// Genuine text stays as it is, a list-like answer included.
		['- Better coordination between CERTs', '- Better coordination between CERTs'],
		['+ more peer learning between regions', '+ more peer learning between regions'],
		['-abc', '-abc'],
		['Café, à côté', '"Café, à côté"'],
		['Say "no"', '"Say ""no"""'],
		// What a spreadsheet would evaluate gets an apostrophe.
		['=1+1', "'=1+1"],
		['@SUM(A1)', "'@SUM(A1)"],
		['+1', "'+1"],
		['-1', "'-1"],
		['- 5 votes', "'- 5 votes"],
		['-.5', "'-.5"],
		['--1', "'--1"],
		['-(1)', "'-(1)"],
		['-$A$1', "'-$A$1"],
		['+"a"&"b"', `"'+""a""&""b"""`],
		["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
		["-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"],
		['-HYPERLINK("http://e.org","c")', `"'-HYPERLINK(""http://e.org"",""c"")"`],
		['- more CERTs (and funding)', "'- more CERTs (and funding)"],
		['\t=1+1', "'\t=1+1"],
		['\r=1+1', `"'\r=1+1"`],
		['-\n=1+1', `"'-\n=1+1"`]
	])('%j', (input, expected) => {
		expect(csvCell(input)).toBe(expected);
	});

	it('leaves numbers and booleans as they are', () => {
		expect(csvCell(-3)).toBe('-3');
		expect(csvCell(true)).toBe('true');
	});
});

describe('the poll results CSV', () => {
	const csv = pollResultsCsv(
		recordWithAnswers(['- Better coordination between CERTs', 'Sécurité dès la conception', '=1+1'])
	);

	it('begins with a UTF-8 byte order mark, so that Excel keeps the accents', () => {
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		// Only once: the header row starts right after it.
		expect(csv.slice(1).startsWith('poll_id,poll_question,')).toBe(true);
	});

	it('writes each answer as itself, formulas excepted', () => {
		const rows: Record<string, string>[] = parse(csv, { bom: true, columns: true });
		expect(rows.map((row) => row.option_label)).toEqual([
			'- Better coordination between CERTs',
			'Sécurité dès la conception',
			"'=1+1"
		]);
		expect(rows[0].poll_question).toBe('Qu’est-ce qui manque ?');
	});
});
