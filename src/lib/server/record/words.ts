import { formattingLocaleOf, type Locale } from '$lib/i18n/locales';
import type { ReportWords } from '$lib/domain/record/words';
import { translate } from '../i18n';

/** The report's words in a meeting's language. */
export function reportWords(locale: Locale): ReportWords {
	return {
		locale,
		formatting: formattingLocaleOf(locale),
		say: (id, values) => translate(locale, id, values)
	};
}
