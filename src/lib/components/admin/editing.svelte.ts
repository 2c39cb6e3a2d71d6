import { tick } from 'svelte';

/** What the agenda editor last did, read out by screen readers through one live region. */
export const announcer = $state({ message: '' });

export function announce(message: string): void {
	announcer.message = message;
}

/**
 * An id for something new in the agenda (item, card, panelist, poll, option). It only has to be
 * unique within the meeting; the server refuses a repeated id.
 */
export function newId(prefix: string): string {
	return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

/** After a keyboard move the moved row's button keeps the focus, wherever the row now is. */
export async function refocus(id: string, preferred: 'up' | 'down'): Promise<void> {
	await tick();
	const other = preferred === 'up' ? 'down' : 'up';
	const target = [preferred, other]
		.map((direction) => document.getElementById(`${id}-${direction}`))
		.find((button): button is HTMLElement => button instanceof HTMLButtonElement && !button.disabled);
	target?.focus();
}
