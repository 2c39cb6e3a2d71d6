/**
 * What a hostile staff member or a careless file can send that must be refused cleanly: a poll
 * tied to another meeting's agenda, record formats that are names of every object's prototype,
 * a large but valid meeting file, and a file nested to break the parser.
 */
import { parse } from 'devalue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingDefinition } from '../../src/lib/server/meetings/definition';
import type { TestSocket } from './support/clients';
import { importSecondMeeting } from './support/meetings';
import { commandIds, endSession, startSession, type Session } from './support/session';
import { databaseDigest } from './support/state';

let session: Session;
const open: TestSocket[] = [];
const id = commandIds('hardening');

beforeAll(async () => {
	session = await startSession(open);
	await importSecondMeeting(session.server.database, 'OTHER1');
});

afterAll(() => endSession(session?.server, open));

const get = (path: string) =>
	fetch(`${session.server.url}${path}`, { headers: { cookie: session.adminCookie } });

async function importFile(
	text: string
): Promise<{ status: number; type: string; data: unknown; location?: string }> {
	const body = new FormData();
	body.set('file', new File([text], 'meeting.json', { type: 'application/json' }));
	const response = await fetch(`${session.server.url}/admin?/import`, {
		method: 'POST',
		headers: {
			origin: session.server.url,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			cookie: session.adminCookie
		},
		body
	});
	const json = (await response.json()) as { type: string; status?: number; data?: string; location?: string };
	return {
		type: json.type,
		status: json.status ?? response.status,
		data: json.data === undefined ? undefined : parse(json.data),
		location: json.location
	};
}

async function definitionOf(code: string): Promise<MeetingDefinition> {
	const response = await get(`/api/meetings/${code}/definition.json`);
	expect(response.status).toBe(200);
	return (await response.json()) as MeetingDefinition;
}

describe('poll:create', () => {
	const draft = {
		kind: 'single' as const,
		question: 'Which first?',
		options: ['This', 'That'],
		maxPicks: null,
		wordLimit: null
	};

	it.each([
		['an item of another meeting', 'x-policy-options'],
		['an item that does not exist', 'no-such-item']
	])('refuses %s, and the meeting file still imports', async (_, itemId) => {
		const before = await databaseDigest(session.server.database);
		const ack = await session.moderator.emitWithAck('poll:create', { clientId: id(), itemId, ...draft });
		expect(ack).toEqual({
			error: { code: 'not_found', message: 'There is no such agenda item in this meeting.' }
		});
		expect(await databaseDigest(session.server.database)).toEqual(before);
		const file = await definitionOf('BPF2017');
		const copy = { ...file, meeting: { ...file.meeting, code: `COPY${itemId.length}` } };
		expect(await importFile(JSON.stringify(copy))).toMatchObject({ type: 'redirect', status: 303 });
	});

	it('still creates a poll on an item of this meeting', async () => {
		const ack = await session.moderator.emitWithAck('poll:create', {
			clientId: id(),
			itemId: 'policy-options',
			...draft
		});
		expect(ack).toHaveProperty('data.pollId');
	});
});

describe('record formats', () => {
	it.each(['toString', 'constructor', 'valueOf', '__proto__', 'hasOwnProperty', 'isPrototypeOf'])(
		'record.%s is not a format (404)',
		async (format) => {
			const response = await get(`/api/meetings/BPF2017/record.${format}`);
			expect(response.status).toBe(404);
		}
	);

	it('record.json still is', async () => {
		expect((await get('/api/meetings/BPF2017/record.json')).status).toBe(200);
	});
});

describe('meeting files', () => {
	/** BPF2017's file under another code, grown with long cards to about `bytes`. */
	async function largeFile(code: string, bytes: number): Promise<string> {
		const file = await definitionOf('BPF2017');
		const body = 'A card long enough to make a large file. '.repeat(95).trim();
		const perItem = 10;
		const items = Math.ceil(bytes / (perItem * (body.length + 60)));
		const agenda = [
			...file.agenda,
			...Array.from({ length: items }, (_, i) => ({
				id: `extra-${i}`,
				kind: 'walkthrough' as const,
				title: `Extra item ${i + 1}`,
				body: '',
				cards: Array.from({ length: perItem }, (_, c) => ({
					id: `extra-${i}-${c}`,
					title: `Card ${c + 1}`,
					body
				})),
				focus: null,
				panelists: []
			}))
		];
		return JSON.stringify({ ...file, meeting: { ...file.meeting, code }, agenda });
	}

	it('imports a valid 1.5 MB file', async () => {
		const text = await largeFile('LARGE15', 1.5 * 1024 * 1024);
		expect(text.length).toBeGreaterThan(1.4 * 1024 * 1024);
		expect(text.length).toBeLessThan(2 * 1024 * 1024);
		expect(await importFile(text)).toMatchObject({
			type: 'redirect',
			status: 303,
			location: '/admin/meetings/LARGE15'
		});
		expect((await definitionOf('LARGE15')).agenda.length).toBeGreaterThan(30);
	});

	it.each([2.2, 2.8])('refuses a %s MB file with 413 and says the limit', async (megabytes) => {
		const text = await largeFile('HUGE1', megabytes * 1024 * 1024);
		const before = await databaseDigest(session.server.database);
		expect(await importFile(text)).toMatchObject({
			type: 'failure',
			status: 413,
			data: { import: { problems: [{ message: 'the file is larger than 2 MB' }] } }
		});
		expect(await databaseDigest(session.server.database)).toEqual(before);
	});

	it('refuses a deeply nested file with a clear message (400, not a server error)', async () => {
		const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
		expect(await importFile(text)).toMatchObject({
			type: 'failure',
			status: 400,
			data: {
				import: { problems: [{ line: 1, message: expect.stringMatching(/nested more than 64 deep/) }] }
			}
		});
		const inside = `{"format": "plenary-meeting", "formatVersion": 1, "meeting": ${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`;
		expect(await importFile(inside)).toMatchObject({ type: 'failure', status: 400 });
	});
});
