import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sessionRecordSchema } from './schema';

const PUBLISHED = new URL('../../../../docs/record.schema.json', import.meta.url);

/** The published JSON Schema, generated from the zod schema the exporter is typed by. */
function generated(): string {
	const schema = {
		title: 'Plenary session record, format version 1',
		...z.toJSONSchema(sessionRecordSchema)
	};
	return JSON.stringify(schema, null, '\t') + '\n';
}

describe('docs/record.schema.json', () => {
	it('is the schema the exporter follows (npm run docs:schemas rewrites it)', () => {
		if (process.env.WRITE_SCHEMAS === '1') writeFileSync(PUBLISHED, generated());
		expect(readFileSync(PUBLISHED, 'utf8')).toBe(generated());
	});
});
