/**
 * The integration tests start the production build: rebuild it first if the source changed
 * since (scripts/fresh-build.js), so a run after an edit never tests the code before it.
 */
import { ensureFreshBuild } from '../../../scripts/fresh-build.js';

export default async function setup(): Promise<void> {
	await ensureFreshBuild();
}
