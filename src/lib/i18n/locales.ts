/** The six official languages of the United Nations: the attendee and projector screens speak them all. */
export const LOCALES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language named in itself, as a picker shows it to someone who reads only that one. */
export const LOCALE_NAMES: Record<Locale, string> = {
	ar: 'العربية',
	zh: '中文',
	en: 'English',
	fr: 'Français',
	ru: 'Русский',
	es: 'Español'
};

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The locale numbers and dates are written in. Arabic uses Western digits, as meeting content
 * (codes, years, counts typed by people) does: the digits of a sentence then all match. English
 * writes dates the UN's way (21 December 2017, 12:00), not the American way.
 */
const FORMATTING_LOCALES: Partial<Record<Locale, string>> = { ar: 'ar-u-nu-latn', en: 'en-GB' };

export function formattingLocaleOf(locale: Locale): string {
	return FORMATTING_LOCALES[locale] ?? locale;
}

export function directionOf(locale: Locale): 'rtl' | 'ltr' {
	return locale === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The best of our languages for a browser's Accept-Language header: languages in the order of
 * their weights, each matched by its primary subtag (`fr-CH` is French, `zh-Hant` is Chinese);
 * `fallback` when the browser asks for none of ours.
 */
export function negotiateLocale(
	acceptLanguage: string | null | undefined,
	fallback: Locale = DEFAULT_LOCALE
): Locale {
	const wanted = (acceptLanguage ?? '')
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
			const weight = q === undefined ? 1 : Number(q.slice(2));
			return { language: tag.trim().toLowerCase().split('-')[0], weight, index };
		})
		.filter(({ weight }) => Number.isFinite(weight) && weight > 0)
		.sort((a, b) => b.weight - a.weight || a.index - b.index);
	return wanted.map(({ language }) => language).find(isLocale) ?? fallback;
}
