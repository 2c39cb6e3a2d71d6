import { and, eq } from 'drizzle-orm';
import type { RecordFacts } from '$lib/domain/record/facts';
import { REPORT_FIELDS, type ReportField } from '$lib/domain/record/schema';
import { TAGS, TAG_TARGETS, type RecordTag, type TagTarget } from '$lib/domain/comments';
import { type Tx, db, first } from '../db';
import { recordTexts, users } from '../db/schema';
import { personName, personNameIfAny } from '../auth/names';

/** Notes are keyed per agenda item, report fields per field: one store and one conflict rule serve both. */
export type RecordTextKey = `note:${string}` | `report:${ReportField}` | `sentence:${string}`;

const NOTE = 'note:';
const SENTENCE = 'sentence:';

/** The rapporteur's sentence for a tagged item: one per tag of a card, comment or question. */
export function sentenceKey(tag: RecordTag, target: TagTarget, targetId: string): RecordTextKey {
	return `${SENTENCE}${tag}:${target}:${targetId}`;
}

export function noteKey(itemId: string): RecordTextKey {
	return `${NOTE}${itemId}`;
}

export function reportKey(field: ReportField): RecordTextKey {
	return `report:${field}`;
}

export interface RecordText {
	key: string;
	text: string;
	revision: number;
	/** A report field kept as the session prefilled it (see `accept` on `record:write`). */
	accepted: boolean;
	by: string | null;
	at: string;
}

export async function recordTextsOf(meetingId: string): Promise<RecordText[]> {
	return (
		await db()
			.select({
				key: recordTexts.key,
				text: recordTexts.text,
				revision: recordTexts.revision,
				accepted: recordTexts.accepted,
				by: personNameIfAny(),
				at: recordTexts.updatedAt
			})
			.from(recordTexts)
			.leftJoin(users, eq(users.id, recordTexts.userId))
			.where(eq(recordTexts.meetingId, meetingId))
	).map((row) => ({ ...row, at: row.at.toISOString() }));
}

export type TextSave = { saved: true; text: RecordText } | { saved: false; current: RecordText };

/**
 * Saves a text written on top of `baseRevision` (0 for a text not saved yet). When someone saved
 * in between, nothing is written: the caller gets the current text to show beside their own.
 */
export async function saveRecordText(
	tx: Tx,
	meetingId: string,
	key: RecordTextKey,
	text: string,
	baseRevision: number,
	userId: string,
	accepted = false
): Promise<TextSave> {
	const row = await first(
		tx
			.select()
			.from(recordTexts)
			.where(and(eq(recordTexts.meetingId, meetingId), eq(recordTexts.key, key)))
	);
	const nameOf = async (id: string | null) =>
		id
			? ((await (await first(tx.select({ name: personName() }).from(users).where(eq(users.id, id))))?.name) ??
				null)
			: null;
	const current = row?.revision ?? 0;
	if (current !== baseRevision) {
		return {
			saved: false,
			current: {
				key,
				text: row?.text ?? '',
				revision: current,
				accepted: row?.accepted ?? false,
				by: await nameOf(row?.userId ?? null),
				at: (row?.updatedAt ?? new Date()).toISOString()
			}
		};
	}
	const updatedAt = new Date();
	const revision = current + 1;
	await tx
		.insert(recordTexts)
		.values({ meetingId, key, text, revision, accepted, userId, updatedAt })
		.onConflictDoUpdate({
			target: [recordTexts.meetingId, recordTexts.key],
			set: { text, revision, accepted, userId, updatedAt }
		});
	const saved = { key, text, revision, accepted, by: await nameOf(userId), at: updatedAt.toISOString() };
	return { saved: true, text: saved };
}

/** The rapporteur's notes and report fields, as the record reads them; a key of no known field is skipped. */
export function textFactsOf(
	texts: readonly RecordText[]
): Pick<RecordFacts, 'notes' | 'report' | 'sentences'> {
	return {
		notes: texts.flatMap((t) =>
			t.key.startsWith(NOTE) ? [{ itemId: t.key.slice(NOTE.length), text: t.text }] : []
		),
		report: texts.flatMap((t) => {
			const field = REPORT_FIELDS.find((candidate) => t.key === reportKey(candidate));
			return field ? [{ field, text: t.text, by: t.by, accepted: t.accepted }] : [];
		}),
		sentences: texts.flatMap((t) => {
			if (!t.key.startsWith(SENTENCE)) return [];
			const [tag, target, ...rest] = t.key.slice(SENTENCE.length).split(':');
			const known = TAGS.find((k) => k === tag) && TAG_TARGETS.find((k) => k === target);
			return known
				? [{ tag: tag as RecordTag, target: target as TagTarget, targetId: rest.join(':'), text: t.text }]
				: [];
		})
	};
}
