import { startPlenary } from '../startup';
import { attachRealtime } from '.';

/** `vite dev` entry: the same start as production, run when Vite's server listens. */
export async function startForDev(): Promise<void> {
	await startPlenary();
	if (globalThis.plenaryHttpServer) attachRealtime(globalThis.plenaryHttpServer);
}
