import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	HeadingLevel,
	LevelFormat,
	Packer,
	PageNumber,
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
	type IRunOptions
} from 'docx';
import type { Block, ReportDocument } from '$lib/domain/record/layout';

/*
 * Sizes are in twips (1/20 pt) and font sizes in half-points, as Word stores them. Arial, because
 * LibreOffice and Google Docs have a metric-compatible font for it: the tables wrap where Word
 * wraps them.
 */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134; // 2 cm
const TEXT_WIDTH = A4.width - 2 * MARGIN;
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

const HEADINGS = {
	1: HeadingLevel.HEADING_1,
	2: HeadingLevel.HEADING_2,
	3: HeadingLevel.HEADING_3
} as const;

type RunStyle = Omit<IRunOptions, 'text' | 'children' | 'break'>;

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

function heading(block: Extract<Block, { kind: 'heading' }>): Paragraph {
	return new Paragraph({ heading: HEADINGS[block.level], children: runs(block.text.replace(/\n/g, ' ')) });
}

function paragraph(block: Extract<Block, { kind: 'paragraph' }>, introducesNext: boolean): Paragraph {
	return new Paragraph({
		style: block.note ? 'Note' : undefined,
		keepNext: introducesNext || undefined,
		children: runs(block.text)
	});
}

function list(block: Extract<Block, { kind: 'list' }>): Paragraph[] {
	return block.items.map(
		(item) => new Paragraph({ numbering: { reference: BULLETS, level: 0 }, children: runs(item) })
	);
}

function cell(text: string, width: number, options: { size: number; header?: boolean; label?: boolean }) {
	const fill = options.header ? HEADER_FILL : options.label ? LABEL_FILL : undefined;
	return new TableCell({
		width: { size: width, type: WidthType.DXA },
		shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill } : undefined,
		children: [
			new Paragraph({
				style: 'TableText',
				children: runs(text, { size: options.size, bold: options.header || options.label })
			})
		]
	});
}

function grid(widths: number[], rows: TableRow[]): Table {
	const line: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: RULE };
	return new Table({
		width: { size: TEXT_WIDTH, type: WidthType.DXA },
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

/**
 * Column widths as a browser's automatic table layout chooses them: each column gets at least its
 * longest word (a hyphenated word may break after the hyphen), and the space left is shared in
 * proportion to how much more each column would take to keep its lines whole.
 */
export function columnWidths(header: string[], rows: string[][], size: number, total = TEXT_WIDTH): number[] {
	const padding = CELL_MARGIN.left + CELL_MARGIN.right + 30;
	const twips = (text: string, bold: boolean) => Math.ceil(ems(text, bold) * (size / 2) * 20) + padding;
	const widest = (column: number, parts: (text: string) => string[]) =>
		Math.max(
			...[header, ...rows].flatMap((row, index) =>
				parts(row[column] ?? '').map((part) => twips(part, index === 0))
			)
		);
	const columns = header.map((_, column) => column);
	const minimum = columns.map((column) => widest(column, (text) => text.split(/\s+|(?<=-)/)));
	const natural = columns.map((column) => widest(column, (text) => text.split('\n')));
	const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

	let widths: number[];
	if (sum(natural) <= total) {
		widths = natural.map((width) => (width * total) / sum(natural));
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

function table(block: Extract<Block, { kind: 'table' }>): FileChild[] {
	const count = Math.max(block.columns.length, ...block.rows.map((row) => row.length));
	const pad = (row: string[]) => Array.from({ length: count }, (_, i) => row[i] ?? '');
	const size = count >= WIDE_TABLE_COLUMNS ? WIDE_TABLE_SIZE : TABLE_SIZE;
	const columns = pad(block.columns);
	const rows = block.rows.map(pad);
	const widths = columnWidths(columns, rows, size);
	const header = new TableRow({
		tableHeader: true,
		cantSplit: true,
		keepNext: true,
		children: columns.map((text, i) => cell(text, widths[i], { size, header: true }))
	});
	const body = rows.map(
		(row) =>
			new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, widths[i], { size })) })
	);
	const caption = block.caption
		? [new Paragraph({ style: 'Caption', keepNext: true, children: runs(block.caption) })]
		: [];
	return [...caption, grid(widths, [header, ...body])];
}

function fields(block: Extract<Block, { kind: 'fields' }>): Table {
	const label = Math.round(TEXT_WIDTH * FIELD_LABEL_SHARE);
	const widths = [label, TEXT_WIDTH - label];
	return grid(
		widths,
		block.entries.map(
			(entry, index) =>
				new TableRow({
					cantSplit: true,
					// A short form of label and value pairs reads best on one page.
					keepNext: index < block.entries.length - 1 || undefined,
					children: [
						cell(entry.label, widths[0], { size: TABLE_SIZE, label: true }),
						cell(entry.value, widths[1], { size: TABLE_SIZE })
					]
				})
		)
	);
}

/**
 * Word joins two tables that touch into one, and a paragraph straight after a table sits on its
 * border: a small empty paragraph after each table prevents both.
 */
const spacer = () => new Paragraph({ style: 'TableSpacer' });

function blockChildren(blocks: Block[]): FileChild[] {
	return blocks.flatMap((block, index): FileChild[] => {
		const next = blocks[index + 1]?.kind;
		switch (block.kind) {
			case 'heading':
				return [heading(block)];
			case 'paragraph':
				return [paragraph(block, next === 'table' || next === 'fields' || next === 'list')];
			case 'list':
				return list(block);
			case 'table':
				return block.columns.length + block.rows.length > 0 ? [...table(block), spacer()] : [];
			case 'fields':
				return block.entries.length > 0 ? [fields(block), spacer()] : [];
			case 'appendix':
				return [heading({ kind: 'heading', level: 1, text: block.title })];
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

const pageFooter = () =>
	new Footer({
		children: [
			new Paragraph({
				alignment: AlignmentType.CENTER,
				children: [
					new TextRun({
						size: 16,
						color: GREY,
						children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES]
					})
				]
			})
		]
	});

/** The report as a Word document: styles Word knows (Title, Heading 1–3), so its navigation pane works. */
export async function reportDocx(doc: ReportDocument): Promise<Buffer> {
	const document = new Document({
		title: xmlSafe(doc.title),
		subject: 'Session report',
		description: xmlSafe(doc.subtitle),
		creator: 'Plenary',
		lastModifiedBy: 'Plenary',
		styles: {
			default: {
				document: {
					run: { font: FONT, size: BODY_SIZE, color: INK },
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
							alignment: AlignmentType.LEFT,
							style: { paragraph: { indent: { left: 425, hanging: 283 }, spacing: { after: 60 } } }
						}
					]
				}
			]
		},
		sections: [
			{
				properties: {
					page: {
						size: A4,
						margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 }
					}
				},
				footers: { default: pageFooter() },
				children: [
					new Paragraph({ heading: HeadingLevel.TITLE, children: runs(doc.title.replace(/\n/g, ' ')) }),
					new Paragraph({ style: 'Subtitle', children: runs(doc.subtitle) }),
					...blockChildren(doc.blocks)
				]
			}
		]
	});
	return Packer.toBuffer(document);
}
