import type { Block, ReportDocument } from '$lib/domain/record/layout';

/**
 * Characters that mean something inline in GitHub-flavoured Markdown (emphasis, code, links, raw
 * HTML, tables, strikethrough, math, headings). Any ASCII punctuation may be backslash-escaped,
 * so escaping these makes user text literal without changing how it reads.
 */
const INLINE_MARKUP = /[\\`*_[\]<>|~#$]/g;
/** `&amp;` would be decoded; a lone `&` is shown as it is, so only an entity-like one is escaped. */
const ENTITY = /&(?=#?[a-z0-9]+;)/gi;

/**
 * A web address in user text. It stops at a space, at characters that cannot be in an autolink
 * (`<`, `>`) and at those that rarely end one but often follow it in a sentence (`|` ends a table
 * cell, brackets and quotes close a phrase).
 */
const WEB_ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"'`|\\[\]{}]+/gi;
/** What GitHub leaves out of the end of an address: sentence punctuation, emphasis markers. */
const TRAILING = /[?!.,:;*_~]$/;

/** The address as the reader means it: no sentence punctuation, no unbalanced closing bracket. */
function trimAddress(address: string): string {
	let url = address;
	for (;;) {
		if (TRAILING.test(url)) url = url.slice(0, -1);
		else if (url.endsWith(')') && url.split(')').length > url.split('(').length) url = url.slice(0, -1);
		else return url;
	}
}

const literal = (text: string) => text.replace(INLINE_MARKUP, '\\$&').replace(ENTITY, '\\&');

/**
 * User text as literal inline Markdown. A web address in it becomes an autolink (`<https://…>`),
 * whose content Markdown takes as it is: escaping it would break the link.
 */
export function escapeInline(text: string): string {
	let out = '';
	let from = 0;
	for (const match of text.matchAll(WEB_ADDRESS)) {
		const url = trimAddress(match[0]);
		const at = match.index;
		if (url.length <= 'https://'.length) continue;
		out += literal(text.slice(from, at));
		out += /^www\./i.test(url) ? `[${literal(url)}](<https://${url}>)` : `<${url}>`;
		from = at + url.length;
	}
	return out + literal(text.slice(from));
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

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A status beside a heading or a value, in italics. */
const mark = (text: string | undefined) => (text ? ` *(${escapeInline(oneLine(text))})*` : '');

function heading(block: Extract<Block, { kind: 'heading' }>): string {
	return `${'#'.repeat(block.level)} ${escapeInline(oneLine(block.text))}${mark(block.mark)}`;
}

function paragraph(block: Extract<Block, { kind: 'paragraph' }>): string {
	const paragraphs = paragraphsOf(block.text).map((lines) => withHardBreaks(lines));
	return paragraphs.map((text) => (block.note ? `*${text}*` : text)).join('\n\n');
}

/**
 * A list item's text is escaped like any line, so an item that begins "1." or "- " stays one item;
 * its further lines are indented to the item's text, which keeps them in it.
 */
function list(block: Extract<Block, { kind: 'list' }>): string {
	return block.items
		.map((item, index) => {
			const marker = block.ordered ? `${index + 1}.` : '-';
			const indent = ' '.repeat(marker.length + 1);
			const paragraphs = paragraphsOf(item).map((lines) => withHardBreaks(lines, indent));
			return `${marker} ${paragraphs.join(`\n\n${indent}`)}`.trimEnd();
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

function pipeTable(header: string[], rows: string[][]): string {
	const count = Math.max(header.length, ...rows.map((row) => row.length));
	const line = (cells: string[]) =>
		`| ${Array.from({ length: count }, (_, i) => cell(cells[i] ?? '')).join(' | ')} |`;
	return [line(header), `|${' --- |'.repeat(count)}`, ...rows.map(line)].join('\n');
}

/** Spaces a line does not break at: a time or a count in a `nowrap` column stays on one line. */
const unbroken = (text: string) => text.replace(/ /g, '\u00A0');

function table(block: Extract<Block, { kind: 'table' }>): string {
	const caption = block.caption ? `**${escapeInline(block.caption.trim())}**\n\n` : '';
	const nowrap = new Set(block.nowrap ?? []);
	const rows = block.rows.map((row) => row.map((text, i) => (nowrap.has(i) ? unbroken(text) : text)));
	return caption + pipeTable(block.columns, rows);
}

/**
 * Label and value pairs as lines of "**Label:** value", one paragraph each: a pipe table would need
 * a header row, and these have none. A value's own lines are kept as line breaks.
 */
function fields(block: Extract<Block, { kind: 'fields' }>): string {
	return block.entries
		.map((entry) => {
			const label = oneLine(entry.label);
			const colon = /[:?]$/.test(label) ? '' : ':';
			const lines = paragraphsOf(entry.value).flat();
			const value = lines.length > 0 ? ` ${withHardBreaks(lines)}` : '';
			return `**${escapeInline(label)}${colon}**${value}${mark(entry.mark)}`;
		})
		.join('\n\n');
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
