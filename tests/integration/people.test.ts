/**
 * People by name, through the production server: staff set a display name and an affiliation at
 * /account (or an admin does it for them on People), and the consoles and the record name them by
 * it; a bad entry is refused and changes nothing. Speakers from the floor carry the affiliation
 * their phone's profile held when they asked, a panelist the agenda's, and an anonymous question
 * still carries no name, group, mode or affiliation.
 */
import { readFileSync } from 'node:fs';
import { parse, unflatten } from 'devalue';
import { Ajv2020 } from 'ajv/dist/2020.js';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftItem, DraftPoll } from '../../src/lib/domain/agendaDraft';
import type { SessionRecord } from '../../src/lib/domain/record/schema';
import { ADMIN, startServer, type RunningServer } from './support/server';
import { sql } from './support/database';
import { connect, joinMeeting, saveProfile, signIn, type TestSocket } from './support/clients';
import { addUser } from './support/users';
import { databaseDigest, syncedSnapshot } from './support/state';

const PASSWORD = 'people-password-1';
/** Usernames no export would print on its own: finding one there means a person went unnamed. */
const USERNAMES = { chair: 'amina.d', notes: 'noor.h' };
let server: RunningServer;
const cookies: Record<string, string> = {};
const open: TestSocket[] = [];
let n = 0;
const id = () => `people-command-${++n}`;

beforeAll(async () => {
	server = await startServer();
	cookies.admin = await signIn(server.url, ADMIN.username, ADMIN.password);
	for (const [username, roles] of [
		['chair', ['moderator']],
		['notes', ['rapporteur']]
	] as const) {
		await addUser(server.database, USERNAMES[username], PASSWORD, [...roles]);
		cookies[username] = await signIn(server.url, USERNAMES[username], PASSWORD);
	}
});

afterAll(async () => {
	for (const socket of open) socket.disconnect();
	await server?.stop();
});

interface ActionResult {
	type: 'success' | 'failure' | 'redirect' | 'error';
	status: number;
	data?: Record<string, unknown>;
}

/** A form sent as `use:enhance` sends it: the action's answer, in devalue. */
async function act(path: string, fields: Record<string, string>, cookie: string): Promise<ActionResult> {
	const response = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { origin: server.url, accept: 'application/json', 'x-sveltekit-action': 'true', cookie },
		body: new URLSearchParams(fields)
	});
	const json = (await response.json()) as { type: ActionResult['type']; status?: number; data?: string };
	return {
		type: json.type,
		status: json.status ?? response.status,
		data: json.data === undefined ? undefined : (parse(json.data) as Record<string, unknown>)
	};
}

/** What a page's `load` functions returned, its layouts' included, as the client router reads it. */
async function pageData<T>(path: string, cookie: string): Promise<T> {
	const response = await fetch(`${server.url}${path}/__data.json`, { headers: { cookie } });
	const body = (await response.json()) as { type: string; nodes: ({ data?: unknown[] } | null)[] };
	if (body.type !== 'data') throw new Error(`no page data at ${path}`);
	const loaded = body.nodes.map((node) => (node?.data ? (unflatten(node.data) as object) : {}));
	return Object.assign({}, ...loaded) as T;
}

const userRow = async (username: string) => {
	const [row] = await sql<{ id: string; display_name: string | null; affiliation: string | null }>(
		server.database,
		'select id, display_name, affiliation from users where username = ?',
		username
	);
	return row;
};

async function staffSocket(cookie: string): Promise<TestSocket> {
	const { socket } = await connect(server.url, { as: 'moderator', cookie });
	open.push(socket);
	return socket;
}

async function phone(profile: Record<string, string>): Promise<TestSocket> {
	const cookie = await joinMeeting(server.url, 'BPF2017');
	expect((await saveProfile(server.url, cookie, profile)).status).toBe(200);
	const { socket } = await connect(server.url, { as: 'attendee', cookie });
	open.push(socket);
	return socket;
}

