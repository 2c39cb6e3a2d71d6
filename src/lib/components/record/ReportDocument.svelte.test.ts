/**
 * The printable report, rendered in a real browser from the blocks the exports share: real lists,
 * marks beside what is still as prefilled, times kept on one line, wide tables on landscape
 * pages, the appendix apart, and the report's language and direction.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render, cleanup } from 'vitest-browser-svelte';
import ReportDocument from './ReportDocument.svelte';
import { bpfCybersecurityReport } from '$lib/server/export/fixtures';

afterEach(() => cleanup());

const article = (container: HTMLElement) => {
	const found = container.querySelector('article');
	if (!found) throw new Error('no article');
	return found;
};

describe('the printable report', () => {
	it('writes lists as lists, an ordered one numbered, with each item as it was written', async () => {
		const screen = await render(ReportDocument, { props: { report: bpfCybersecurityReport } });
		const ordered = [...screen.container.querySelectorAll('ol > li')].map((li) => li.textContent);
		expect(ordered).toEqual([
			'1. Make security by design a condition of public procurement.',
			'- Fund a CERT in every least developed country,\nwith a regional peer to learn from.',
			'Publish the BPF output: see https://www.intgovforum.org/multilingual/content/bpf-cybersecurity.'
		]);
		expect(screen.container.querySelectorAll('ul > li').length).toBe(2 + 3 + 2 + 2);
	});

	it('shows a mark beside a heading and under a field, apart from the text', async () => {
		const screen = await render(ReportDocument, { props: { report: bpfCybersecurityReport } });
		const heading = [...screen.container.querySelectorAll('h3')].find((h) =>
			h.textContent?.startsWith('Key issues raised')
		);
		expect(heading?.querySelector('.mark')?.textContent).toBe('Prefilled, not yet checked');
		const mark = heading?.querySelector('.mark');
		if (!mark) throw new Error('no mark');
		expect(getComputedStyle(mark).fontStyle).toBe('italic');
		const field = [...screen.container.querySelectorAll('.fields tr')].find((tr) =>
			tr.textContent?.includes('Participants (estimate)')
		);
		expect(field?.querySelector('td .mark')?.textContent).toBe('For the rapporteur to fill in');
	});

	it('keeps the times of the timeline on one line, even on a narrow page', async () => {
		await page.viewport(420, 800);
		const screen = await render(ReportDocument, { props: { report: bpfCybersecurityReport } });
		const kept = [...screen.container.querySelectorAll<HTMLElement>('.nowrap')];
		expect(kept.length).toBeGreaterThan(10);
		const wrapped = kept.filter((cell) => {
			const range = document.createRange();
			range.selectNodeContents(cell);
			const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
			return lines.size > 1;
		});
		expect(wrapped.map((cell) => cell.textContent)).toEqual([]);
		expect(kept.map((cell) => cell.textContent)).toContain('09:00 UTC');
	});

	it('puts wide tables, with the lines that introduce them, on landscape pages, and the appendix apart', async () => {
		const screen = await render(ReportDocument, { props: { report: bpfCybersecurityReport } });
		const landscape = [...screen.container.querySelectorAll('.landscape')];
		expect(landscape).toHaveLength(1);
		expect(landscape[0].querySelectorAll('table')).toHaveLength(2);
		expect(landscape[0].querySelectorAll('p')).toHaveLength(2);
		const appendix = screen.container.querySelector('h1.appendix');
		expect(appendix?.textContent).toBe('Appendix: the session in detail');
	});

	it('says the report’s language and direction', async () => {
		const screen = await render(ReportDocument, {
			props: { report: { ...bpfCybersecurityReport, locale: 'ar', dir: 'rtl' } }
		});
		expect(article(screen.container).getAttribute('lang')).toBe('ar');
		expect(article(screen.container).getAttribute('dir')).toBe('rtl');
		const cell = screen.container.querySelector('td');
		if (!cell) throw new Error('no cell');
		expect(getComputedStyle(cell).textAlign).toBe('start');
		expect(getComputedStyle(cell).direction).toBe('rtl');
	});
});
