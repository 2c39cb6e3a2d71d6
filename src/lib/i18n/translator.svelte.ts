import { setupI18n } from '@lingui/core';
import { getContext, setContext } from 'svelte';
import { directionOf, formattingLocaleOf, type Locale } from './locales';
import type { MessageId, MessageValues, Translations } from './messages';
import { ACK_ERROR_CODES } from '$lib/realtime/protocol';

/**
 * The words of the attendee and projector screens in the page's language. A page's component
 * tree gets one from the root layout; changing language (new page data) re-renders what it says.
 */
export class Translator {
	#source: () => Translations;
	#i18n = $derived.by(() => {
		const { locale, messages } = this.#source();
		return setupI18n({ locale, locales: formattingLocaleOf(locale), messages: { [locale]: messages } });
	});
	/** The reader's time zone once the browser runs; the server, which does not know it, writes UTC. */
	#timeZone: string = $state('UTC');

	constructor(source: () => Translations) {
		this.#source = source;
	}

	get locale(): Locale {
		return this.#source().locale;
	}

	get dir(): 'rtl' | 'ltr' {
		return directionOf(this.locale);
	}

	/** Called once the page runs in a browser: dates and times switch to the reader's own zone. */
	useTimeZone(zone: string = Intl.DateTimeFormat().resolvedOptions().timeZone): void {
		this.#timeZone = zone;
	}

	t = (id: MessageId, values?: MessageValues): string => this.#i18n._(id, values);

	/**
	 * A message cut where one of its placeholders goes, so the page can render that value itself
	 * (in bold, or a live timer) wherever the language puts it in the sentence.
	 */
	around = (id: MessageId, slot: string, values: MessageValues = {}): [before: string, after: string] => {
		const [before = '', after = ''] = this.t(id, { ...values, [slot]: SLOT }).split(SLOT);
		return [before, after];
	};

	/** A moment in the reader's language and time zone, with the zone named. */
	dateTime = (iso: string, options: Intl.DateTimeFormatOptions = DATE_AND_TIME): string =>
		this.#i18n.date(iso, { ...options, timeZone: this.#timeZone, timeZoneName: 'short' });

	number = (value: number): string => this.#i18n.number(value);

	/**
	 * Why the server refused a command. Its own words are English and precise; other languages get
	 * the sentence for the kind of refusal.
	 */
	refusal = (error: { code: string; message: string }): string => {
		if (this.locale === 'en') return error.message;
		const known = ACK_ERROR_CODES.find((code) => code === error.code) ?? 'internal';
		return this.t(`common.refused.${known}`);
	};
}

/** Marks a slot in a formatted message; the object replacement character survives formatting. */
const SLOT = '\uFFFC';

const DATE_AND_TIME: Intl.DateTimeFormatOptions = {
	year: 'numeric',
	month: 'long',
	day: 'numeric',
	hour: '2-digit',
	minute: '2-digit'
};

const KEY = Symbol('translator');

export function provideTranslator(source: () => Translations): Translator {
	return setContext(KEY, new Translator(source));
}

export function translator(): Translator {
	return getContext<Translator>(KEY);
}
