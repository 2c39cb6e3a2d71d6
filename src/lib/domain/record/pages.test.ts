import { describe, expect, it } from 'vitest';
import { pageRuns } from './pages';

describe('pageRuns', () => {
	it('keeps the report in one portrait run when no table is wide', () => {
		expect(pageRuns([{ kind: 'paragraph', text: 'a' }]).map((run) => run.landscape)).toEqual([false]);
	});

	it('gives a wide table and the heading and line introducing it a landscape run', () => {
		const runs = pageRuns([
			{ kind: 'heading', level: 3, text: 'Poll' },
			{ kind: 'paragraph', text: 'By group:' },
			{ kind: 'table', columns: ['a'], rows: [], wide: true },
			{ kind: 'paragraph', text: 'After' }
		]);
		expect(runs.map((run) => [run.landscape, run.blocks.length])).toEqual([
			[true, 3],
			[false, 1]
		]);
	});

	it('leaves a note before a wide table, and what comes before it, on the portrait page', () => {
		const runs = pageRuns([
			{ kind: 'heading', level: 3, text: 'Poll' },
			{ kind: 'paragraph', text: 'Multiple choice · 6 ballots', note: true },
			{ kind: 'table', columns: ['a'], rows: [], wide: true }
		]);
		expect(runs.map((run) => [run.landscape, run.blocks.length])).toEqual([
			[false, 2],
			[true, 1]
		]);
	});

	it('puts wide tables that follow each other, and the lines between them, on the same landscape pages', () => {
		const runs = pageRuns([
			{ kind: 'paragraph', text: 'By group:' },
			{ kind: 'table', columns: ['a'], rows: [], wide: true },
			{ kind: 'paragraph', text: 'By mode:' },
			{ kind: 'table', columns: ['a'], rows: [], wide: true },
			{ kind: 'table', columns: ['a'], rows: [] }
		]);
		expect(runs.map((run) => [run.landscape, run.blocks.length])).toEqual([
			[true, 4],
			[false, 1]
		]);
	});
});
