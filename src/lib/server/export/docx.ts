import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	HeadingLevel,
	LevelFormat,
	Packer,
	PageNumber,
	PageOrientation,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableLayoutType,
	TableRow,
	TextRun,
	WidthType,
	type FileChild,
	type IBorderOptions,
	type IParagraphOptions,
	type IRunOptions
} from 'docx';
import type { Block, ReportDocument } from '$lib/domain/record/layout';
import { pageRuns } from '$lib/domain/record/pages';

/*
 * Sizes are in twips (1/20 pt) and font sizes in half-points, as Word stores them. Arial, because
 * LibreOffice and Google Docs have a metric-compatible font for it: the tables wrap where Word
 * wraps them.
 */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134; // 2 cm
const TEXT_WIDTH = A4.width - 2 * MARGIN;
const LANDSCAPE_TEXT_WIDTH = A4.height - 2 * MARGIN;
const FONT = 'Arial';
const BODY_SIZE = 21;
const TABLE_SIZE = 18;
/** Tables this wide get a smaller font, so that option labels keep their words whole. */
const WIDE_TABLE_COLUMNS = 7;
const WIDE_TABLE_SIZE = 16;
const CELL_MARGIN = { top: 50, bottom: 50, left: 85, right: 85 };
const FIELD_LABEL_SHARE = 0.32;

const INK = '15191F';
const HEADING_INK = '1F3864';
const GREY = '595959';
const RULE = '8C96A3';
const HEADER_FILL = 'DCE3EC';
const LABEL_FILL = 'F2F4F7';

const BULLETS = 'report-bullets';
const NUMBERS = 'report-numbers';

const HEADINGS = {
	1: HeadingLevel.HEADING_1,
	2: HeadingLevel.HEADING_2,
	3: HeadingLevel.HEADING_3
} as const;

type RunStyle = Omit<IRunOptions, 'text' | 'children' | 'break'>;

/** What every paragraph and table of one document shares: its direction, and its lists so far. */
interface Writing {
	rtl: boolean;
	/** Each ordered list is its own instance of the numbering, so each counts from 1. */
	lists: number;
}

/** A paragraph in the document's direction. */
function para(writing: Writing, options: IParagraphOptions): Paragraph {
	return new Paragraph({ ...options, bidirectional: writing.rtl || undefined });
}

/** A status beside a heading or a value: smaller, grey and in italics, so it never reads as the text. */
const markRun = (mark: string, size?: number) =>
	new TextRun({ text: xmlSafe(mark), italics: true, bold: false, color: GREY, size });

/** Word refuses a document with control characters or half a surrogate pair in it. */
function xmlSafe(text: string): string {
	return (
		text
			.replace(/\r\n?/g, '\n')
			// eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
			.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
			.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
	);
}

/** One run per line, joined by line breaks, so the user's line breaks survive. */
function runs(text: string, style: RunStyle = {}): TextRun[] {
	return xmlSafe(text)
		.split('\n')
		.map((line, index) => new TextRun({ ...style, text: line, break: index > 0 ? 1 : undefined }));
}

function heading(
	writing: Writing,
	block: Extract<Block, { kind: 'heading' }>,
	pageBreakBefore = false
): Paragraph {
	const mark = block.mark ? [new TextRun({ text: '  ' }), markRun(block.mark, BODY_SIZE)] : [];
	return para(writing, {
		heading: HEADINGS[block.level],
		pageBreakBefore: pageBreakBefore || undefined,
		children: [...runs(block.text.replace(/\n/g, ' ')), ...mark]
	});
}

function paragraph(
	writing: Writing,
	block: Extract<Block, { kind: 'paragraph' }>,
	introducesNext: boolean
): Paragraph {
	return para(writing, {
		style: block.note ? 'Note' : undefined,
		keepNext: introducesNext || undefined,
		children: runs(block.text)
	});
}

/** Word's own bullets or numbers, so that an edited list stays a list. */
function list(writing: Writing, block: Extract<Block, { kind: 'list' }>): Paragraph[] {
	const numbering = block.ordered
		? { reference: NUMBERS, level: 0, instance: ++writing.lists }
		: { reference: BULLETS, level: 0 };
	return block.items.map((item) => para(writing, { numbering, children: runs(item) }));
}

