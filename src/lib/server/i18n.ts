import { compileMessage } from '@lingui/message-utils/compileMessage';
import { setupI18n } from '@lingui/core';
import { DEFAULT_LOCALE, LOCALES, formattingLocaleOf, type Locale } from '$lib/i18n/locales';
import type { CompiledMessages, MessageId, MessageValues, Translations } from '$lib/i18n/messages';

const files = import.meta.glob<Record<string, string>>('../i18n/messages/*/*.json', {
	eager: true,
	import: 'default'
});

/** Every locale's messages as written (ICU MessageFormat), by id: `area.key`. */
export function sourceMessages(): Record<Locale, Record<string, string>> {
	const all = Object.fromEntries(LOCALES.map((locale) => [locale, {}])) as Record<
		Locale,
		Record<string, string>
	>;
	for (const [file, messages] of Object.entries(files)) {
		const [, locale, area] = file.match(/messages\/([^/]+)\/([^/]+)\.json$/) ?? [];
		if (!(locale in all)) continue;
		for (const [key, message] of Object.entries(messages)) all[locale as Locale][`${area}.${key}`] = message;
	}
	return all;
}

const compiled = new Map<Locale, CompiledMessages>();

/**
 * A locale's messages, compiled once. A message a translation lacks falls back to English, so a
 * missing translation shows English rather than an id (the catalog test keeps them complete).
 */
export function translationsFor(locale: Locale): Translations {
	let messages = compiled.get(locale);
	if (!messages) {
		const source = sourceMessages();
		const merged = { ...source[DEFAULT_LOCALE], ...source[locale] };
		messages = Object.fromEntries(
			Object.entries(merged).map(([id, message]) => [id, compileMessage(message)])
		);
		compiled.set(locale, messages);
	}
	return { locale, messages };
}

/** A message for text the server writes itself (a form's answer), in the reader's language. */
export function translate(locale: Locale, id: MessageId, values?: MessageValues): string {
	const { messages } = translationsFor(locale);
	return setupI18n({ locale, locales: formattingLocaleOf(locale), messages: { [locale]: messages } })._(
		id,
		values
	);
}
