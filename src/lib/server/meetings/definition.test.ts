import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { meetingDefinitionSchema } from './definition';

const PUBLISHED = new URL('../../../../docs/meeting.schema.json', import.meta.url);
const GENEVA = new URL('./igf-2017-bpf-cybersecurity.json', import.meta.url);

/** The published JSON Schema of meeting files, generated from the zod schema the importer parses with. */
function generated(): string {
	const schema = {
		title: 'Plenary meeting file, format version 1',
		// What a file may say: fields with defaults may be left out.
		...z.toJSONSchema(meetingDefinitionSchema, { io: 'input', unrepresentable: 'any' })
	};
	return JSON.stringify(schema, null, '\t') + '\n';
}

describe('docs/meeting.schema.json', () => {
	it('is the schema the importer reads by (npm run docs:schemas rewrites it)', () => {
		if (process.env.WRITE_SCHEMAS === '1') writeFileSync(PUBLISHED, generated());
		expect(readFileSync(PUBLISHED, 'utf8')).toBe(generated());
	});

	it('compiles in Ajv 2020 with its formats, under every strict rule', () => {
		const published = JSON.parse(readFileSync(PUBLISHED, 'utf8'));
		expect(() => addFormats(new Ajv2020({ strict: true })).compile(published)).not.toThrow();
	});

	it('accepts the Geneva seed and refuses a file without an agenda or with an impossible date', () => {
		const validate = addFormats(new Ajv2020()).compile(JSON.parse(readFileSync(PUBLISHED, 'utf8')));
		const geneva = JSON.parse(readFileSync(GENEVA, 'utf8'));
		expect(validate(geneva), JSON.stringify(validate.errors)).toBe(true);
		expect(validate({ ...geneva, agenda: [] })).toBe(false);
		expect(validate({ ...geneva, meeting: { ...geneva.meeting, date: '2017-02-30' } })).toBe(false);
	});
});
