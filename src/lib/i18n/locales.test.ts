import { describe, expect, it } from 'vitest';
import { directionOf, negotiateLocale } from './locales';

describe('negotiateLocale', () => {
	it('takes the first of our languages in the order of the weights', () => {
		expect(negotiateLocale('de-CH, fr;q=0.8, en;q=0.9')).toBe('en');
		expect(negotiateLocale('de, ru;q=0.5, ar;q=0.4')).toBe('ru');
	});

	it('matches regional and script variants by their language', () => {
		expect(negotiateLocale('fr-CH')).toBe('fr');
		expect(negotiateLocale('zh-Hant-TW,zh;q=0.9')).toBe('zh');
		expect(negotiateLocale('es-419')).toBe('es');
		expect(negotiateLocale('AR-EG')).toBe('ar');
	});

	it('keeps equal weights in the order given and ignores refused languages', () => {
		expect(negotiateLocale('es;q=0.5, fr;q=0.5')).toBe('es');
		expect(negotiateLocale('fr;q=0, ru')).toBe('ru');
	});

	it('falls back to English for no header, nothing we speak, or nonsense', () => {
		expect(negotiateLocale(null)).toBe('en');
		expect(negotiateLocale('')).toBe('en');
		expect(negotiateLocale('de, ja;q=0.9')).toBe('en');
		expect(negotiateLocale(';;;q=abc, ,')).toBe('en');
		expect(negotiateLocale('fr;q=banana')).toBe('en');
	});

	it("falls back to the language given (a meeting's own) only when the browser asks for none of ours", () => {
		expect(negotiateLocale('de, ja;q=0.9', 'fr')).toBe('fr');
		expect(negotiateLocale(null, 'ar')).toBe('ar');
		expect(negotiateLocale('de, en;q=0.1', 'fr')).toBe('en');
	});
});

describe('directionOf', () => {
	it('writes Arabic right to left and the others left to right', () => {
		expect(directionOf('ar')).toBe('rtl');
		for (const locale of ['zh', 'en', 'fr', 'ru', 'es'] as const) expect(directionOf(locale)).toBe('ltr');
	});
});
