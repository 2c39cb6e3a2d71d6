import type { MessageId, MessageValues } from '$lib/i18n/messages';

/**
 * The words of a report in the meeting's language: its headings, labels and prefilled sentences.
 * The record and its layout are written through this, so one session's report reads the same in
 * every export, in whichever of the six languages the meeting is held.
 */
export interface ReportWords {
	/** The meeting's language (a locale of `$lib/i18n/locales`). */
	locale: string;
	/** The locale dates and numbers are written in (`en-GB` for English, Western digits in Arabic). */
	formatting: string;
	say(id: MessageId, values?: MessageValues): string;
}

/** "20 December 2017" in the report's language and the given time zone. */
export function dayOf(words: ReportWords, at: Date, timeZone: string): string {
	return new Intl.DateTimeFormat(words.formatting, {
		timeZone,
		day: 'numeric',
		month: 'long',
		year: 'numeric'
	}).format(at);
}

/** "09:41" on a 24-hour clock, in the given time zone. */
export function clockOf(words: ReportWords, at: Date, timeZone: string): string {
	return new Intl.DateTimeFormat(words.formatting, {
		timeZone,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(at);
}

/** Items joined as the language lists them: "A, B and C". */
export function listOf(words: ReportWords, items: string[]): string {
	return new Intl.ListFormat(words.formatting, { style: 'long', type: 'conjunction' }).format(items);
}

/** A stakeholder group as the report names it, in its language; "not given" where the attendee said nothing. */
export function groupName(words: ReportWords, group: string | null): string {
	return words.say(`common.group.${group ?? 'unspecified'}` as MessageId);
}

/**
 * The first sentence of a text, at most about 240 characters: what a key issue is written as.
 * Chinese and Japanese stops need no space after them; Arabic asks with "؟".
 */
export function firstSentence(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	const end = flat.search(/[.!?؟](\s|$)|[。！？]/);
	const sentence = end >= 0 ? flat.slice(0, end + 1) : flat;
	return sentence.length > 240 ? `${sentence.slice(0, 239).trimEnd()}…` : sentence;
}
