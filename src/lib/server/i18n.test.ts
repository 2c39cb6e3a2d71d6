import { describe, expect, it } from 'vitest';
import { compileMessageOrThrow, type CompiledMessage } from '@lingui/message-utils/compileMessage';
import { LOCALES } from '$lib/i18n/locales';
import { sourceMessages, translate, translationsFor } from './i18n';

const source = sourceMessages();
const english = source.en;

/** The placeholders a message uses, with their kind: `count:plural`, `name:`, `at:date`. */
function placeholdersOf(message: CompiledMessage, found = new Set<string>()): Set<string> {
	for (const token of message) {
		if (typeof token === 'string') continue;
		const [name, type, format] = token;
		if (name !== '#') found.add(`${name}:${type ?? ''}`);
		if ((type === 'plural' || type === 'select' || type === 'selectordinal') && format) {
			const choices = format as Record<string, CompiledMessage | number | undefined>;
			for (const [key, choice] of Object.entries(choices))
				if (key !== 'offset' && Array.isArray(choice)) placeholdersOf(choice, found);
		}
	}
	return found;
}

/** Plural and select choices must end in `other`, which every language's rules can fall back on. */
function choicesWithoutOther(message: CompiledMessage): string[] {
	const missing: string[] = [];
	for (const token of message) {
		if (typeof token === 'string') continue;
		const [name, type, format] = token;
		if (type !== 'plural' && type !== 'select' && type !== 'selectordinal') continue;
		const choices = format as Record<string, CompiledMessage>;
		if (!('other' in choices)) missing.push(name);
		for (const [key, choice] of Object.entries(choices))
			if (key !== 'offset' && Array.isArray(choice)) missing.push(...choicesWithoutOther(choice));
	}
	return missing;
}

describe('message catalogues', () => {
	it('have English messages to translate', () => {
		expect(Object.keys(english).length).toBeGreaterThan(5);
	});

	it.each(LOCALES)('%s has exactly the English ids, none empty', (locale) => {
		const messages = source[locale];
		expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
		for (const [id, message] of Object.entries(messages)) expect(message.trim(), id).not.toBe('');
	});

	it.each(LOCALES)('%s: every message is valid ICU with the English placeholders', (locale) => {
		for (const [id, message] of Object.entries(source[locale])) {
			const compiled = compileMessageOrThrow(message);
			expect(choicesWithoutOther(compiled), `${locale} ${id}`).toEqual([]);
			const reference = english[id];
			if (reference === undefined) continue;
			expect([...placeholdersOf(compiled)].sort(), `${locale} ${id}`).toEqual(
				[...placeholdersOf(compileMessageOrThrow(reference))].sort()
			);
		}
	});

	it('compiles a locale once and formats plurals by its own rules', () => {
		expect(translationsFor('ru').messages).toBe(translationsFor('ru').messages);
		expect(translationsFor('ru').locale).toBe('ru');
		expect(translate('en', 'common.connection.waiting', { count: 3 })).toBe('3 to send');
	});
});
