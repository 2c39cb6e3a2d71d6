import type { Block } from './layout';

/** A run of blocks on pages of one orientation. */
export interface PageRun {
	landscape: boolean;
	blocks: Block[];
}

const isWide = (block: Block | undefined) => block?.kind === 'table' && block.wide === true;

/** Headings and lines that introduce what follows: they go to the page of the table they lead to. */
const leadsIn = (block: Block) => block.kind === 'heading' || (block.kind === 'paragraph' && !block.note);

/**
 * The blocks cut into runs of portrait and landscape pages, for the DOCX and the printed page: a
 * wide table goes on a landscape page with the heading and lines that introduce it, and wide
 * tables that follow each other share their pages.
 */
export function pageRuns(blocks: Block[]): PageRun[] {
	const landscape = blocks.map(isWide);
	for (let index = blocks.length - 1; index > 0; index--) {
		if (landscape[index] && !landscape[index - 1] && leadsIn(blocks[index - 1])) landscape[index - 1] = true;
	}
	const runs: PageRun[] = [];
	blocks.forEach((block, index) => {
		const last = runs[runs.length - 1];
		if (last && last.landscape === landscape[index]) last.blocks.push(block);
		else runs.push({ landscape: landscape[index], blocks: [block] });
	});
	return runs;
}
