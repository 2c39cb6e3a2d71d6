/**
 * How the layout tests judge the projector, rendered in a real browser: every text meant to be
 * read lies on screen, uncut and not under another, at 32 px or more (canvas px), and whatever
 * is not on screen is counted by a visible "+N more" sign.
 */
import { flushSync, tick } from 'svelte';
import { compileMessage } from '@lingui/message-utils/compileMessage';
import '../../src/app.css';
import type { Scenario } from './fixtures';
import type { Locale } from '$lib/i18n/locales';
import type { Translations } from '$lib/i18n/messages';

const files = import.meta.glob<Record<string, string>>('../../src/lib/i18n/messages/*/*.json', {
	eager: true,
	import: 'default'
});

export function translationsFor(locale: Locale): Translations {
	const messages: Record<string, string> = {};
	for (const wanted of ['en', locale]) {
		for (const [file, entries] of Object.entries(files)) {
			const [, fileLocale, area] = file.match(/messages\/([^/]+)\/([^/]+)\.json$/) ?? [];
			if (fileLocale !== wanted) continue;
			for (const [key, message] of Object.entries(entries)) messages[`${area}.${key}`] = message;
		}
	}
	return {
		locale,
		messages: Object.fromEntries(Object.entries(messages).map(([id, m]) => [id, compileMessage(m)]))
	};
}

export const SCENARIOS: Scenario[] = [
	{ show: 'step', step: 'info' },
	{ show: 'step', step: 'panel' },
	{ show: 'step', step: 'card' },
	{ show: 'step', step: 'focus', count: 2 },
	{ show: 'step', step: 'focus', count: 11 },
	{ show: 'step', step: 'agreement', count: 3 },
	{ show: 'step', step: 'agreement', count: 11, long: true },
	{ show: 'poll', kind: 'single', count: 2 },
	{ show: 'poll', kind: 'single', count: 11 },
	{ show: 'poll', kind: 'single', count: 30, long: true },
	{ show: 'poll', kind: 'multiple', count: 11, long: true },
	{ show: 'poll', kind: 'multiple', count: 30 },
	{ show: 'poll', kind: 'ranking', count: 2 },
	{ show: 'poll', kind: 'ranking', count: 11 },
	{ show: 'poll', kind: 'ranking', count: 30, long: true },
	{ show: 'poll', kind: 'consensus', count: 3 },
	{ show: 'poll', kind: 'consensus', count: 3, view: 'breakdown' },
	{ show: 'poll', kind: 'single', count: 11, view: 'breakdown' },
	{ show: 'poll', kind: 'open_text', count: 2 },
	{ show: 'poll', kind: 'open_text', count: 11 },
	{ show: 'poll', kind: 'open_text', count: 30, long: true },
	{ show: 'poll', kind: 'word_cloud', count: 2 },
	{ show: 'poll', kind: 'word_cloud', count: 10 },
	{ show: 'poll', kind: 'word_cloud', count: 30 },
	{ show: 'poll', kind: 'single', count: 11, status: 'closed', view: 'breakdown' },
	{ show: 'question' },
	{ show: 'question', long: true },
	{ show: 'comment', long: true }
];

/**
 * Every kind once, with 11 options or entries (the BPF's challenges): what the languages with
 * ordinary word lengths are checked with. English, Arabic (right to left) and Russian (long words)
 * get every count and long labels too, which keeps the whole run to a few minutes.
 */
export const CORE_SCENARIOS: Scenario[] = SCENARIOS.filter(
	(scenario) => !('count' in scenario) || (scenario.count !== 2 && scenario.count !== 30)
);
export const EVERY_COUNT_IN: readonly Locale[] = ['en', 'ar', 'ru'];