/** Spaces that Word does not break a line at: a time or a count stays on one line. */
const unbroken = (text: string) => text.replace(/ /g, '\u00A0');

function cell(
	writing: Writing,
	text: string,
	width: number,
	options: { size: number; header?: boolean; label?: boolean; nowrap?: boolean; mark?: string }
) {
	const fill = options.header ? HEADER_FILL : options.label ? LABEL_FILL : undefined;
	// The mark goes under a value, or in its place when there is none.
	const mark = options.mark
		? [...(text === '' ? [] : [new TextRun({ break: 1 })]), markRun(options.mark, options.size)]
		: [];
	return new TableCell({
		width: { size: width, type: WidthType.DXA },
		shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill } : undefined,
		children: [
			para(writing, {
				style: 'TableText',
				children: [
					...runs(options.nowrap ? unbroken(text) : text, {
						size: options.size,
						bold: options.header || options.label
					}),
					...mark
				]
			})
		]
	});
}

function grid(writing: Writing, widths: number[], rows: TableRow[]): Table {
	const line: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: RULE };
	return new Table({
		width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
		visuallyRightToLeft: writing.rtl || undefined,
		columnWidths: widths,
		layout: TableLayoutType.FIXED,
		margins: CELL_MARGIN,
		borders: {
			top: line,
			bottom: line,
			left: line,
			right: line,
			insideHorizontal: line,
			insideVertical: line
		},
		rows
	});
}

