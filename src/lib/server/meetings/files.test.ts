import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { count as sqlCount, eq } from 'drizzle-orm';
import { readConfig } from '../config';
import { openDatabase, type Db } from '../db';
import { meetings } from '../db/schema';
import { exportMeeting, readMeetingFile } from './files';
import { importMeeting } from './import';
import type { MeetingDefinition } from './definition';

const GENEVA_PATH = new URL('./igf-2017-bpf-cybersecurity.json', import.meta.url);
const genevaText = fs.readFileSync(GENEVA_PATH, 'utf8');

function read(text: string): MeetingDefinition {
	const reading = readMeetingFile(text);
	if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
	return reading.definition;
}

function problemsOf(text: string) {
	const reading = readMeetingFile(text);
	if (reading.ok) throw new Error('the file was accepted');
	return reading.problems;
}

/** A small valid file, written out with one field per line so that line numbers are predictable. */
function smallFile(
	overrides: { agenda?: unknown[]; polls?: unknown[]; meeting?: Record<string, unknown> } = {}
): string {
	return JSON.stringify(
		{
			format: 'plenary-meeting',
			formatVersion: 1,
			meeting: {
				code: 'YOUTH26',
				title: 'Youth forum',
				timeZone: 'Europe/Paris',
				startTime: '09:30',
				...overrides.meeting
			},
			agenda: overrides.agenda ?? [
				{ id: 'intro', kind: 'info', title: 'Welcome' },
				{
					id: 'risks',
					kind: 'walkthrough',
					title: 'Risks',
					cards: [
						{ id: 'bullying', title: 'Cyberbullying' },
						{ id: 'scams', title: 'Scams' }
					]
				}
			],
			polls: overrides.polls ?? [
				{
					id: 'first',
					itemId: 'risks',
					kind: 'single',
					question: 'Which first?',
					options: [
						{ id: 'a', label: 'Cyberbullying' },
						{ id: 'b', label: 'Scams' }
					]
				}
			]
		},
		null,
		2
	);
}

const lineOf = (text: string, needle: string) =>
	text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('readMeetingFile', () => {
	it('reads the Geneva seed, which is an ordinary meeting file', () => {
		const geneva = read(genevaText);
		expect(geneva.meeting.code).toBe('BPF2017');
		expect(geneva.meeting.language).toBe('en');
		expect(geneva.agenda).toHaveLength(7);
		// Fields added to version 1 later take their defaults in older files.
		expect(geneva.meeting).toMatchObject({
			startTime: null,
			speakingSeconds: 180,
			premoderation: false,
			passcode: null
		});
	});

	it('reads the language a meeting is held in: English when the file does not say, one of ours otherwise', () => {
		expect(read(smallFile()).meeting.language).toBe('en');
		expect(read(smallFile({ meeting: { language: 'fr' } })).meeting.language).toBe('fr');
		const text = smallFile({ meeting: { language: 'de' } });
		const [problem] = problemsOf(text);
		expect(problem.field).toBe('meeting.language');
		expect(problem.line).toBe(lineOf(text, '"language"'));
	});

	it('names the line of a JSON syntax error', () => {
		const broken = smallFile().replace('"Welcome"', '"Welcome",,');
		const [problem] = problemsOf(broken);
		expect(problem.line).toBe(lineOf(broken, 'Welcome'));
		expect(problem.message).toMatch(/^not valid JSON/);
	});

	it('names the field and line of every schema problem', () => {
		const text = smallFile()
			.replace('"title": "Scams"', '"title": ""')
			.replace('"timeZone": "Europe/Paris"', '"timeZone": "Mars/Olympus"');
		const problems = problemsOf(text);
		expect(problems).toContainEqual(
			expect.objectContaining({
				field: 'agenda[1].cards[1].title',
				line: lineOf(text, '"title": ""'),
				message: 'cannot be empty'
			})
		);
		expect(problems).toContainEqual(
			expect.objectContaining({ field: 'meeting.timeZone', line: lineOf(text, 'Mars/Olympus') })
		);
	});

	it('points a missing field at the object that lacks it', () => {
		const text = smallFile({ agenda: [{ id: 'intro', kind: 'info' }] });
		const [problem] = problemsOf(text);
		expect(problem).toMatchObject({ field: 'agenda[0].title', message: 'is missing' });
		// The object starts on the line after `"agenda": [`.
		expect(problem.line).toBe(lineOf(text, '"agenda"') + 1);
	});

	it('refuses cross-reference mistakes: repeated ids, unknown items, choice polls with one option', () => {
		const text = smallFile({
			agenda: [
				{ id: 'intro', kind: 'info', title: 'Welcome' },
				{ id: 'intro', kind: 'info', title: 'Again' }
			],
			polls: [
				{ id: 'p', itemId: 'nowhere', kind: 'single', question: 'Q?', options: [{ id: 'a', label: 'A' }] }
			]
		});
		const messages = problemsOf(text).map((problem) => `${problem.field}: ${problem.message}`);
		expect(messages).toEqual(
			expect.arrayContaining([
				'agenda[1].id: id "intro" is used twice',
				'polls[0].itemId: no agenda item has id "nowhere"',
				'polls[0].options: a choice poll needs at least two options'
			])
		);
	});

	it('names every problem at once: a missing title does not hide a repeated id', () => {
		const text = smallFile({
			agenda: [
				{ id: 'intro', kind: 'info' },
				{ id: 'intro', kind: 'info', title: 'Again' }
			]
		});
		expect(problemsOf(text).map((problem) => `${problem.field}: ${problem.message}`)).toEqual([
			'agenda[0].title: is missing',
			'agenda[1].id: id "intro" is used twice',
			'polls[0].itemId: no agenda item has id "risks"'
		]);
	});

	it('refuses files of another format or version, and files that are too large', () => {
		expect(problemsOf(smallFile().replace('"formatVersion": 1', '"formatVersion": 2'))[0].field).toBe(
			'formatVersion'
		);
		expect(problemsOf(' '.repeat(3 * 1024 * 1024))[0].message).toMatch(/larger than 2 MB/);
		expect(problemsOf('')[0].line).not.toBeUndefined();
	});
});

