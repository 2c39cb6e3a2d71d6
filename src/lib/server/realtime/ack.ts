import { waitHint, type Limit } from '../limits';
import type { z } from 'zod';
import type { Ack, AckError } from '$lib/realtime/protocol';

export const fail = (code: AckError['code'], message: string): { error: AckError } => ({
	error: { code, message }
});

/** Socket clients may omit the acknowledgement callback; a write is still validated and applied. */
export function ackOf<T>(candidate: unknown): (result: Ack<T>) => void {
	return typeof candidate === 'function' ? (candidate as (result: Ack<T>) => void) : () => {};
}

export function describeIssues(error: z.ZodError): string {
	return error.issues
		.slice(0, 3)
		.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
		.join('; ');
}

/**
 * Runs a handler so that no input can crash the server: a thrown error becomes an `internal`
 * acknowledgement and is logged once.
 */
export function guarded<T>(
	ack: (result: Ack<T>) => void,
	run: () => Ack<T> | Promise<Ack<T>>
): Promise<void> {
	return Promise.resolve()
		.then(run)
		.then(ack, (error: unknown) => {
			console.error('Plenary: socket handler failed', error);
			ack(fail('internal', 'The server could not process this request. Nothing was changed.'));
		});
}

/** Counts one action against a limit; a refusal says what was too much and how long to wait. */
export async function withinLimit(
	limit: Limit,
	key: string,
	what: string
): Promise<{ error: AckError } | null> {
	const wait = await limit.take(key);
	return wait === null ? null : fail('rate_limited', `${what}: try again in ${waitHint(wait)}.`);
}