/** Arial's advance widths in ems, by kind of character: close enough to choose column widths. */
function ems(text: string, bold: boolean): number {
	let width = 0;
	for (const char of text) {
		if (/[ijlI.,:;!|'’ ]/.test(char)) width += 0.28;
		else if (/[ftr\-()/]/.test(char)) width += 0.33;
		else if (/[mwMW]/.test(char)) width += 0.85;
		else if (/[A-Z]/.test(char)) width += 0.7;
		else width += 0.56;
	}
	return bold ? width * 1.06 : width;
}

/** A column of counts, shares, times or dashes: it needs no more room than its longest entry. */
const NUMERIC = /^[\d\s%.,:+\u2212\u2013\u2014-]*$/;

/**
 * Column widths as a browser's automatic table layout chooses them: each column gets at least its
 * longest word (a hyphenated word may break after the hyphen), and the space left is shared in
 * proportion to how much more each column would take to keep its lines whole. A `nowrap` column
 * is as wide as its longest entry (its heading may still wrap). When everything fits, the room
 * left goes to the columns of text, not to numbers and times.
 */
export function columnWidths(
	header: string[],
	rows: string[][],
	size: number,
	total = TEXT_WIDTH,
	nowrap: readonly number[] = []
): number[] {
	const padding = CELL_MARGIN.left + CELL_MARGIN.right + 30;
	const twips = (text: string, bold: boolean) => Math.ceil(ems(text, bold) * (size / 2) * 20) + padding;
	const widest = (column: number, parts: (text: string) => string[], body = false) =>
		Math.max(
			...[header, ...rows].flatMap((row, index) =>
				(body && index === 0 ? [] : parts(row[column] ?? '')).map((part) => twips(part, index === 0))
			)
		);
	const words = (text: string) => text.split(/\s+|(?<=-)/);
	const lines = (text: string) => text.split('\n');
	const columns = header.map((_, column) => column);
	const kept = new Set(nowrap);
	// Estimates get a little slack where a line cannot break (a nowrap entry, a single word) if the
	// font on the reader's machine runs wider than Arial.
	const slack = (width: number, factor: number) => Math.ceil(width * factor);
	const minimum = columns.map((column) =>
		kept.has(column)
			? Math.max(slack(widest(column, lines, true), 1.05), slack(widest(column, words), 1.1))
			: slack(widest(column, words), 1.1)
	);
	const natural = columns.map((column) => Math.max(minimum[column], widest(column, lines)));
	const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

	let widths: number[];
	if (sum(natural) <= total) {
		const numeric = (column: number) => rows.every((row) => NUMERIC.test(row[column] ?? ''));
		const text = columns.filter((column) => !kept.has(column) && !numeric(column));
		const growing = text.length > 0 ? text : columns.filter((column) => !kept.has(column));
		const grow = growing.length > 0 ? growing : columns;
		const room = sum(grow.map((column) => natural[column]));
		widths = natural.map((width, column) =>
			grow.includes(column) ? width + ((total - sum(natural)) * width) / room : width
		);
	} else if (sum(minimum) >= total) {
		widths = minimum.map((width) => (width * total) / sum(minimum));
	} else {
		const spare = (total - sum(minimum)) / (sum(natural) - sum(minimum));
		widths = minimum.map((width, i) => width + (natural[i] - width) * spare);
	}
	const rounded = widths.map(Math.floor);
	rounded[rounded.length - 1] += total - sum(rounded);
	return rounded;
}

function table(writing: Writing, block: Extract<Block, { kind: 'table' }>): FileChild[] {
	const count = Math.max(block.columns.length, ...block.rows.map((row) => row.length));
	const pad = (row: string[]) => Array.from({ length: count }, (_, i) => row[i] ?? '');
	const size = count >= WIDE_TABLE_COLUMNS ? WIDE_TABLE_SIZE : TABLE_SIZE;
	const columns = pad(block.columns);
	const rows = block.rows.map(pad);
	const nowrap = new Set(block.nowrap ?? []);
	const widths = columnWidths(
		columns,
		rows,
		size,
		block.wide ? LANDSCAPE_TEXT_WIDTH : TEXT_WIDTH,
		block.nowrap
	);
	const header = new TableRow({
		tableHeader: true,
		cantSplit: true,
		keepNext: true,
		children: columns.map((text, i) => cell(writing, text, widths[i], { size, header: true }))
	});
	const body = rows.map(
		(row) =>
			new TableRow({
				cantSplit: true,
				children: row.map((text, i) => cell(writing, text, widths[i], { size, nowrap: nowrap.has(i) }))
			})
	);
	const caption = block.caption
		? [para(writing, { style: 'Caption', keepNext: true, children: runs(block.caption) })]
		: [];
	return [...caption, grid(writing, widths, [header, ...body])];
}

function fields(writing: Writing, block: Extract<Block, { kind: 'fields' }>): Table {
	const label = Math.round(TEXT_WIDTH * FIELD_LABEL_SHARE);
	const widths = [label, TEXT_WIDTH - label];
	return grid(
		writing,
		widths,
		block.entries.map(
			(entry, index) =>
				new TableRow({
					cantSplit: true,
					// A short form of label and value pairs reads best on one page.
					keepNext: index < block.entries.length - 1 || undefined,
					children: [
						cell(writing, entry.label, widths[0], { size: TABLE_SIZE, label: true }),
						cell(writing, entry.value, widths[1], { size: TABLE_SIZE, mark: entry.mark })
					]
				})
		)
	);
}

/**
 * Word joins two tables that touch into one, and a paragraph straight after a table sits on its
 * border: a small empty paragraph after each table prevents both.
 */
const spacer = (writing: Writing) => para(writing, { style: 'TableSpacer' });

function blockChildren(writing: Writing, blocks: Block[]): FileChild[] {
	return blocks.flatMap((block, index): FileChild[] => {
		const next = blocks[index + 1]?.kind;
		switch (block.kind) {
			case 'heading':
				return [heading(writing, block)];
			case 'paragraph':
				return [paragraph(writing, block, next === 'table' || next === 'fields' || next === 'list')];
			case 'list':
				return list(writing, block);
			case 'table':
				return block.columns.length + block.rows.length > 0
					? [...table(writing, block), spacer(writing)]
					: [];
			case 'fields':
				return block.entries.length > 0 ? [fields(writing, block), spacer(writing)] : [];
			case 'appendix':
				return [heading(writing, { kind: 'heading', level: 1, text: block.title }, true)];
		}
	});
}

function headingStyle(size: number, outlineLevel: number, spacingBefore: number) {
	return {
		run: { font: FONT, size, bold: true, color: HEADING_INK },
		paragraph: {
			keepNext: true,
			keepLines: true,
			outlineLevel,
			spacing: { before: spacingBefore, after: 120 }
		}
	};
}

const pageFooter = (writing: Writing, words: ReportDocument['pageNumbers']) =>
	new Footer({
		children: [
			para(writing, {
				alignment: AlignmentType.CENTER,
				children: [
					new TextRun({
						size: 16,
						color: GREY,
						children: [words.before, PageNumber.CURRENT, words.between, PageNumber.TOTAL_PAGES, words.after]
					})
				]
			})
		]
	});

/** The report as a Word document: styles Word knows (Title, Heading 1–3), so its navigation pane works. */
export async function reportDocx(doc: ReportDocument): Promise<Buffer> {
	const writing: Writing = { rtl: doc.dir === 'rtl', lists: 0 };
	const language = { value: doc.locale, bidirectional: writing.rtl ? doc.locale : undefined };
	const opening = [
		para(writing, { heading: HeadingLevel.TITLE, children: runs(doc.title.replace(/\n/g, ' ')) }),
		para(writing, { style: 'Subtitle', children: runs(doc.subtitle) })
	];
	const pages = pageRuns(doc.blocks);
	if (pages.length === 0) pages.push({ landscape: false, blocks: [] });
	const sections = pages.map((run, index) => ({
		properties: {
			page: {
				size: { ...A4, orientation: run.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
				margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 }
			}
		},
		footers: { default: pageFooter(writing, doc.pageNumbers) },
		children: [...(index === 0 ? opening : []), ...blockChildren(writing, run.blocks)]
	}));
	const document = new Document({
		title: xmlSafe(doc.title),
		subject: xmlSafe(doc.subject),
		description: xmlSafe(doc.subtitle),
		creator: 'Plenary',
		lastModifiedBy: 'Plenary',
		styles: {
			default: {
				document: {
					run: { font: FONT, size: BODY_SIZE, color: INK, language, rightToLeft: writing.rtl || undefined },
					paragraph: { spacing: { after: 120, line: 264 } }
				},
				title: {
					run: { font: FONT, size: 40, bold: true, color: HEADING_INK },
					paragraph: { spacing: { after: 60 } }
				},
				heading1: headingStyle(32, 0, 360),
				heading2: headingStyle(28, 1, 320),
				heading3: headingStyle(23, 2, 240),
				caption: { run: { font: FONT, size: TABLE_SIZE, bold: true, color: INK } }
			},
			paragraphStyles: [
				{
					id: 'Subtitle',
					name: 'Subtitle',
					basedOn: 'Normal',
					next: 'Normal',
					quickFormat: true,
					run: { size: 24, color: GREY },
					paragraph: { spacing: { after: 240 } }
				},
				{
					id: 'Note',
					name: 'Note',
					basedOn: 'Normal',
					quickFormat: true,
					run: { size: TABLE_SIZE, color: GREY }
				},
				{
					id: 'TableText',
					name: 'Table Text',
					basedOn: 'Normal',
					paragraph: { spacing: { after: 0, line: 240 } }
				},
				{
					id: 'TableSpacer',
					name: 'Table Spacer',
					basedOn: 'Normal',
					run: { size: 12 },
					paragraph: { spacing: { after: 120, line: 240 } }
				}
			]
		},
		numbering: {
			config: [
				{
					reference: BULLETS,
					levels: [
						{
							level: 0,
							format: LevelFormat.BULLET,
							text: '•',
							alignment: AlignmentType.START,
							style: { paragraph: { indent: { left: 425, hanging: 283 }, spacing: { after: 60 } } }
						}
					]
				},
				{
					reference: NUMBERS,
					levels: [
						{
							level: 0,
							format: LevelFormat.DECIMAL,
							text: '%1.',
							alignment: AlignmentType.START,
							style: { paragraph: { indent: { left: 425, hanging: 283 }, spacing: { after: 60 } } }
						}
					]
				}
			]
		},
		sections
	});
	return Packer.toBuffer(document);
}