export const nameOf = (scenario: Scenario) => JSON.stringify(scenario).replace(/["{}]/g, '');

/** Elements that carry text of their own (or an SVG word), as the room would read them. */
function textElements(root: Element): Element[] {
	return [...root.querySelectorAll('*')].filter((element) => {
		const own = [...element.childNodes].some(
			(node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== ''
		);
		return own && element.checkVisibility({ visibilityProperty: true, opacityProperty: true });
	});
}

/** Every box the text is drawn in must hold it: the window and each ancestor that clips. */
function clippers(element: Element): Element[] {
	const found: Element[] = [];
	for (let at = element.parentElement; at; at = at.parentElement) {
		const style = getComputedStyle(at);
		if (style.overflowX !== 'visible' || style.overflowY !== 'visible') found.push(at);
	}
	return found;
}

const TOLERANCE = 2;
function inside(inner: DOMRect, outer: DOMRect): boolean {
	return (
		inner.left >= outer.left - TOLERANCE &&
		inner.top >= outer.top - TOLERANCE &&
		inner.right <= outer.right + TOLERANCE &&
		inner.bottom <= outer.bottom + TOLERANCE
	);
}

/** How much two boxes share; lines of one block touch, they do not cover each other. */
function overlap(a: DOMRect, b: DOMRect): number {
	const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
	const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
	return x > 0 && y > 0 ? Math.min(x, y) : 0;
}

/** What is wrong with the screen as drawn, in words a failing test can print. */
function problemsOf(canvas: HTMLElement): string[] {
	const problems: string[] = [];
	const scale = canvas.getBoundingClientRect().width / 1920;
	const viewport = new DOMRect(0, 0, window.innerWidth, window.innerHeight);
	const texts = textElements(canvas);
	const boxes = texts.map((element) => ({ element, rect: element.getBoundingClientRect() }));
	// A line broken across lines is one box per line: the box around them all would cover its neighbours.
	const fragments = texts.flatMap((element) =>
		[...element.getClientRects()].map((rect) => ({ element, rect }))
	);
	for (const { element, rect } of boxes) {
		const what = `"${(element.textContent ?? '').trim().slice(0, 40)}"`;
		if (!inside(rect, viewport)) problems.push(`${what} is off the screen`);
		for (const clip of clippers(element)) {
			if (!inside(rect, clip.getBoundingClientRect())) {
				problems.push(`${what} is cut by ${clip.className || clip.tagName}`);
				break;
			}
		}
		const size =
			element instanceof SVGElement
				? Number(element.getAttribute('font-size'))
				: parseFloat(getComputedStyle(element).fontSize);
		if (size < 31.5) problems.push(`${what} is ${size} px`);
	}
	// Text of one element against another's, unless one holds the other (a bold word in its line).
	const tolerance = 6 * scale;
	for (let i = 0; i < fragments.length; i++) {
		for (let j = i + 1; j < fragments.length; j++) {
			const a = fragments[i]!;
			const b = fragments[j]!;
			if (a.element === b.element) continue;
			if (a.element.contains(b.element) || b.element.contains(a.element)) continue;
			// Words of the cloud are placed by their glyphs, which never touch; their boxes may.
			if (a.element.hasAttribute('data-word') && b.element.hasAttribute('data-word')) continue;
			if (overlap(a.rect, b.rect) > tolerance)
				problems.push(
					`"${a.element.textContent?.trim().slice(0, 30)}" overlaps "${b.element.textContent?.trim().slice(0, 30)}"`
				);
		}
	}
	// Lists: what is shown and what the sign counts add up; a sign whenever something is left out.
	for (const list of canvas.querySelectorAll<HTMLElement>('[data-testid="fit-list"]')) {
		const total = Number(list.dataset.total);
		const shown = Number(list.dataset.shown);
		const drawn = list.querySelectorAll('.shown:not(.measure) > li').length;
		if (drawn !== shown) problems.push(`list draws ${drawn} but says ${shown}`);
		const sign = list.querySelector<HTMLElement>('[data-testid="page-sign"]');
		if (shown < total) {
			if (!sign?.checkVisibility()) problems.push(`${total - shown} of ${total} hidden without a sign`);
			else if (Number(sign.dataset.more) !== total - shown)
				problems.push(`sign says ${sign.dataset.more} more, ${total - shown} are not shown`);
		}
		if (shown === 0 && total > 0) problems.push('a list shows nothing');
	}
	const cloud = canvas.querySelector('[data-testid="word-cloud"]');
	if (cloud) {
		const words = cloud.querySelectorAll('[data-word]').length;
		if (words === 0) problems.push('the word cloud shows no word');
	}
	return problems;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

const canvasIn = (container: HTMLElement) =>
	container.querySelector<HTMLElement>('[data-testid="projector-canvas"]')!;

/** How many pages the screen's lists take (the most of any list on it). */
export function pagesOf(container: HTMLElement): number {
	const lists = canvasIn(container).querySelectorAll<HTMLElement>('[data-testid="fit-list"]');
	return Math.max(1, ...[...lists].map((list) => Number(list.dataset.pages)));
}

/**
 * The problems once the screen has settled: the lists measure after layout and the stage shrinks
 * on the next frame, so a screen gets frames for up to two seconds to come right (a busy machine
 * draws fewer of them); what is still wrong then is. With `page`, a paged list must show that
 * page (its last, when it has fewer).
 */
export async function problemsSettled(container: HTMLElement, page?: number): Promise<string[]> {
	let problems: string[] = [];
	const until = performance.now() + 2000;
	for (let attempt = 0; attempt < 16 || performance.now() < until; attempt++) {
		flushSync();
		await tick();
		await frame();
		const canvas = canvasIn(container);
		problems = problemsOf(canvas);
		if (page !== undefined) {
			const paged = [...canvas.querySelectorAll<HTMLElement>('[data-testid="fit-list"]')].filter(
				(list) => Number(list.dataset.pages) > 1
			);
			for (const list of paged) {
				const wanted = Math.min(page, Number(list.dataset.pages) - 1);
				if (Number(list.dataset.page) !== wanted)
					problems.push(`a list shows page ${Number(list.dataset.page) + 1}, not ${wanted + 1}`);
			}
		}
		if (problems.length === 0) break;
	}
	return problems;
}
