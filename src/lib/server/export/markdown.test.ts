import { describe, expect, it } from 'vitest';
import { bpfCybersecurityReport } from './fixtures';
import type { Block } from '$lib/domain/record/layout';
import { escapeInline, reportMarkdown } from './markdown';

const render = (...blocks: Block[]) =>
	reportMarkdown({ locale: 'en', dir: 'ltr', title: 'T', subtitle: '', blocks });
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
		['[link](https://example.org)', '\\[link\\](https://example.org)'],
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

describe('blocks', () => {
	it('writes headings at their level and the title and subtitle first', () => {
		const markdown = reportMarkdown({
			locale: 'en',
			dir: 'ltr',
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

	it('writes fields as a two-column table with bold labels under an empty header', () => {
		expect(
			body({
				kind: 'fields',
				entries: [
					{ label: 'Chair / moderator', value: 'Amina Diallo' },
					{ label: 'Rapporteur', value: '' }
				]
			})
		).toBe('|  |  |\n| --- | --- |\n| **Chair / moderator** | Amina Diallo |\n| **Rapporteur** |  |\n');
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
});
