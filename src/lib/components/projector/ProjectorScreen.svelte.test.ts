/**
 * The projector at 1920×1080 and at 1280×720: every kind of thing it shows, in each language and both themes,
 * with and without the floor strip, keeps what the room reads on screen (see tests/layout/check.ts),
 * on every page of a list that pages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render, cleanup } from 'vitest-browser-svelte';
import Harness from '../../../../tests/layout/Harness.svelte';
import { snapshotFor, type Room } from '../../../../tests/layout/fixtures';
import {
	CORE_SCENARIOS,
	EVERY_COUNT_IN,
	nameOf,
	pagesOf,
	problemsSettled,
	SCENARIOS,
	translationsFor
} from '../../../../tests/layout/check';
import { LOCALES } from '$lib/i18n/locales';
import { visibleOn } from '$lib/domain/screen';
import { screenOfSnapshot } from '$lib/realtime/screen';
import { viewKey } from './paging';

afterEach(() => cleanup());

const THEMES = ['standard', 'high_contrast'] as const;

const SIZES = [
	{ width: 1920, height: 1080 },
	{ width: 1280, height: 720 }
];

describe.each(SIZES.flatMap((size) => LOCALES.map((locale) => ({ ...size, locale }))))(
	'the projector at $width×$height in $locale',
	({ width, height, locale }) => {
		const translations = translationsFor(locale);
		const scenarios = EVERY_COUNT_IN.includes(locale) ? SCENARIOS : CORE_SCENARIOS;
		it.each(THEMES.flatMap((theme) => [false, true].map((floor): Room => ({ theme, floor }))))(
			'keeps everything on screen: %o',
			async (room) => {
				await page.viewport(width, height);
				const screen = await render(Harness, {
					props: { snapshot: snapshotFor(scenarios[0]!, room), translations }
				});
				const failures: string[] = [];
				for (const scenario of scenarios) {
					const snapshot = snapshotFor(scenario, room);
					// Each page held in turn, as the moderator's clicker holds it: the clock's turn may be any.
					// The count is read again each time, as the stage gives the list more room while it pages.
					const view = viewKey(snapshot, visibleOn(screenOfSnapshot(snapshot)));
					for (let page = 0; page === 0 || page < pagesOf(screen.container); page++) {
						await screen.rerender({ snapshot: { ...snapshot, projectorPage: { view, page } }, translations });
						for (const problem of await problemsSettled(screen.container, page))
							failures.push(`${nameOf(scenario)}${page > 0 ? `, page ${page + 1}` : ''}: ${problem}`);
					}
				}
				expect(failures).toEqual([]);
			}
		);
	}
);
