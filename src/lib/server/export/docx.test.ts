import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { columnWidths, reportDocx } from './docx';
import { bpfCybersecurityReport } from './fixtures';
import type { ReportDocument } from '$lib/domain/record/layout';

async function unpack(doc: ReportDocument) {
	const zip = await JSZip.loadAsync(await reportDocx(doc));
	const read = async (path: string) => {
		const file = zip.file(path);
		if (!file) throw new Error(`${path} is missing from the package`);
		return file.async('string');
	};
	return { zip, read };
}

/** The text of each paragraph of a given style, runs and line breaks joined. */
function paragraphsOfStyle(xml: string, style: string): string[] {
	return [...xml.matchAll(/<w:p>(.*?)<\/w:p>/g)]
		.map((match) => match[1])
		.filter((paragraph) => paragraph.includes(`<w:pStyle w:val="${style}"/>`))
		.map((paragraph) => [...paragraph.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

describe('the BPF Cybersecurity report as DOCX', () => {
	let document: string;
	let read: (path: string) => Promise<string>;

	beforeAll(async () => {
		({ read } = await unpack(bpfCybersecurityReport));
		document = await read('word/document.xml');
	});

	it('uses Word’s Title and Heading styles, so the navigation pane lists the sections', async () => {
		expect(paragraphsOfStyle(document, 'Title')).toEqual(['IGF 2017 Best Practice Forum on Cybersecurity']);
		expect(paragraphsOfStyle(document, 'Subtitle')[0]).toMatch(/^20 December 2017, 10:00–11:30/);
		expect(paragraphsOfStyle(document, 'Heading2')).toEqual(
			expect.arrayContaining(['Session report', 'Polls', 'Agreed topics', 'Speakers from the floor'])
		);
		expect(paragraphsOfStyle(document, 'Heading3')).toContain(
			'Which topics should the BPF on Cybersecurity take up in 2018?'
		);
		const styles = await read('word/styles.xml');
		expect(styles).toMatch(/w:styleId="Heading2".*?<w:outlineLvl w:val="1"\/>/s);
	});

	it('writes one table per table or fields block, with a repeating shaded header row', () => {
		const tables = bpfCybersecurityReport.blocks.filter((b) => b.kind === 'table' || b.kind === 'fields');
		expect(document.match(/<w:tbl>/g)).toHaveLength(tables.length);
		const headerRows = [...document.matchAll(/<w:tr><w:trPr><w:cantSplit\/><w:tblHeader\/>(.*?)<\/w:tr>/g)];
		expect(headerRows).toHaveLength(tables.filter((b) => b.kind === 'table').length);
		expect(headerRows[0][1]).toContain('w:fill="DCE3EC"');
		expect(headerRows[0][1]).toContain('<w:b/>');
	});

	it('puts the breakdown cells in the table, suppressed groups included', () => {
		const breakdown = document
			.split('<w:tbl>')
			.find(
				(table) => table.includes('>Stakeholder group<') && table.includes('>Intergovernmental organisation<')
			);
		expect(breakdown?.match(/<w:gridCol /g)).toHaveLength(9);
		expect(breakdown?.match(/<w:t xml:space="preserve">too few to show<\/w:t>/g)).toHaveLength(7);
	});

	it('writes list items as bulleted paragraphs of a numbering definition', async () => {
		const item = [...document.matchAll(/<w:p>(.*?)<\/w:p>/g)].find((p) =>
			p[1].includes('Cybersecurity culture, norms and values in 2018 — declared')
		);
		expect(item?.[1]).toMatch(/<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
		expect(await read('word/numbering.xml')).toContain('<w:numFmt w:val="bullet"/>');
	});

	it('numbers an ordered list with a decimal numbering of its own, items written as they are', async () => {
		const paragraphs = [...document.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((p) => p[1]);
		const item = (text: string) => paragraphs.find((p) => p.includes(text));
		const numId = (p: string | undefined) => p?.match(/<w:numId w:val="(\d+)"\/>/)?.[1];
		const first = item('1. Make security by design');
		const second = item('- Fund a CERT in every least developed country');
		expect(numId(first)).toBeDefined();
		expect(numId(second)).toBe(numId(first));
		expect(numId(first)).not.toBe(numId(item('Cybersecurity culture, norms and values in 2018 — declared')));
		const numbering = await read('word/numbering.xml');
		expect(numbering).toContain('<w:numFmt w:val="decimal"/>');
		expect(numbering).toContain('<w:lvlText w:val="%1."/>');
	});

	it('writes a heading’s mark beside it, in grey italics, and a field’s mark under its value', () => {
		const heading = [...document.matchAll(/<w:p>(.*?)<\/w:p>/g)].find((p) =>
			p[1].includes('Key issues raised (one sentence each)')
		)?.[1];
		expect(heading).toContain('<w:pStyle w:val="Heading3"/>');
		expect(heading).toMatch(
			/<w:rPr><w:b w:val="false"\/>.*?<w:i\/>.*?<w:color w:val="595959"\/>.*?<\/w:rPr><w:t xml:space="preserve">Prefilled, not yet checked<\/w:t>/
		);
		const cell = document.match(/<w:tc>(?:(?!<w:tc>).)*?For the rapporteur to fill in.*?<\/w:tc>/)?.[0];
		expect(cell).toMatch(/<w:i\/>.*?<w:t xml:space="preserve">For the rapporteur to fill in</);
		// With no value, the mark takes its place rather than a blank line.
		expect(cell).not.toContain('<w:br/>');
	});

	it('starts the appendix on a new page with a level 1 heading', () => {
		expect(document).toMatch(
			/<w:pPr><w:pStyle w:val="Heading1"\/><w:pageBreakBefore\/><\/w:pPr><w:r><w:t xml:space="preserve">Appendix: the session in detail</
		);
	});

	it('puts the wide breakdown tables, with their lines, in a landscape section of their own', () => {
		const sections = [...document.matchAll(/<w:sectPr>.*?<\/w:sectPr>/g)];
		// Portrait up to the breakdowns; landscape for the two breakdowns; portrait again to the end.
		expect(sections.map((m) => m[0].match(/<w:pgSz [^>]*\/>/)?.[0])).toEqual([
			'<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>',
			'<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>',
			'<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>'
		]);
		// A section's properties end it: the landscape one holds what follows the first.
		const wideSection = document.slice(sections[0].index, sections[1].index);
		expect(wideSection.match(/<w:tbl>/g)).toHaveLength(2);
		expect(wideSection).toContain('>By stakeholder group:<');
		expect(wideSection).toContain('>In the room and remote:<');
		expect(wideSection).not.toContain('>Agree<');
		for (const section of sections) expect(section[0]).toContain('<w:footerReference w:type="default"');
		// The landscape table spans the landscape text width.
		expect(wideSection).toContain('<w:tblW w:type="dxa" w:w="14570"/>');
	});

	it('keeps the times of the timeline on one line: no-break spaces in a column that fits them', () => {
		const timeline = document.split('<w:tbl>').find((table) => table.includes('>Session started<'));
		expect(timeline).toContain('>09:00\u00A0UTC<');
		const widths = [...(timeline?.matchAll(/<w:gridCol w:w="(\d+)"\/>/g) ?? [])].map((m) => Number(m[1]));
		// "09:00 UTC" in 9 pt Arial is about 40 pt: with the cell margins about 1,000 twips.
		expect(widths[0]).toBeGreaterThan(900);
		expect(widths[0]).toBeLessThan(1400);
		expect(widths[2]).toBeGreaterThan(widths[0] + widths[1]);
	});

	it('escapes user text in the XML and writes it out literally', () => {
		expect(document).toContain('law enforcement &amp; industry when they are &lt;24 h old?');
		expect(document).toContain('apply to &lt;script&gt; kiddies');
		expect(document).toContain('asked for &lt;concrete&gt; examples &amp; fewer');
		expect(document).toContain('are *wishes* — see [GFCE](https://thegfce.org)');
		expect(document).not.toMatch(/<script>|<concrete>|&amp;lt;/);
	});

	it('keeps line breaks inside paragraphs and cells', () => {
		expect(document).toMatch(
			/Who pays for capacity building<\/w:t><\/w:r><w:r>(<w:rPr>.*?<\/w:rPr>)?<w:br\/><w:t xml:space="preserve">in least developed countries\?/
		);
		expect(document).toMatch(/Kenji Watanabe, national CERT, Government<\/w:t><\/w:r><w:r><w:br\/>/);
	});

	it('sets notes in the small grey Note style', async () => {
		expect(paragraphsOfStyle(document, 'Note')).toContain(
			'Multiple choice · 64 ballots · closed at 10:15 UTC'
		);
		expect(await read('word/styles.xml')).toMatch(/w:styleId="Note".*?<w:color w:val="595959"\/>/s);
	});

	it('is A4 with "Page N of M" in the footer and the title in the properties', async () => {
		expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
		const footer = await read('word/footer1.xml');
		expect(footer).toContain('>Page </w:t>');
		expect(footer).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
		expect(footer).toMatch(/<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
		const core = await read('docProps/core.xml');
		expect(core).toContain('<dc:title>IGF 2017 Best Practice Forum on Cybersecurity</dc:title>');
		expect(core).toContain('<dc:creator>Plenary</dc:creator>');
	});
});

describe('DOCX edge cases', () => {
	it('drops characters that XML cannot carry instead of writing a file Word refuses', async () => {
		const { read } = await unpack({
			locale: 'en',
			dir: 'ltr',
			subject: 'Session report',
			pageNumbers: { before: 'Page ', between: ' of ', after: '' },
			title: 'Bell\u0007 and half a pair \uD83D',
			subtitle: 'Form feed\f',
			blocks: [{ kind: 'heading', level: 1, text: 'Null\u0000 heading' }]
		});
		const document = await read('word/document.xml');
		// eslint-disable-next-line no-control-regex -- asserting these are gone
		expect(document).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
		expect(paragraphsOfStyle(document, 'Title')).toEqual(['Bell and half a pair \uFFFD']);
		expect(paragraphsOfStyle(document, 'Heading1')).toEqual(['Null heading']);
	});

	it('escapes the title in the document properties too', async () => {
		const { read } = await unpack({
			locale: 'en',
			dir: 'ltr',
			subject: 'Session report',
			pageNumbers: { before: 'Page ', between: ' of ', after: '' },
			title: 'Q&A on <CERTs>',
			subtitle: 'Geneva & remote',
			blocks: []
		});
		const core = await read('docProps/core.xml');
		expect(core).toContain('<dc:title>Q&amp;A on &lt;CERTs&gt;</dc:title>');
		expect(core).toContain('<dc:description>Geneva &amp; remote</dc:description>');
	});

	it('writes an empty table as its header row and a caption above it', async () => {
		const { read } = await unpack({
			locale: 'en',
			dir: 'ltr',
			subject: 'Session report',
			pageNumbers: { before: 'Page ', between: ' of ', after: '' },
			title: 'T',
			subtitle: '',
			blocks: [{ kind: 'table', columns: ['Question', 'Upvotes'], rows: [], caption: 'No questions' }]
		});
		const document = await read('word/document.xml');
		expect(paragraphsOfStyle(document, 'Caption')).toEqual(['No questions']);
		expect(document.match(/<w:tr>/g)).toHaveLength(1);
	});
});

describe('language and direction', () => {
	const report = (locale: string, dir: 'ltr' | 'rtl'): ReportDocument => ({
		locale,
		dir,
		subject: 'تقرير الجلسة',
		pageNumbers: { before: 'الصفحة ', between: ' من ', after: '' },
		title: 'منتدى',
		subtitle: '',
		blocks: [
			{ kind: 'paragraph', text: 'نص' },
			{ kind: 'table', columns: ['أ', 'ب'], rows: [['1', '2']] }
		]
	});

	it('sets the document’s language on its default run style', async () => {
		const { read } = await unpack(report('fr', 'ltr'));
		const styles = await read('word/styles.xml');
		expect(styles).toMatch(/<w:rPrDefault><w:rPr>.*?<w:lang w:val="fr"\/>/s);
		expect(styles).not.toContain('<w:rtl/>');
		expect(await read('word/document.xml')).not.toMatch(/<w:bidi\/>|<w:bidiVisual\/>/);
	});

	it('lays a right-to-left document out right to left: paragraphs, tables and runs', async () => {
		const { read } = await unpack(report('ar', 'rtl'));
		const styles = await read('word/styles.xml');
		expect(styles).toMatch(/<w:rPrDefault><w:rPr>.*?<w:lang w:val="ar" w:bidi="ar"\/>/s);
		expect(styles).toMatch(/<w:rPrDefault><w:rPr>.*?<w:rtl\/>/s);
		const document = await read('word/document.xml');
		const paragraphs = document.match(/<w:p>.*?<\/w:p>/g) ?? [];
		expect(paragraphs.length).toBeGreaterThan(3);
		for (const paragraph of paragraphs) expect(paragraph).toContain('<w:bidi/>');
		expect(document).toContain('<w:bidiVisual/>');
	});

	it('numbers its pages in the report’s words, with the page fields where the language puts them', async () => {
		const { zip } = await unpack(report('ar', 'rtl'));
		const footers = Object.keys(zip.files).filter((name) => /^word\/footer\d+\.xml$/.test(name));
		expect(footers.length).toBeGreaterThan(0);
		const footer = (await zip.file(footers[0])!.async('string')).replace(/\s+/g, ' ');
		expect(footer).toMatch(/الصفحة .*PAGE.* من .*NUMPAGES/);
		expect(footer).not.toContain('Page');
	});
});

describe('columnWidths', () => {
	const header = ['Stakeholder group', 'Ballots', 'Norms of state behaviour', 'Gender and online abuse'];
	const rows = [
		['Intergovernmental organisation', '2', 'too few to show', 'too few to show'],
		['Government', '14', '10', '1']
	];

	it('fills the text width exactly', () => {
		expect(columnWidths(header, rows, 16, 9638).reduce((a, b) => a + b, 0)).toBe(9638);
		expect(columnWidths(['#'], [['1']], 18, 5000)).toEqual([5000]);
	});

	it('gives wordy columns more room than numbers, but never less than their longest word', () => {
		const [group, ballots, norms] = columnWidths(header, rows, 16, 9638);
		expect(group).toBeGreaterThan(norms);
		expect(norms).toBeGreaterThan(ballots);
		// "Ballots" in 8 pt bold is about 27 pt wide, plus the cell margins: 700 twips.
		expect(ballots).toBeGreaterThanOrEqual(700);
		expect(columnWidths(header, rows, 16, 4800)[1]).toBeGreaterThanOrEqual(700);
	});

	it('gives the room left to the text, not to times and counts', () => {
		const [time, event, detail] = columnWidths(
			['Time', 'Event', 'Detail'],
			[
				['15:02 UTC', 'Poll opened', 'Which topics should the BPF on Cybersecurity take up in 2018?'],
				['15:10 UTC', 'Session ended', '']
			],
			18,
			9638,
			[0]
		);
		expect(time).toBeLessThan(1300);
		expect(event).toBeLessThan(detail);
		const [answer, votes, share] = columnWidths(
			['Answer', 'Votes', 'Share'],
			[['Agree', '41', '71 %']],
			18,
			9638
		);
		expect(votes).toBeLessThan(1000);
		expect(share).toBeLessThan(1000);
		expect(answer).toBeGreaterThan(7500);
	});

	it('never squeezes a nowrap column below its longest entry', () => {
		const rows = [['09:00 UTC', 'A long detail that could wrap over many lines '.repeat(8)]];
		const [time] = columnWidths(['Time', 'Detail'], rows, 18, 9638, [0]);
		const [free] = columnWidths(['Time', 'Detail'], rows, 18, 9638);
		expect(time).toBeGreaterThan(free);
		expect(time).toBeGreaterThan(900);
	});
});
