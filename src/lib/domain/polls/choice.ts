import { z } from 'zod';
import { countWords, normaliseText, textKey } from './text';
import {
	CONSENSUS_STANCES,
	type Choice,
	type ChoiceCheck,
	type ConsensusStance,
	type PollKind,
	type PollSpec
} from './types';

/** No phone sends this much: longer strings and lists are refused on their length alone. */
const MAX_RAW_LENGTH = 10_000;
const MAX_RAW_ITEMS = 100;

const MAX_REASON_LENGTH = 140;
const MAX_TEXT_LENGTH = 2000;
const MAX_PHRASES = 3;
const MAX_PHRASE_LENGTH = 40;
const MAX_PHRASE_WORDS = 4;

const UNREADABLE = 'This ballot could not be read. Please vote again.';
const TOO_LONG = 'That is far too long for a ballot.';
const OTHER_KIND = 'This ballot is for another kind of poll.';
const NOT_AN_OPTION = 'That option is not part of this poll.';
const PICK_ONE = 'Pick one option.';
const PICK_SOME = 'Pick at least one option.';
const RANK_SOME = 'Rank at least one option.';
const CHOOSE_STANCE = 'Choose support, can live with it, or object.';
const WRITE_ANSWER = 'Write your answer.';
const WRITE_PHRASES = 'Write one to three short phrases.';

const rawText = (error: string) => z.string({ error }).max(MAX_RAW_LENGTH, TOO_LONG);
const rawList = (error: string) => z.array(rawText(error), { error }).max(MAX_RAW_ITEMS, TOO_LONG);
/** The kind comes from the poll: a ballot may repeat it but not contradict it. */
const sameKind = (kind: PollKind) => z.literal(kind, { error: OTHER_KIND }).optional();

/** What a phone may send per kind; keys not listed here are dropped. */
const shapes = {
	single: z.object({ kind: sameKind('single'), optionId: rawText(PICK_ONE) }, { error: UNREADABLE }),
	multiple: z.object({ kind: sameKind('multiple'), optionIds: rawList(PICK_SOME) }, { error: UNREADABLE }),
	ranking: z.object({ kind: sameKind('ranking'), ranking: rawList(RANK_SOME) }, { error: UNREADABLE }),
	consensus: z.object(
		{
			kind: sameKind('consensus'),
			stance: z.enum(CONSENSUS_STANCES, { error: CHOOSE_STANCE }),
			reason: rawText('Write the reason as text.').nullish()
		},
		{ error: UNREADABLE }
	),
	open_text: z.object({ kind: sameKind('open_text'), text: rawText(WRITE_ANSWER) }, { error: UNREADABLE }),
	word_cloud: z.object(
		{ kind: sameKind('word_cloud'), phrases: rawList(WRITE_PHRASES) },
		{ error: UNREADABLE }
	)
};

const refuse = (error: string): ChoiceCheck => ({ ok: false, error });
const accept = (choice: Choice): ChoiceCheck => ({ ok: true, choice });
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const formatCount = (count: number) => count.toLocaleString('en-GB');

/**
 * Checks an untrusted ballot from a phone against its poll: the normalised choice, or a sentence
 * the voter can act on. Never throws.
 */
export function checkChoice(spec: PollSpec, raw: unknown): ChoiceCheck {
	try {
		switch (spec.kind) {
			case 'single':
				return read(shapes.single, raw, (ballot) => checkSingle(spec, ballot.optionId));
			case 'multiple':
				return read(shapes.multiple, raw, (ballot) => checkMultiple(spec, ballot.optionIds));
			case 'ranking':
				return read(shapes.ranking, raw, (ballot) => checkRanking(spec, ballot.ranking));
			case 'consensus':
				return read(shapes.consensus, raw, (ballot) => checkConsensus(ballot.stance, ballot.reason));
			case 'open_text':
				return read(shapes.open_text, raw, (ballot) => checkOpenText(spec, ballot.text));
			case 'word_cloud':
				return read(shapes.word_cloud, raw, (ballot) => checkWordCloud(ballot.phrases));
		}
	} catch {
		// zod reports bad data rather than throwing, but the vote handler must always get an answer.
		return refuse(UNREADABLE);
	}
}

