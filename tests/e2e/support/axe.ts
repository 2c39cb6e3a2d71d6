import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe finds no WCAG 2.1 A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
	const { violations } = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const found = violations.map(
		(violation) =>
			`${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
				.slice(0, 3)
				.map((node) => node.target.join(' '))
				.join('; ')}`
	);
	expect(found, `axe on ${state}`).toEqual([]);
}
