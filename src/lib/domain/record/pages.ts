import type { Block } from './layout';

/** A run of blocks on pages of one orientation. */
export interface PageRun {
	landscape: boolean;
	blocks: Block[];
}

const isWide = (block: Block | undefined) => block?.kind === 'table' && block.wide === true;

/**
 * The blocks cut into runs of portrait and landscape pages, for the DOCX and the printed page: a
 * wide table goes on a landscape page with the line that introduces it, and wide tables that
 * follow each other share their pages.
 */
export function pageRuns(blocks: Block[]): PageRun[] {
	const runs: PageRun[] = [];
	blocks.forEach((block, index) => {
		const landscape = isWide(block) || (block.kind === 'paragraph' && isWide(blocks[index + 1]));
		const last = runs[runs.length - 1];
		if (last && last.landscape === landscape) last.blocks.push(block);
		else runs.push({ landscape, blocks: [block] });
	});
	return runs;
}