describe('staff name themselves, and admins name them', () => {
	it('a user sets their display name and affiliation at /account; the consoles greet them by it', async () => {
		const saved = await act(
			'/account?/details',
			{ displayName: '  Amina Diallo ', affiliation: 'ITU' },
			cookies.chair
		);
		expect(saved).toMatchObject({ type: 'success', data: { detailsSaved: true } });
		expect(await userRow(USERNAMES.chair)).toMatchObject({
			display_name: 'Amina Diallo',
			affiliation: 'ITU'
		});
		expect(await pageData('/account', cookies.chair)).toMatchObject({
			username: USERNAMES.chair,
			details: { displayName: 'Amina Diallo', affiliation: 'ITU' }
		});
		expect(await pageData('/m/BPF2017/moderate', cookies.chair)).toMatchObject({ name: 'Amina Diallo' });
		// Someone who set nothing is still named by their username.
		expect(await pageData('/m/BPF2017/record', cookies.notes)).toMatchObject({ name: USERNAMES.notes });
	});

	it("an admin sets another user's name on People; emptying a field clears it", async () => {
		const notes = await userRow(USERNAMES.notes);
		const saved = await act(
			'/admin/people?/details',
			{ userId: notes.id, displayName: 'Noor Haddad', affiliation: 'IGF Secretariat' },
			cookies.admin
		);
		expect(saved).toMatchObject({ type: 'success', data: { detailsSaved: notes.id } });
		const listed = await pageData<{ accounts: { username: string; displayName: string | null }[] }>(
			'/admin/people',
			cookies.admin
		);
		expect(listed.accounts.find((a) => a.username === USERNAMES.notes)).toMatchObject({
			displayName: 'Noor Haddad',
			affiliation: 'IGF Secretariat'
		});
		expect(await pageData('/m/BPF2017/record', cookies.notes)).toMatchObject({ name: 'Noor Haddad' });

		await act(
			'/admin/people?/details',
			{ userId: notes.id, displayName: 'Noor Haddad', affiliation: ' ' },
			cookies.admin
		);
		expect(await userRow(USERNAMES.notes)).toMatchObject({ display_name: 'Noor Haddad', affiliation: null });
		await act(
			'/admin/people?/details',
			{ userId: notes.id, displayName: 'Noor Haddad', affiliation: 'IGF Secretariat' },
			cookies.admin
		);
	});

	it("refuses a bad entry, another user's page and a removed account, changing nothing", async () => {
		const before = await databaseDigest(server.database);
		const chair = await userRow(USERNAMES.chair);
		const refusals: [string, Record<string, string>, string, RegExp][] = [
			['/account?/details', { displayName: 'x'.repeat(81), affiliation: '' }, cookies.chair, /at most 80/],
			[
				'/account?/details',
				{ displayName: 'Amina', affiliation: 'y'.repeat(121) },
				cookies.chair,
				/at most 120/
			],
			['/account?/details', { displayName: 'Amina\nDiallo', affiliation: '' }, cookies.chair, /one line/],
			[
				'/admin/people?/details',
				{ userId: chair.id, displayName: 'Z'.repeat(200), affiliation: '' },
				cookies.admin,
				/at most 80/
			],
			[
				'/admin/people?/details',
				{ userId: 'no-such-user', displayName: 'Ghost', affiliation: '' },
				cookies.admin,
				/no longer exists/
			]
		];
		for (const [path, fields, cookie, message] of refusals) {
			const answer = await act(path, fields, cookie);
			expect(answer).toMatchObject({ type: 'failure', status: 400 });
			expect(String((answer.data?.details as { message: string }).message)).toMatch(message);
		}
		// The field at fault comes back, with what was typed, for the form to show again.
		const long = await act(
			'/account?/details',
			{ displayName: 'x'.repeat(81), affiliation: 'ITU' },
			cookies.chair
		);
		expect(long.data?.details).toMatchObject({ field: 'displayName', typed: { affiliation: 'ITU' } });
		// Only admins name others: a moderator is refused.
		const notAdmin = await act(
			'/admin/people?/details',
			{ userId: chair.id, displayName: 'Hijacked', affiliation: '' },
			cookies.chair
		);
		expect(notAdmin.type === 'error' ? notAdmin.status : notAdmin.type).toBe(403);
		// Without a session, the page sends to sign-in.
		const anonymous = await fetch(`${server.url}/account?/details`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: server.url, accept: 'text/html' },
			body: new URLSearchParams({ displayName: 'Nobody', affiliation: '' })
		});
		expect(anonymous.status).toBe(303);
		expect(await databaseDigest(server.database)).toEqual(before);
	});
});

interface EditorDraft {
	revision: number;
	items: DraftItem[];
	polls: DraftPoll[];
}

