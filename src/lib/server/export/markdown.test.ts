import { describe, expect, it } from 'vitest';
import { bpfCybersecurityReport } from './fixtures';
import type { Block } from '$lib/domain/record/layout';
import { escapeInline, reportMarkdown } from './markdown';

const render = (...blocks: Block[]) =>
	reportMarkdown({
		locale: 'en',
		dir: 'ltr',
		subject: 'Session report',
		pageNumbers: { before: 'Page ', between: ' of ', after: '' },
		title: 'T',
		subtitle: '',
		blocks
	});
/** The Markdown of the blocks alone, without the title line. */
const body = (...blocks: Block[]) => render(...blocks).replace(/^# T\n\n/, '');
const text = (value: string, note?: boolean): Block => ({ kind: 'paragraph', text: value, note });

/** Pipes that split cells: those not preceded by an odd number of backslashes. */
const cellPipes = (line: string) => line.match(/(?<!\\)(?:\\\\)*\|/g)?.length ?? 0;

describe('escaping user text', () => {
	it.each([
		['# not a heading', '\\# not a heading'],
		['*bold* and _italic_ and **strong**', '\\*bold\\* and \\_italic\\_ and \\*\\*strong\\*\\*'],
		['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
		['[link](https://example.org)', '\\[link\\](<https://example.org>)'],
		['![image](x.png)', '!\\[image\\](x.png)'],
		['`code` and ~~struck~~', '\\`code\\` and \\~\\~struck\\~\\~'],
		['costs $5 and $6', 'costs \\$5 and \\$6'],
		['C:\\temp\\*', 'C:\\\\temp\\\\\\*'],
		['a | b', 'a \\| b'],
		['&amp; and &#60; stay literal', '\\&amp; and &\\#60; stay literal'],
		['Q&A and AT&T', 'Q&A and AT&T']
	])('%s', (input, expected) => {
		expect(escapeInline(input)).toBe(expected);
		expect(body(text(input))).toBe(`${expected}\n`);
	});

	it('keeps a line from starting a list, a quote, a setext heading or a code block', () => {
		const lines = [
			'- not a list',
			'+ nor this',
			'1. nor a numbered list',
			'2) nor this',
			'> not a quote',
			'==='
		];
		expect(body(text(lines.join('\n')))).toBe(
			[
				'\\- not a list',
				'\\+ nor this',
				'1\\. nor a numbered list',
				'2\\) nor this',
				'\\> not a quote',
				'\\==='
			].join('\\\n') + '\n'
		);
		expect(body(text('    indented four spaces'))).toBe('indented four spaces\n');
	});

	it('lets no raw HTML through anywhere', () => {
		const html = '<img src=x onerror=alert(1)>';
		const markdown = reportMarkdown({
			locale: 'en',
			dir: 'ltr',
			subject: 'Session report',
			pageNumbers: { before: 'Page ', between: ' of ', after: '' },
			title: html,
			subtitle: html,
			blocks: [
				{ kind: 'heading', level: 2, text: html },
				text(html),
				text(html, true),
				{ kind: 'list', items: [html] },
				{ kind: 'table', columns: [html], rows: [[`${html}\n${html}`]], caption: html },
				{ kind: 'fields', entries: [{ label: html, value: html }] }
			]
		});
		expect(markdown.replaceAll('<br>', '')).not.toMatch(/(?<!\\)</);
		expect(markdown.match(/<br>/g)).toHaveLength(1);
	});
});

describe('web addresses in user text', () => {
	it.each([
		[
			'see https://www.intgovforum.org/multilingual/content/bpf-cybersecurity',
			'see <https://www.intgovforum.org/multilingual/content/bpf-cybersecurity>'
		],
		// Escaping inside an address would break it: the autolink takes its content as it is.
		['https://example.org/a_b/*c*~d#e_f?g=1&h=2', '<https://example.org/a_b/*c*~d#e_f?g=1&h=2>'],
		// Sentence punctuation and a closing bracket are not part of the address; balanced ones are.
		['(see https://thegfce.org/about_us/).', '(see <https://thegfce.org/about_us/>).'],
		[
			'https://en.wikipedia.org/wiki/CERT_(disambiguation), or not?',
			'<https://en.wikipedia.org/wiki/CERT_(disambiguation)>, or not?'
		],
		[
			'www.intgovforum.org/bpf_2017',
			'[www.intgovforum.org/bpf\\_2017](<https://www.intgovforum.org/bpf_2017>)'
		],
		// An address stops at a pipe, a bracket, a quote or a space: none of them can break out of it.
		['https://a.org|b', '<https://a.org>\\|b'],
		['<https://a.org>', '\\<<https://a.org>\\>'],
		['"https://a.org/x"', '"<https://a.org/x>"'],
		['[https://a.org](javascript:alert(1))', '\\[<https://a.org>\\](javascript:alert(1))'],
		// Only the web's own schemes become links.
		['javascript:alert(1) and http:// alone', 'javascript:alert(1) and http:// alone']
	])('%s', (input, expected) => {
		expect(escapeInline(input)).toBe(expected);
	});

	it('become links in paragraphs, list items, table cells and field values alike', () => {
		const url = 'https://www.intgovforum.org/multilingual/content/bpf-cybersecurity';
		expect(body(text(`- see ${url}`))).toBe(`\\- see <${url}>\n`);
		expect(body({ kind: 'list', items: [`${url}.`] })).toBe(`- <${url}>.\n`);
		expect(body({ kind: 'table', columns: ['Answer'], rows: [[`see ${url}`]] })).toBe(
			`| Answer |\n| --- |\n| see <${url}> |\n`
		);
		expect(body({ kind: 'fields', entries: [{ label: 'Website', value: url }] })).toBe(
			`**Website:** <${url}>\n`
		);
	});
});

describe('blocks', () => {
	it('writes headings at their level and the title and subtitle first', () => {
		const markdown = reportMarkdown({
			locale: 'en',
			dir: 'ltr',
			subject: 'Session report',
			pageNumbers: { before: 'Page ', between: ' of ', after: '' },
			title: 'IGF 2017 BPF Cybersecurity',
			subtitle: '20 December 2017 · Geneva',
			blocks: [
				{ kind: 'heading', level: 2, text: 'Polls' },
				{ kind: 'heading', level: 3, text: 'Which topics for 2018? #' }
			]
		});
		expect(markdown).toBe(
			'# IGF 2017 BPF Cybersecurity\n\n20 December 2017 · Geneva\n\n## Polls\n\n### Which topics for 2018? \\#\n'
		);
	});

	it('keeps line breaks as hard breaks and blank lines as paragraph breaks', () => {
		expect(body(text('first\r\nsecond\n\n\nthird'))).toBe('first\\\nsecond\n\nthird\n');
	});

	it('sets notes in italics, each paragraph on its own', () => {
		expect(body(text('Results are aggregates.\n\nTimes in UTC.', true))).toBe(
			'*Results are aggregates.*\n\n*Times in UTC.*\n'
		);
	});

	it('writes list items, continuing a multi-line item under its text', () => {
		expect(body({ kind: 'list', items: ['one', 'two\nlines', '- three'] })).toBe(
			'- one\n- two\\\n  lines\n- \\- three\n'
		);
	});

	it('numbers an ordered list, and an item that begins like a list marker stays one item', () => {
		expect(
			body({
				kind: 'list',
				ordered: true,
				items: ['1. first', '- second\nwith a second line', '+ third', '3) fourth', '* fifth']
			})
		).toBe(
			[
				'1. 1\\. first',
				'2. \\- second\\',
				'   with a second line',
				'3. \\+ third',
				'4. 3\\) fourth',
				'5. \\* fifth',
				''
			].join('\n')
		);
		const ten = body({ kind: 'list', ordered: true, items: [...Array<string>(9).fill('x'), 'tenth\nline'] });
		expect(ten.endsWith('\n10. tenth\\\n    line\n')).toBe(true);
	});

	it('puts a heading’s mark beside it in italics', () => {
		expect(
			body({ kind: 'heading', level: 3, text: 'Key issues raised', mark: 'Prefilled, not yet checked' })
		).toBe('### Key issues raised *(Prefilled, not yet checked)*\n');
	});

	it('starts the appendix after a rule, as a top-level heading', () => {
		expect(body(text('Report ends.'), { kind: 'appendix', title: 'Appendix' })).toBe(
			'Report ends.\n\n---\n\n# Appendix\n'
		);
	});

	it('keeps the entries of nowrap columns on one line with no-break spaces', () => {
		expect(
			body({
				kind: 'table',
				columns: ['Time', 'Event'],
				rows: [['15:02 UTC', 'Poll opened']],
				nowrap: [0]
			})
		).toBe('| Time | Event |\n| --- | --- |\n| 15:02\u00A0UTC | Poll opened |\n');
	});

	it('writes a table whose cells keep their pipes and line breaks inside the cell', () => {
		const markdown = body({
			kind: 'table',
			columns: ['Question', 'Upvotes'],
			rows: [
				['Share with law enforcement | industry?\nWithin 24 h?', '17'],
				['A backslash before a pipe \\|', ''],
				['A short row']
			]
		});
		expect(markdown).toBe(
			[
				'| Question | Upvotes |',
				'| --- | --- |',
				'| Share with law enforcement \\| industry?<br>Within 24 h? | 17 |',
				'| A backslash before a pipe \\\\\\| |  |',
				'| A short row |  |',
				''
			].join('\n')
		);
		for (const line of markdown.trim().split('\n')) expect(cellPipes(line)).toBe(3);
	});

	it('writes fields as "label: value" paragraphs, with no table and so no empty header', () => {
		expect(
			body({
				kind: 'fields',
				entries: [
					{ label: 'Chair / moderator', value: 'Amina Diallo' },
					{ label: 'Rapporteur', value: '' },
					{ label: 'Speakers', value: 'Amina Diallo\n- Kenji Watanabe\n\n*Sofía*', mark: 'Prefilled' },
					{ label: 'Is it agreed?', value: 'Yes' }
				]
			})
		).toBe(
			[
				'**Chair / moderator:** Amina Diallo',
				'',
				'**Rapporteur:**',
				'',
				'**Speakers:** Amina Diallo\\',
				'\\- Kenji Watanabe\\',
				'\\*Sofía\\* *(Prefilled)*',
				'',
				'**Is it agreed?** Yes',
				''
			].join('\n')
		);
	});

	it('puts a table caption above the table', () => {
		expect(body({ kind: 'table', columns: ['A'], rows: [], caption: 'Table *1*' })).toBe(
			'**Table \\*1\\***\n\n| A |\n| --- |\n'
		);
	});
});

describe('the BPF Cybersecurity report', () => {
	const markdown = reportMarkdown(bpfCybersecurityReport);

	it('gives every table row as many cells as its header', () => {
		const lines = markdown.split('\n');
		lines.forEach((line, index) => {
			if (!line.startsWith('|') || lines[index - 1]?.startsWith('|')) return;
			const pipes = cellPipes(line);
			for (let next = index + 1; lines[next]?.startsWith('|'); next++) {
				expect(cellPipes(lines[next]), lines[next]).toBe(pipes);
			}
		});
		expect(markdown).toContain(`|${' --- |'.repeat(9)}`);
	});

	it('carries the headings, the suppressed cells and the agreed topics', () => {
		expect(markdown.startsWith('# IGF 2017 Best Practice Forum on Cybersecurity\n\n20 December 2017')).toBe(
			true
		);
		expect(markdown).toContain('\n## Agreed topics\n\n- Cybersecurity culture, norms and values in 2018');
		expect(markdown).toContain('| Intergovernmental organisation | 2 | too few to show |');
		expect(markdown).toContain('apply to \\<script\\> kiddies');
		expect(markdown.endsWith('by Plenary. Times are in UTC.*\n')).toBe(true);
	});

	it('reads as the report: fields as lines, numbered recommendations, links that work, the appendix apart', () => {
		expect(markdown).toContain(
			'\n**Chair / moderator:** Amina Diallo\n\n**Rapporteur / note taker:** Lars Pettersson\n'
		);
		expect(markdown).not.toMatch(/^\|\s+\|\s+\|$/m);
		expect(markdown).toContain(
			'\n1. 1\\. Make security by design a condition of public procurement.\n2. \\- Fund a CERT'
		);
		expect(markdown).toContain(
			'| see <https://www.intgovforum.org/multilingual/content/bpf-cybersecurity> | 5 | 42\u00A0% |'
		);
		// Inside a table cell a leading "- " is text: no list starts there.
		expect(markdown).toContain('| - Better coordination between CERTs | 4 |');
		expect(markdown).toContain('\n---\n\n# Appendix: the session in detail\n\n## Agenda as held\n');
		expect(markdown).toContain('| 09:00\u00A0UTC | Session started |  |');
	});
});
