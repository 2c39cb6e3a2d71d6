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

/** Words only the server writes (the report, in the meeting's language): never sent with a page. */
const SERVER_AREAS = ['report.'];
const forPages = (id: string) => !SERVER_AREAS.some((area) => id.startsWith(area));

const compiled = new Map<Locale, CompiledMessages>();

/**
 * A locale's messages, compiled once. A message a translation lacks falls back to English, so a
 * missing translation shows English rather than an id (the catalog test keeps them complete).
 */
function compiledFor(locale: Locale): CompiledMessages {
	let messages = compiled.get(locale);
	if (!messages) {
		const source = sourceMessages();
		const merged = { ...source[DEFAULT_LOCALE], ...source[locale] };
		messages = Object.fromEntries(
			Object.entries(merged).map(([id, message]) => [id, compileMessage(message)])
		);
		compiled.set(locale, messages);
	}
	return messages;
}

const pageMessages = new Map<Locale, CompiledMessages>();

/** What a page gets to speak one language: every message but the server's own. */
export function translationsFor(locale: Locale): Translations {
	let messages = pageMessages.get(locale);
	if (!messages) {
		messages = Object.fromEntries(Object.entries(compiledFor(locale)).filter(([id]) => forPages(id)));
		pageMessages.set(locale, messages);
	}
	return { locale, messages };
}

const translators = new Map<Locale, ReturnType<typeof setupI18n>>();

/** A message for text the server writes itself (a form's answer, a report), in the reader's language. */
export function translate(locale: Locale, id: MessageId, values?: MessageValues): string {
	let i18n = translators.get(locale);
	if (!i18n) {
		const messages = compiledFor(locale);
		i18n = setupI18n({ locale, locales: formattingLocaleOf(locale), messages: { [locale]: messages } });
		translators.set(locale, i18n);
	}
	return i18n._(id, values);
}
