import type { ParticipationRule } from '$lib/domain/meeting';
import type { RoomCodeShown } from '$lib/join/roomCode.svelte';

/** Who may take part in a meeting, as the console shows it: the rule, its code, its invitations. */
export interface Participation {
	rule: ParticipationRule;
	passcode: boolean;
	/** The room code now, for a meeting that asks for one. */
	roomCode: RoomCodeShown | null;
	invitations: { count: number; joined: number; withdrawn: number } | null;
}
