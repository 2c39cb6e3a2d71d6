import { deserialize } from '$app/forms';
import type { Challenge } from 'altcha-lib';
import { solveJoinChallenge } from './solve';

export type JoinResult = { joined: true } | { joined: false; message: string };

/** What the join action answers: a refusal carries a fresh challenge when trying again can help. */
interface Refused {
	message?: string;
	challenge?: Challenge;
}

const ATTEMPTS = 3;
const OFFLINE_RETRY_MS = 3000;

/**
 * Joins a meeting from its attendee page: solves the challenge, then asks the join action to make
 * this phone a participant (the action sets its cookie). A lost connection tries again; a refused
 * proof (expired while the phone slept) is solved again with the fresh challenge that came back.
 */
export async function joinMeeting(
	action: string,
	challenge: Challenge,
	fields: Record<string, string> = {}
): Promise<JoinResult> {
	let current = challenge;
	for (let attempt = 1; ; attempt++) {
		const body = new FormData();
		body.set('proof', await solveJoinChallenge(current));
		for (const [name, value] of Object.entries(fields)) body.set(name, value);
		const answer = await post(action, body);
		if (answer.type === 'success') return { joined: true };
		if (answer.type === 'failure') {
			const data = (answer.data ?? {}) as Refused;
			if (answer.status === 403 && data.challenge && attempt < ATTEMPTS) {
				current = data.challenge;
				continue;
			}
			return { joined: false, message: data.message ?? '' };
		}
		return { joined: false, message: '' };
	}
}

/** Posts to a form action; without a network it waits and tries again, the phone keeps its place. */
async function post(action: string, body: FormData): Promise<ReturnType<typeof deserialize>> {
	for (;;) {
		try {
			const response = await fetch(action, {
				method: 'POST',
				body,
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
			});
			return deserialize(await response.text());
		} catch {
			await new Promise((resolve) => setTimeout(resolve, OFFLINE_RETRY_MS));
		}
	}
}