function read<T>(schema: z.ZodType<T>, raw: unknown, check: (ballot: T) => ChoiceCheck): ChoiceCheck {
	const parsed = schema.safeParse(raw);
	return parsed.success ? check(parsed.data) : refuse(parsed.error.issues[0]?.message ?? UNREADABLE);
}

const isOption = (spec: PollSpec, id: string) => spec.options.some((option) => option.id === id);

/** What is wrong with a list of option ids, if anything: empty, repeated, or not the poll's. */
function problemWithIds(spec: PollSpec, ids: string[], empty: string, verb: string): string | null {
	if (ids.length === 0) return empty;
	if (new Set(ids).size !== ids.length) return `Each option can be ${verb} only once.`;
	if (!ids.every((id) => isOption(spec, id))) return NOT_AN_OPTION;
	return null;
}

function checkSingle(spec: PollSpec, optionId: string): ChoiceCheck {
	return isOption(spec, optionId) ? accept({ kind: 'single', optionId }) : refuse(NOT_AN_OPTION);
}

function checkMultiple(spec: PollSpec, optionIds: string[]): ChoiceCheck {
	const problem = problemWithIds(spec, optionIds, PICK_SOME, 'picked');
	if (problem) return refuse(problem);
	if (typeof spec.maxPicks === 'number' && optionIds.length > spec.maxPicks) {
		return refuse(`Pick at most ${plural(spec.maxPicks, 'option')}.`);
	}
	return accept({ kind: 'multiple', optionIds });
}

function checkRanking(spec: PollSpec, ranking: string[]): ChoiceCheck {
	const problem = problemWithIds(spec, ranking, RANK_SOME, 'ranked');
	return problem ? refuse(problem) : accept({ kind: 'ranking', ranking });
}

/** Only an objection carries its reason: a reason given with support is not kept. */
function checkConsensus(stance: ConsensusStance, rawReason: string | null | undefined): ChoiceCheck {
	const reason = stance === 'object' ? normaliseText(rawReason ?? '') : '';
	if (reason.length > MAX_REASON_LENGTH) {
		return refuse(`Keep the reason to ${MAX_REASON_LENGTH} characters or less (you wrote ${reason.length}).`);
	}
	return accept({ kind: 'consensus', stance, reason: reason || null });
}

function checkOpenText(spec: PollSpec, rawText: string): ChoiceCheck {
	const text = normaliseText(rawText);
	if (!text) return refuse(WRITE_ANSWER);
	if (text.length > MAX_TEXT_LENGTH) {
		return refuse(
			`Keep it to ${formatCount(MAX_TEXT_LENGTH)} characters or less (you wrote ${formatCount(text.length)}).`
		);
	}
	const words = countWords(text);
	if (typeof spec.wordLimit === 'number' && words > spec.wordLimit) {
		return refuse(`Keep it to ${plural(spec.wordLimit, 'word')} or less (you wrote ${formatCount(words)}).`);
	}
	return accept({ kind: 'open_text', text });
}

/** The same phrase twice on one ballot counts once, in the form first written. */
function checkWordCloud(rawPhrases: string[]): ChoiceCheck {
	if (rawPhrases.length === 0 || rawPhrases.length > MAX_PHRASES) return refuse(WRITE_PHRASES);
	const phrases = new Map<string, string>();
	for (const phrase of rawPhrases.map(normaliseText)) {
		if (!phrase) return refuse('Leave out empty phrases.');
		if (phrase.length > MAX_PHRASE_LENGTH) {
			return refuse(
				`Keep each phrase to ${MAX_PHRASE_LENGTH} characters or less (one has ${phrase.length}).`
			);
		}
		const words = countWords(phrase);
		if (words > MAX_PHRASE_WORDS) {
			return refuse(`Keep each phrase to ${MAX_PHRASE_WORDS} words or less (one has ${words}).`);
		}
		if (!phrases.has(textKey(phrase))) phrases.set(textKey(phrase), phrase);
	}
	return accept({ kind: 'word_cloud', phrases: [...phrases.values()] });
}
