import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_GROUP_LABEL, PARTICIPATION_MODE_LABELS, STAKEHOLDER_GROUP_LABELS } from '$lib/domain/meeting';
import { BORDA_EXPLANATION, POLL_KIND_LABELS, STANCE_LABELS } from '$lib/domain/polls/labels';
import { ITEM_KIND_LABELS } from '$lib/components/session/labels';

/**
 * Staff pages and exports name groups, modes, kinds and stances in English from the constants;
 * attendee and projector pages from the catalogue. The constants are the source: the catalogue's
 * English for these follows them (`npm run i18n:english` rewrites it).
 */
const FROM_CONSTANTS: Record<string, Record<string, string>> = {
	common: {
		...prefixed('group', { ...STAKEHOLDER_GROUP_LABELS, unspecified: NO_GROUP_LABEL }),
		...prefixed('mode', PARTICIPATION_MODE_LABELS),
		...prefixed('kind', ITEM_KIND_LABELS)
	},
	polls: {
		...prefixed('kind', POLL_KIND_LABELS),
		...prefixed('stance', STANCE_LABELS),
		borda: BORDA_EXPLANATION
	}
};

function prefixed(prefix: string, labels: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(labels).map(([key, label]) => [`${prefix}.${key}`, label]));
}

const fileOf = (area: string) => path.join(import.meta.dirname, 'messages', 'en', `${area}.json`);

describe("the catalogue's English names", () => {
	for (const [area, expected] of Object.entries(FROM_CONSTANTS)) {
		it(`in en/${area}.json are the constants' (npm run i18n:english rewrites them)`, () => {
			const messages: Record<string, string> = JSON.parse(readFileSync(fileOf(area), 'utf8'));
			if (process.env.WRITE_MESSAGES === '1') {
				writeFileSync(fileOf(area), `${JSON.stringify({ ...messages, ...expected }, null, '\t')}\n`);
				return;
			}
			for (const [id, label] of Object.entries(expected)) expect(messages[id], id).toBe(label);
		});
	}
});
