import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { PHONE } from './devices';

/** A new phone (its own browser, no cookie yet) on a meeting's attendee page, once it is live. */
export async function phoneAt(
	browser: Browser,
	code: string,
	device: BrowserContextOptions = PHONE
): Promise<Page> {
	const phone = await (await browser.newContext(device)).newPage();
	await phone.goto(`/m/${code}`);
	await expect(phone.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
	return phone;
}

/** The phone's tabs: what is live now first, the rest one tap away. */
export type PhoneTab = 'Now' | 'Questions' | 'Floor' | 'Agenda' | 'Profile';

/** Shows one of the phone's tabs (a tab's name may carry a count, "Questions 2"). */
export async function showTab(phone: Page, name: PhoneTab): Promise<void> {
	const tab = phone.getByRole('tab', { name: new RegExp(`^${name}\\b`) });
	await tab.click();
	await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** Opens a phone's profile (its tab, then its form, which loads on opening) and waits for its fields. */
export async function openProfile(phone: Page): Promise<void> {
	await showTab(phone, 'Profile');
	await phone.locator('details.profile > summary').click();
	await expect(phone.getByLabel('Display name')).toBeVisible();
}

/** No sideways scrolling; the message names the elements that stick out, to say what to fix. */
export async function expectNoSidewaysScroll(page: Page, state: string): Promise<void> {
	const width = page.viewportSize()?.width ?? 0;
	const found = await page.evaluate((width) => {
		// Either side: a right-to-left page overflows to the left.
		const sticking = [...document.querySelectorAll('body *')].filter((element) => {
			const box = element.getBoundingClientRect();
			return box.right > width + 0.5 || box.left < -0.5;
		});
		return {
			scrollWidth: document.documentElement.scrollWidth,
			innerWidth: window.innerWidth,
			// The innermost ones: their ancestors stick out because of them.
			sticking: sticking
				.filter((element) => !sticking.some((other) => other !== element && element.contains(other)))
				.map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`)
				.slice(0, 5)
		};
	}, width);
	// A phone widens its layout viewport to fit what sticks out, so compare with the device's width too.
	const where = `${state}: ${found.sticking.join(', ')}`;
	expect(found.innerWidth, `the layout viewport of ${where}`).toBe(width);
	expect(found.scrollWidth, `sideways scroll on ${where}`).toBeLessThanOrEqual(found.innerWidth);
}