describe('the record names people as they chose', () => {
	let record: SessionRecord;

	it('runs a session: a moderator and rapporteur with names, speakers with affiliations', async () => {
		const chair = await staffSocket(cookies.chair);
		const notes = await staffSocket(cookies.notes);
		expect(await chair.emitWithAck('session:clock', { clientId: id(), action: 'start' })).toHaveProperty(
			'data.startedAt'
		);
		expect(await chair.emitWithAck('agenda:move', { clientId: id(), to: 'next' })).toHaveProperty('data');

		// A phone asks with an affiliation in its profile, then changes it: the turn keeps the first.
		const cookie = await joinMeeting(server.url, 'BPF2017');
		const profile = {
			displayName: 'Lee',
			affiliation: 'APNIC',
			stakeholderGroup: 'technical_community',
			mode: 'remote'
		};
		expect((await saveProfile(server.url, cookie, profile)).status).toBe(200);
		const lee = (await connect(server.url, { as: 'attendee', cookie })).socket;
		open.push(lee);
		expect(await lee.emitWithAck('floor:request', { clientId: id() })).toHaveProperty('data.requestId');
		// Staff see the affiliation in the live queue, to check it before the record prints it; the room does not.
		const queued = (await syncedSnapshot(chair)).floor.queue.find((entry) => entry.name === 'Lee');
		expect(queued).toMatchObject({ affiliation: 'APNIC' });
		const seenByPhone = (await syncedSnapshot(lee)).floor.queue.find((entry) => entry.name === 'Lee');
		expect(seenByPhone).toBeDefined();
		expect(seenByPhone).not.toHaveProperty('affiliation');
		expect((await saveProfile(server.url, cookie, { ...profile, affiliation: 'Elsewhere' })).status).toBe(
			200
		);
		expect(await chair.emitWithAck('floor:next', { clientId: id() })).toHaveProperty('data.speaking');

		// A panelist, then a speaker added by the moderator with an affiliation and one without.
		expect(
			await chair.emitWithAck('floor:panelist', { clientId: id(), panelistId: 'panel-government' })
		).toHaveProperty('data.speaking');
		for (const [name, affiliation] of [
			['Sam Okafor', 'Kenya ICT Action Network'],
			['Walk-in', '']
		]) {
			expect(
				await chair.emitWithAck('floor:add', {
					clientId: id(),
					name,
					affiliation,
					group: 'civil_society',
					mode: 'in_room'
				})
			).toHaveProperty('data.requestId');
			expect(await chair.emitWithAck('floor:next', { clientId: id() })).toHaveProperty('data.speaking');
		}
		expect(await chair.emitWithAck('floor:end', { clientId: id() })).toHaveProperty('data');
		// The floor:add schema refuses an affiliation too long.
		expect(
			await chair.emitWithAck('floor:add', {
				clientId: id(),
				name: 'Too long',
				affiliation: 'z'.repeat(121),
				group: null,
				mode: 'in_room'
			})
		).toHaveProperty('error');

		// An anonymous question from a phone with a name, group, mode and affiliation.
		const asker = await phone({
			displayName: 'Mira',
			affiliation: 'Secret Institute',
			stakeholderGroup: 'academia',
			mode: 'in_room'
		});
		const asked = await asker.emitWithAck('question:ask', {
			clientId: id(),
			text: 'Who pays for the CERT of a small state?',
			anonymous: true
		});
		if (!('data' in asked)) throw new Error(asked.error.message);
		await chair.emitWithAck('question:moderate', {
			clientId: id(),
			questionId: asked.data.question.id,
			action: 'answer'
		});

		// The chair declares a topic, the rapporteur rewords it.
		const declared = await chair.emitWithAck('topic:declare', {
			clientId: id(),
			wording: 'The digital security divide',
			itemId: 'topics-2018',
			pollId: null
		});
		if (!('data' in declared)) throw new Error(declared.error.message);
		expect(
			await notes.emitWithAck('topic:reword', {
				clientId: id(),
				topicId: declared.data.topicId,
				wording: 'Closing the digital security divide'
			})
		).toEqual({ data: { changed: true } });
		// The rapporteur's note says who wrote it, by name.
		expect(
			await notes.emitWithAck('record:write', {
				clientId: id(),
				target: { kind: 'note', itemId: 'goals' },
				text: 'The chair framed the question.',
				baseRevision: 0
			})
		).toMatchObject({ data: { saved: true, text: { by: 'Noor Haddad' } } });
		// Ended, reopened by the chair, ended again: the record says who reopened it.
		for (const action of ['end', 'reopen', 'end'] as const) {
			expect(await chair.emitWithAck('session:clock', { clientId: id(), action })).toHaveProperty('data');
		}

		// After the session, the agenda names the placeholder panelist: the record follows it.
		const draft = await pageData<{ draft: EditorDraft }>(
			'/admin/meetings/BPF2017/agenda',
			cookies.admin
		).then((data) => data.draft);
		const items = draft.items.map((item) => ({
			...item,
			panelists: item.panelists.map((p) =>
				p.id === 'panel-government'
					? { ...p, name: 'Ana Ruiz', affiliation: 'Ministry of Digital Affairs' }
					: p
			)
		}));
		const save = await act(
			'/admin/meetings/BPF2017/agenda?/save',
			{ draft: JSON.stringify({ revision: draft.revision, agenda: items, polls: draft.polls }) },
			cookies.admin
		);
		expect(save).toMatchObject({ type: 'success' });
	});

	it('exports JSON that validates, naming staff by display name and speakers with affiliations', async () => {
		const response = await fetch(`${server.url}/api/meetings/BPF2017/record.json`, {
			headers: { cookie: cookies.notes }
		});
		expect(response.status).toBe(200);
		record = (await response.json()) as SessionRecord;
		const schema = JSON.parse(
			readFileSync(new URL('../../docs/record.schema.json', import.meta.url), 'utf8')
		);
		const validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
		expect(validate(record) ? [] : validate.errors).toEqual([]);

		const field = (key: string) => record.report.find((f) => f.key === key)?.value;
		expect(field('moderator')).toBe('Amina Diallo (ITU)');
		expect(field('rapporteur')).toBe('Noor Haddad (IGF Secretariat)');
		expect(record.meeting.reopenings.map((reopening) => reopening.by)).toEqual(['Amina Diallo']);
		for (const username of Object.values(USERNAMES)) expect(JSON.stringify(record)).not.toContain(username);
		expect(record.agreedTopics[0].history.map((change) => [change.change, change.by])).toEqual([
			['declared', 'Amina Diallo'],
			['reworded', 'Noor Haddad']
		]);

		expect(
			record.speakers.map(({ name, affiliation, panelist, stakeholderGroup, mode }) => ({
				name,
				affiliation,
				panelist,
				stakeholderGroup,
				mode
			}))
		).toEqual([
			{
				name: 'Lee',
				affiliation: 'APNIC',
				panelist: false,
				stakeholderGroup: 'technical_community',
				mode: 'remote'
			},
			{
				name: 'Ana Ruiz',
				affiliation: 'Ministry of Digital Affairs',
				panelist: true,
				stakeholderGroup: 'government',
				mode: 'in_room'
			},
			{
				name: 'Sam Okafor',
				affiliation: 'Kenya ICT Action Network',
				panelist: false,
				stakeholderGroup: 'civil_society',
				mode: 'in_room'
			},
			{
				name: 'Walk-in',
				affiliation: null,
				panelist: false,
				stakeholderGroup: 'civil_society',
				mode: 'in_room'
			}
		]);
	});

	it('the Markdown and Word exports name the chair and rapporteur the same way, and no username', async () => {
		const markdown = await (
			await fetch(`${server.url}/api/meetings/BPF2017/record.md`, { headers: { cookie: cookies.notes } })
		).text();
		const docx = await fetch(`${server.url}/api/meetings/BPF2017/record.docx`, {
			headers: { cookie: cookies.notes }
		});
		const xml = await (
			await JSZip.loadAsync(await docx.arrayBuffer())
		)
			.file('word/document.xml')!
			.async('string');
		for (const text of [markdown, xml.replace(/<[^>]+>/g, '')]) {
			expect(text).toContain('Amina Diallo (ITU)');
			expect(text).toContain('Noor Haddad (IGF Secretariat)');
			for (const username of Object.values(USERNAMES)) expect(text).not.toContain(username);
		}
	});

	it('an anonymous question still carries no name, group, mode or affiliation', () => {
		const question = record.questions.find((q) => q.text.startsWith('Who pays'));
		expect(question).toMatchObject({ author: null, stakeholderGroup: null, mode: null });
		expect(question).not.toHaveProperty('affiliation');
		const text = JSON.stringify(record);
		expect(text).not.toContain('Mira');
		expect(text).not.toContain('Secret Institute');
		// A profile changed after asking does not rewrite the turn.
		expect(text).not.toContain('Elsewhere');
	});
});
