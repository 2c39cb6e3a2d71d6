import type { Block, ReportDocument } from '$lib/domain/record/layout';

/**
 * Characters that mean something inline in GitHub-flavoured Markdown (emphasis, code, links, raw
 * HTML, tables, strikethrough, math, headings). Any ASCII punctuation may be backslash-escaped,
 * so escaping these makes user text literal without changing how it reads.
 */
const INLINE_MARKUP = /[\\`*_[\]<>|~#$]/g;
/** `&amp;` would be decoded; a lone `&` is shown as it is, so only an entity-like one is escaped. */
const ENTITY = /&(?=#?[a-z0-9]+;)/gi;

/** User text as literal inline Markdown. */
export function escapeInline(text: string): string {
	return text.replace(INLINE_MARKUP, '\\$&').replace(ENTITY, '\\&');
}

/**
 * One line of user text that starts a line of Markdown: also keep it from opening a list, a
 * setext heading underline or an ordered list item.
 */
function escapeLine(line: string): string {
	return escapeInline(line)
		.replace(/^[-+=]/, '\\$&')
		.replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/**
 * Text split into paragraphs at blank lines, each a list of trimmed lines: leading spaces would make
 * an indented code block, and a blank line inside a block would end it.
 */
function paragraphsOf(text: string): string[][] {
	const paragraphs: string[][] = [[]];
	for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
		const trimmed = line.trim();
		if (trimmed !== '') paragraphs[paragraphs.length - 1].push(trimmed);
		else if (paragraphs[paragraphs.length - 1].length > 0) paragraphs.push([]);
	}
	return paragraphs.filter((lines) => lines.length > 0);
}

/** Lines joined by hard line breaks (a backslash before the newline), continued at `indent`. */
function withHardBreaks(lines: string[], indent = ''): string {
	return lines.map(escapeLine).join(`\\\n${indent}`);
}

function heading(block: Extract<Block, { kind: 'heading' }>): string {
	return `${'#'.repeat(block.level)} ${escapeInline(block.text.replace(/\s+/g, ' ').trim())}`;
}

function paragraph(block: Extract<Block, { kind: 'paragraph' }>): string {
	const paragraphs = paragraphsOf(block.text).map((lines) => withHardBreaks(lines));
	return paragraphs.map((text) => (block.note ? `*${text}*` : text)).join('\n\n');
}

function list(block: Extract<Block, { kind: 'list' }>): string {
	return block.items
		.map((item) => {
			const paragraphs = paragraphsOf(item).map((lines) => withHardBreaks(lines, '  '));
			return `- ${paragraphs.join('\n\n  ') || ' '}`.trimEnd();
		})
		.join('\n');
}

/** A table cell is one line: `|` is escaped and line breaks become `<br>`. */
function cell(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.split('\n')
		.map((line) => escapeInline(line.trim()))
		.join('<br>');
}

/** `format` turns each cell's escaped text into its Markdown (the fields' labels are bold). */
function pipeTable(
	header: string[],
	rows: string[][],
	format: (text: string, column: number) => string = (text) => text
): string {
	const count = Math.max(header.length, ...rows.map((row) => row.length));
	const line = (cells: string[], formatted: boolean) =>
		`| ${Array.from({ length: count }, (_, i) => {
			const text = cell(cells[i] ?? '');
			return formatted && text !== '' ? format(text, i) : text;
		}).join(' | ')} |`;
	return [line(header, false), `|${' --- |'.repeat(count)}`, ...rows.map((row) => line(row, true))].join(
		'\n'
	);
}

function table(block: Extract<Block, { kind: 'table' }>): string {
	const caption = block.caption ? `**${escapeInline(block.caption.trim())}**\n\n` : '';
	return caption + pipeTable(block.columns, block.rows);
}

/** Label and value pairs, labels in bold; a pipe table must have a header row, so it is left empty. */
function fields(block: Extract<Block, { kind: 'fields' }>): string {
	return pipeTable(
		['', ''],
		block.entries.map((entry) => [entry.label, entry.value]),
		(text, column) => (column === 0 ? `**${text}**` : text)
	);
}

function renderBlock(block: Block): string {
	switch (block.kind) {
		case 'heading':
			return heading(block);
		case 'paragraph':
			return paragraph(block);
		case 'list':
			return list(block);
		case 'table':
			return table(block);
		case 'fields':
			return fields(block);
		case 'appendix':
			return `---\n\n${heading({ kind: 'heading', level: 1, text: block.title })}`;
	}
}

/** The report as GitHub-flavoured Markdown: every piece of user text comes out literally. */
export function reportMarkdown(doc: ReportDocument): string {
	const parts = [
		`# ${escapeInline(doc.title.replace(/\s+/g, ' ').trim())}`,
		paragraph({ kind: 'paragraph', text: doc.subtitle }),
		...doc.blocks.map(renderBlock)
	];
	return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}
