/**
 * The console's keys: a presenter clicker sends PageDown/PageUp (or arrows), and they drive the
 * session from anywhere on the page. Every key the console answers is decided here.
 */
export type ClickerStep = 'next' | 'previous';

export function clickerStep(event: KeyboardEvent): ClickerStep | null {
	const target = event.target instanceof Element ? event.target : null;
	if (target?.closest('input, textarea, select, [contenteditable="true"]')) return null;
	if (event.altKey || event.ctrlKey || event.metaKey) return null;
	// Space on a focused button presses that button instead.
	if (event.key === ' ' && target?.closest('button, a, summary')) return null;
	if (event.key === 'PageDown' || event.key === 'ArrowRight' || event.key === ' ') return 'next';
	if (event.key === 'PageUp' || event.key === 'ArrowLeft') return 'previous';
	return null;
}