describe('importing and exporting', () => {
	let db: Db;

	beforeAll(async () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'plenary-files-'));
		db = await openDatabase(readConfig({ DATABASE_PATH: path.join(folder, 'plenary.db') }).database);
	});

	it('round-trips: export then import gives the same meeting', async () => {
		const first = await exportMeeting(await importMeeting(read(genevaText)));
		expect(first).not.toBeNull();
		const text = JSON.stringify({ ...first, meeting: { ...first!.meeting, code: 'BPF2017B' } }, null, '\t');
		const second = await exportMeeting(await importMeeting(read(text)));
		expect({ ...second, meeting: { ...second!.meeting, code: 'BPF2017' } }).toEqual(first);
	});

	it('exports what the file said, with poll ids numbered in order', async () => {
		const definition = read(smallFile());
		const exported = await exportMeeting(await importMeeting(definition));
		expect(exported?.meeting).toEqual(definition.meeting);
		expect(exported?.agenda).toEqual(definition.agenda);
		expect(exported?.polls).toEqual([{ ...definition.polls[0], id: 'poll-1' }]);
	});

	it("round-trips the meeting's language", async () => {
		const definition = read(smallFile({ meeting: { code: 'ACTUEL26', language: 'fr' } }));
		const exported = await exportMeeting(await importMeeting(definition));
		expect(exported?.meeting.language).toBe('fr');
		const again = read(JSON.stringify({ ...exported, meeting: { ...exported!.meeting, code: 'ACTUEL27' } }));
		expect((await exportMeeting(await importMeeting(again)))?.meeting.language).toBe('fr');
	});

	it('imports nothing of a meeting whose writing fails half-way', async () => {
		const count = async () => (await db.select({ n: sqlCount() }).from(meetings))[0].n;
		const before = await count();
		// Past the reader's checks (as a bug might be): the meeting row is written, then a card id repeats.
		const definition = read(smallFile());
		const risks = definition.agenda[1];
		const broken = {
			...definition,
			meeting: { ...definition.meeting, code: 'HALFWAY1' },
			agenda: [definition.agenda[0], { ...risks, cards: [risks.cards[0], risks.cards[0]] }]
		};
		await expect(importMeeting(broken)).rejects.toThrow(/UNIQUE/);
		expect(await count()).toBe(before);
		expect(await db.select().from(meetings).where(eq(meetings.code, 'HALFWAY1'))).toEqual([]);
	});
});
