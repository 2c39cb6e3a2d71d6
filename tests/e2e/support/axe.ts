import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * axe finds no WCAG 2.1 A/AA violation on the page as it is now; with `enhancedContrast`, the
 * text also meets AAA contrast (7:1, 4.5:1 for large text), as the projector must from 10 m.
 */
export async function expectAccessible(
	page: Page,
	state: string,
	{ enhancedContrast = false } = {}
): Promise<void> {
	const builder = new AxeBuilder({ page }).withTags([
		'wcag2a',
		'wcag2aa',
		'wcag21a',
		'wcag21aa',
		...(enhancedContrast ? ['wcag2aaa'] : [])
	]);
	const { violations } = await builder.analyze();
	const found = violations.map(
		(violation) =>
			`${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
				.slice(0, 3)
				.map((node) => node.target.join(' '))
				.join('; ')}`
	);
	expect(found, `axe on ${state}`).toEqual([]);
}
