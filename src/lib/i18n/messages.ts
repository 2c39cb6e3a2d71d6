import type attendee from './messages/en/attendee.json';
import type comments from './messages/en/comments.json';
import type common from './messages/en/common.json';
import type consoleMessages from './messages/en/console.json';
import type floor from './messages/en/floor.json';
import type join from './messages/en/join.json';
import type polls from './messages/en/polls.json';
import type projector from './messages/en/projector.json';
import type questions from './messages/en/questions.json';
import type report from './messages/en/report.json';

/**
 * Messages live in `messages/<locale>/<area>.json`, in ICU MessageFormat; a message's id is its
 * area and its key (`polls.receipt`). English is the reference: every id comes from its files.
 */
type Ids<Area extends string, Messages> = `${Area}.${keyof Messages & string}`;
export type MessageId =
	| Ids<'attendee', typeof attendee>
	| Ids<'comments', typeof comments>
	| Ids<'common', typeof common>
	| Ids<'console', typeof consoleMessages>
	| Ids<'floor', typeof floor>
	| Ids<'join', typeof join>
	| Ids<'polls', typeof polls>
	| Ids<'projector', typeof projector>
	| Ids<'questions', typeof questions>
	| Ids<'report', typeof report>;

/** Values for a message's placeholders. */
export type MessageValues = Record<string, string | number>;

/** One locale's messages compiled for the runtime (Lingui's compiled form), by id. */
export type CompiledMessages = import('@lingui/core').Messages;

/** What a page needs to speak one language: sent with the page, so a phone gets its locale alone. */
export interface Translations {
	locale: import('./locales').Locale;
	messages: CompiledMessages;
}
