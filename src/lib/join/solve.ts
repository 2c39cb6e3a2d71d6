import type { Challenge } from 'altcha-lib';

/**
 * Solves a join challenge in a Web Worker (the page stays responsive) and gives the proof as the
 * join form sends it. Loaded only by a phone that has not joined yet.
 */
export function solveJoinChallenge(challenge: Challenge): Promise<string> {
	const worker = new Worker(new URL('./solver.worker.ts', import.meta.url), { type: 'module' });
	return new Promise<string>((resolve, reject) => {
		worker.onmessage = ({ data }: MessageEvent<{ solution?: unknown; error?: string }>) => {
			if (data.solution) resolve(JSON.stringify({ challenge, solution: data.solution }));
			else reject(new Error(data.error ?? 'no solution'));
		};
		worker.onerror = (event) => reject(new Error(event.message));
		worker.postMessage(challenge);
	}).finally(() => worker.terminate());
}
