/** What a client does with a versioned update, given the state version it holds. */
export type VersionStep = 'ignore' | 'apply' | 'resync';

/**
 * An update is applied when it is the next version; one already held (a late or repeated
 * broadcast) is ignored; after a gap the client asks for a fresh snapshot instead of guessing.
 */
export function followVersion(held: number, incoming: number): VersionStep {
	if (incoming <= held) return 'ignore';
	return incoming === held + 1 ? 'apply' : 'resync';
}
