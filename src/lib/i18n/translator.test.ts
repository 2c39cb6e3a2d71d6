import { describe, expect, it } from 'vitest';
import { translationsFor } from '$lib/server/i18n';
import type { Locale } from './locales';
import { Translator } from './translator.svelte';

const DEADLINE = '2017-12-21T12:00:00.000Z';
const translatorIn = (locale: Locale) => new Translator(() => translationsFor(locale));

describe('Translator', () => {
	it('writes a moment in UTC until it knows the reader’s zone, then in that zone, named', () => {
		const i18n = translatorIn('en');
		expect(i18n.dateTime(DEADLINE)).toMatch(/21 December 2017.*12:00.*UTC/);
		i18n.useTimeZone('Asia/Tokyo');
		expect(i18n.dateTime(DEADLINE)).toMatch(/21 December 2017.*21:00.*(GMT\+9|JST)/);
	});

	it('writes dates in the reader’s language', () => {
		const french = translatorIn('fr');
		french.useTimeZone('Europe/Paris');
		expect(french.dateTime(DEADLINE)).toMatch(/21 décembre 2017.*13:00/);
		const russian = translatorIn('ru');
		russian.useTimeZone('Europe/Moscow');
		expect(russian.dateTime(DEADLINE)).toMatch(/21 декабря 2017.*15:00/);
	});

	it('writes Arabic with the digits of the meeting’s own text', () => {
		expect(translatorIn('ar').t('polls.count.ballots', { count: 7 })).toContain('7');
		expect(translatorIn('ar').t('polls.count.ballots', { count: 7 })).not.toContain('٧');
	});

	it('counts by each language’s plural rules', () => {
		const counts = (locale: Locale) =>
			[1, 2, 5, 21].map((count) => translatorIn(locale).t('polls.count.ballots', { count }));
		expect(counts('en')).toEqual(['1 ballot', '2 ballots', '5 ballots', '21 ballots']);
		const russian = counts('ru');
		expect(new Set(russian.map((text) => text.replace(/\d+\s*/, ''))).size).toBe(3);
		expect(russian[0]?.replace(/\d+\s*/, '')).toBe(russian[3]?.replace(/\d+\s*/, ''));
	});

	it('reads right to left in Arabic only, and follows a change of language', () => {
		let locale: Locale = 'ar';
		const i18n = new Translator(() => translationsFor(locale));
		expect(i18n.dir).toBe('rtl');
		const arabic = i18n.t('common.connection.live');
		locale = 'zh';
		expect(i18n.dir).toBe('ltr');
		expect(i18n.t('common.connection.live')).not.toBe(arabic);
	});

	it('puts a server refusal in the reader’s words, keeping the server’s own in English', () => {
		const refusal = { code: 'rate_limited', message: 'Votes: try again in 3 s.' };
		expect(translatorIn('en').refusal(refusal)).toBe('Votes: try again in 3 s.');
		const spanish = translatorIn('es');
		expect(spanish.refusal(refusal)).toBe(spanish.t('common.refused.rate_limited'));
		expect(spanish.refusal(refusal)).not.toBe(refusal.message);
		expect(translatorIn('fr').refusal({ code: 'no_such_code', message: 'x' })).toBe(
			translatorIn('fr').t('common.refused.internal')
		);
	});

	it('cuts a message around a placeholder the page renders itself', () => {
		const [before, after] = translatorIn('en').around('polls.ballot.receipt', 'choice');
		expect(`${before}X${after}`).toBe(translatorIn('en').t('polls.ballot.receipt', { choice: 'X' }));
		expect(before.length + after.length).toBeGreaterThan(0);
	});
});
