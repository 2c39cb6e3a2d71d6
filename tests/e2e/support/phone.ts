import {
	expect,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page,
	type WebSocketRoute
} from '@playwright/test';
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

/**
 * Shows one of the phone's tabs by its name as shown (Now, Questions, Floor, Agenda, Profile, or
 * in the page's language); a tab's name may carry a count, "Questions (2 new)".
 */
export async function showTab(phone: Page, name: string): Promise<void> {
	const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const tab = phone.getByRole('tab', { name: new RegExp(`^${escaped}(?!\\p{L})`, 'u') });
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

/**
 * The phone's link to the server, which the test can cut for real: offline emulation leaves an
 * open WebSocket alive, so the WebSocket is routed and closed by hand, and while cut every
 * Socket.IO request (long polling or a new WebSocket) fails as it would with no network.
 */
export class PhoneLink {
	cut = false;
	readonly #open: { page: WebSocketRoute; server: WebSocketRoute }[] = [];

	async attach(context: BrowserContext): Promise<void> {
		await context.routeWebSocket(/\/socket\.io\//, (page) => {
			if (this.cut) return page.close();
			this.#open.push({ page, server: page.connectToServer() });
		});
		await context.route(/\/socket\.io\//, (route) =>
			this.cut ? route.abort('internetdisconnected') : route.continue()
		);
	}

	get webSockets(): number {
		return this.#open.length;
	}

	async sever(): Promise<void> {
		this.cut = true;
		for (const { page, server } of this.#open.splice(0)) {
			await server.close();
			await page.close();
		}
	}
}
