/**
 * The admin area, through the production server: every admin page, action and the meeting-file
 * export sends anonymous visitors to sign in and refuses other users (changing nothing), then what
 * an admin does there, as real clients see it: a new meeting set up and followed live by its
 * phones, a live agenda edit that keeps the projector on its card, meeting files in and out,
 * accounts and roles that take effect on open consoles at once, and the passcode and archive gates.
 */
import { parse, unflatten } from 'devalue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftItem, DraftPoll } from '../../src/lib/domain/agendaDraft';
import type { MeetingDefinition } from '../../src/lib/server/meetings/definition';
import type { SessionRecord } from '../../src/lib/domain/record/schema';
import { LOCALES } from '../../src/lib/i18n/locales';
import { sourceMessages } from '../../src/lib/server/i18n';
import { ADMIN, startServer, type RunningServer } from './support/server';
import { sql } from './support/database';
import {
	connect,
	cookiesFrom,
	joinChallenge,
	joinMeeting,
	solveProof,
	nextEvent,
	publicSnapshot,
	signIn,
	type TestSocket
} from './support/clients';
import { addUser } from './support/users';
import { importSecondMeeting } from './support/meetings';
import { databaseDigest, syncedSnapshot } from './support/state';
import { eventsUntilSynced } from './support/wait';

/** Six characters of the alphabet that cannot be misread from a screen. */
const GENERATED_CODE = /^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/;
const PASSWORD = 'admin-area-password-1';

let server: RunningServer;
let adminCookie: string;
const open: TestSocket[] = [];
let n = 0;
const id = () => `admin-command-${++n}`;

// ---------------------------------------------------------------------------------------------
// Forms and pages, as a browser sends and reads them

type FormBody = URLSearchParams | FormData;
const form = (fields: Record<string, string>) => new URLSearchParams(fields);

function get(path: string, cookie?: string): Promise<Response> {
	return fetch(`${server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

/** A form as a browser without JavaScript posts it: redirects and refusals come back as statuses. */
function post(path: string, body: FormBody, cookie?: string): Promise<Response> {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: server.url, accept: 'text/html', ...(cookie ? { cookie } : {}) },
		body
	});
}

interface ActionResult<T> {
	type: 'success' | 'failure' | 'redirect' | 'error';
	status: number;
	data?: T;
	location?: string;
}

/** The same form sent by `use:enhance`: SvelteKit answers JSON, the action's data in devalue. */
async function act<T = Record<string, unknown>>(
	path: string,
	body: FormBody,
	cookie = adminCookie
): Promise<ActionResult<T>> {
	const response = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { origin: server.url, accept: 'application/json', 'x-sveltekit-action': 'true', cookie },
		body
	});
	const json = (await response.json()) as Omit<ActionResult<T>, 'data'> & { data?: string };
	return {
		type: json.type,
		status: json.status ?? response.status,
		data: json.data === undefined ? undefined : (parse(json.data) as T),
		location: json.location
	};
}

/** What a page's `load` returned, read the way the client router reads it (`__data.json`). */
async function pageData<T>(path: string, cookie = adminCookie): Promise<T> {
	const response = await fetch(`${server.url}${path}/__data.json`, { headers: { cookie } });
	const body = (await response.json()) as { type: string; nodes: { type: string; data?: unknown[] }[] };
	const page = body.nodes.at(-1);
	if (body.type !== 'data' || !page?.data)
		throw new Error(`no page data at ${path}: ${JSON.stringify(body)}`);
	return unflatten(page.data) as T;
}

// ---------------------------------------------------------------------------------------------
// The database, read beside the running server

function query<T>(statement: string, ...params: unknown[]): Promise<T[]> {
	return sql<T>(server.database, statement, ...params);
}

const meetingCodes = async () =>
	(await query<{ code: string }>('select code from meetings order by code')).map((m) => m.code);

interface MeetingRow {
	title: string;
	archived_at: number | null;
	agenda_revision: number;
	language: string;
}
const meetingRow = async (code: string) =>
	(await query<MeetingRow>('select * from meetings where code = ?', code)).at(0);

const userIdOf = async (username: string) =>
	(await query<{ id: string }>('select id from users where username = ?', username)).at(0)?.id;

const rolesOf = async (userId: string, code: string) =>
	(
		await query<{ role: string }>(
			'select role from meeting_roles r join meetings m on m.id = r.meeting_id where r.user_id = ? and m.code = ? order by role',
			userId,
			code
		)
	).map((row) => row.role);

const participantCount = async (code: string) =>
	(
		await query<{ n: number }>(
			'select count(*) as n from participants p join meetings m on m.id = p.meeting_id where m.code = ?',
			code
		)
	)[0].n;

// ---------------------------------------------------------------------------------------------
// Meetings, as the admin pages make them

/** Creates a meeting through /admin?/create and returns its join code. */
async function createMeeting(title: string): Promise<string> {
	const result = await act('/admin?/create', form({ title }));
	expect(result).toMatchObject({ type: 'redirect', status: 303 });
	return result.location!.replace('/admin/meetings/', '');
}

const SETTINGS = {
	title: 'Cyber norms workshop',
	description: 'How norms travel from the UN to the server room.',
	venue: 'Room XII, Palais des Nations',
	date: '2026-03-12',
	startTime: '09:30',
	timeZone: 'Europe/Zurich',
	organiser: 'BPF Cybersecurity',
	commentDeadline: '2026-03-13T17:00',
	speakingMinutes: '4',
	premoderation: 'on',
	passcode: '',
	participation: 'anyone',
	language: 'en'
};

function saveSettings(
	code: string,
	changes: Partial<typeof SETTINGS> & { code?: string; rehearsal?: 'on' } = {}
) {
	return act<{ settings: { saved?: boolean; field: string; message: string | null } }>(
		`/admin/meetings/${code}?/settings`,
		form({ ...SETTINGS, code, ...changes })
	);
}

interface EditorDraft {
	revision: number;
	items: DraftItem[];
	polls: DraftPoll[];
}

/** The agenda and polls the editor opens with, and the revision its save must name. */
async function editorDraft(code: string): Promise<EditorDraft> {
	return (await pageData<{ draft: EditorDraft }>(`/admin/meetings/${code}/agenda`)).draft;
}

interface Problem {
	field: string;
	message: string;
}

/** A save answers with the new revision, or with its problems and whether the draft was stale. */
type AgendaSaveAnswer = { revision: number } & { problems: Problem[]; stale: boolean };

function saveAgenda(code: string, revision: number, agenda: DraftItem[], polls: DraftPoll[] = []) {
	return act<AgendaSaveAnswer>(
		`/admin/meetings/${code}/agenda?/save`,
		form({ draft: JSON.stringify({ revision, agenda, polls }) })
	);
}

async function exportedDefinition(code: string): Promise<MeetingDefinition> {
	const response = await get(`/api/meetings/${code}/definition.json`, adminCookie);
	expect(response.status).toBe(200);
	expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${code}-meeting.json"`);
	return (await response.json()) as MeetingDefinition;
}

function meetingFile(text: string): FormData {
	const body = new FormData();
	body.set('file', new File([text], 'meeting.json', { type: 'application/json' }));
	return body;
}

function importFile(text: string) {
	return act<{ import: { problems: { line: number | null; field: string; message: string }[] } }>(
		'/admin?/import',
		meetingFile(text)
	);
}

const WELCOME: DraftItem = {
	id: 'welcome',
	kind: 'info',
	title: 'Welcome',
	body: '',
	cards: [],
	focus: null,
	panelists: []
};

const WALKTHROUGH: DraftItem = {
	id: 'policy-options',
	kind: 'walkthrough',
	title: 'Policy options',
	body: 'Two options, one card each.',
	cards: [
		{ id: 'secure-by-design', title: 'Secure by design', body: 'Vendors ship safe defaults.' },
		{ id: 'shared-duty', title: 'A shared duty', body: 'Every stakeholder group has a part.' }
	],
	focus: null,
	panelists: []
};

const DISCUSSION: DraftItem = {
	id: 'open-floor',
	kind: 'discussion',
	title: 'Open floor',
	body: '',
	cards: [],
	focus: null,
	panelists: []
};

const SINGLE_CHOICE: DraftPoll = {
	id: 'which-first',
	itemId: 'policy-options',
	kind: 'single',
	question: 'Which option comes first?',
	options: [
		{ id: 'design', label: 'Secure by design' },
		{ id: 'duty', label: 'A shared duty' }
	],
	maxPicks: null,
	wordLimit: null,
	status: 'draft'
};

// ---------------------------------------------------------------------------------------------
// Sockets

/** A new phone of `code`: opens the attendee page for its cookie, then connects. */
async function phoneOf(code: string): Promise<TestSocket> {
	const cookie = await joinMeeting(server.url, code);
	const { socket } = await connect(server.url, { as: 'attendee', cookie, meeting: code });
	open.push(socket);
	return socket;
}

async function consoleOf(code: string, cookie: string): Promise<TestSocket> {
	const { socket } = await connect(server.url, { as: 'moderator', cookie, meeting: code });
	open.push(socket);
	return socket;
}

/** The reason the server gives when it closes the socket within `ms`. */
function closedWithin(socket: TestSocket, ms: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`the socket stayed open for ${ms} ms`)), ms);
		socket.once('disconnect', (reason) => {
			clearTimeout(timer);
			resolve(reason);
		});
	});
}

beforeAll(async () => {
	server = await startServer();
	adminCookie = await signIn(server.url, ADMIN.username, ADMIN.password);
});

afterAll(async () => {
	for (const socket of open) socket.disconnect();
	await server?.stop();
});

// ---------------------------------------------------------------------------------------------

describe('admin routes: anonymous visitors are sent to sign in, other users refused, nothing changes', () => {
	/** The meeting the calls aim at. The refused user moderates it: a role in a meeting is not admin. */
	const TARGET = 'ROLES1';
	let moderatorCookie: string;
	let grantee: string;
	let importText: string;
	/** The revision the agenda save below was made on. */
	let targetRevision: number;

	beforeAll(async () => {
		await importSecondMeeting(server.database, TARGET);
		await addUser(server.database, 'roles-moderator', PASSWORD, ['moderator'], TARGET);
		await addUser(server.database, 'roles-grantee', PASSWORD, []);
		grantee = (await userIdOf('roles-grantee'))!;
		moderatorCookie = await signIn(server.url, 'roles-moderator', PASSWORD);
		const bpf = await exportedDefinition('BPF2017');
		importText = JSON.stringify({ ...bpf, meeting: { ...bpf.meeting, code: 'IMPORT1' } });
	});

	interface Guarded {
		method: 'GET' | 'POST';
		path: string;
		body?: () => FormBody | Promise<FormBody>;
		/** An endpoint, not a page: 401 instead of the sign-in redirect. */
		api?: boolean;
		/** What the admin's own call answers and leaves behind. */
		served: (response: Response) => void | Promise<void>;
	}

	const status = (expected: number) => async (response: Response) => {
		await response.arrayBuffer();
		expect(response.status).toBe(expected);
	};

	const GUARDED: Guarded[] = [
		{ method: 'GET', path: '/admin', served: status(200) },
		{ method: 'GET', path: `/admin/meetings/${TARGET}`, served: status(200) },
		{ method: 'GET', path: `/admin/meetings/${TARGET}/agenda`, served: status(200) },
		{ method: 'GET', path: '/admin/people', served: status(200) },
		// No answer tells a non-admin whether a meeting exists.
		{ method: 'GET', path: '/admin/meetings/NOPE999', served: status(404) },
		{
			method: 'POST',
			path: '/admin?/create',
			body: () => form({ title: 'Made by the admin' }),
			served: async (response) => {
				expect(response.status).toBe(303);
				const code = response.headers.get('location')!.replace('/admin/meetings/', '');
				expect(code).toMatch(GENERATED_CODE);
				expect((await meetingRow(code))?.title).toBe('Made by the admin');
			}
		},
		{
			method: 'POST',
			path: '/admin?/import',
			body: () => meetingFile(importText),
			served: async (response) => {
				expect(response.status).toBe(303);
				expect(response.headers.get('location')).toBe('/admin/meetings/IMPORT1');
				expect(await meetingCodes()).toContain('IMPORT1');
			}
		},
		{
			method: 'POST',
			path: `/admin/meetings/${TARGET}?/settings`,
			body: () => form({ ...SETTINGS, code: TARGET, title: 'Renamed by the admin', language: 'fr' }),
			served: async (response) => {
				await status(200)(response);
				expect((await meetingRow(TARGET))?.title).toBe('Renamed by the admin');
				expect((await meetingRow(TARGET))?.language).toBe('fr');
			}
		},
		{
			method: 'POST',
			path: `/admin/meetings/${TARGET}?/duplicate`,
			body: () => form({}),
			served: async (response) => {
				expect(response.status).toBe(303);
				const code = response.headers.get('location')!.replace('/admin/meetings/', '');
				expect(code).toMatch(GENERATED_CODE);
				expect((await meetingRow(code))?.title).toBe('Copy of Renamed by the admin');
				expect(await rolesOf((await userIdOf('roles-moderator'))!, code)).toEqual(['moderator']);
			}
		},
		{
			method: 'POST',
			path: `/admin/meetings/${TARGET}?/archive`,
			body: () => form({}),
			served: async (response) => {
				await status(200)(response);
				expect((await meetingRow(TARGET))?.archived_at).not.toBeNull();
			}
		},
		{
			method: 'POST',
			path: `/admin/meetings/${TARGET}?/restore`,
			body: () => form({}),
			served: async (response) => {
				await status(200)(response);
				expect((await meetingRow(TARGET))?.archived_at).toBeNull();
			}
		},
		{
			method: 'POST',
			path: `/admin/meetings/${TARGET}?/grant`,
			body: () => form({ userId: grantee, role: 'rapporteur' }),
			served: async (response) => {
				await status(200)(response);
				expect(await rolesOf(grantee, TARGET)).toEqual(['rapporteur']);
			}
		},
		{
			method: 'POST',
			path: `/admin/meetings/${TARGET}?/revoke`,
			body: () => form({ userId: grantee, role: 'rapporteur' }),
			served: async (response) => {
				await status(200)(response);
				expect(await rolesOf(grantee, TARGET)).toEqual([]);
			}
		},
		{
			method: 'POST',
			path: `/admin/meetings/${TARGET}/agenda?/save`,
			body: async () => {
				const draft = await editorDraft(TARGET);
				targetRevision = draft.revision;
				const agenda = draft.items.map((item, index) =>
					index === 0 ? { ...item, title: 'Retitled by the admin' } : item
				);
				return form({ draft: JSON.stringify({ revision: draft.revision, agenda, polls: draft.polls }) });
			},
			served: async (response) => {
				await status(200)(response);
				expect((await meetingRow(TARGET))?.agenda_revision).toBe(targetRevision + 1);
				expect((await editorDraft(TARGET)).items[0].title).toBe('Retitled by the admin');
			}
		},
		{
			method: 'POST',
			path: '/admin/people?/create',
			body: () => form({ username: 'made-by-admin', password: PASSWORD }),
			served: async (response) => {
				await status(200)(response);
				expect(await userIdOf('made-by-admin')).toBeDefined();
			}
		},
		{
			method: 'POST',
			path: '/admin/people?/remove',
			body: () => form({ userId: grantee }),
			served: async (response) => {
				await status(200)(response);
				expect(
					(
						await query<{ removed_at: number | null }>('select removed_at from users where id = ?', grantee)
					)[0].removed_at
				).not.toBeNull();
			}
		},
		{
			method: 'GET',
			path: `/api/meetings/${TARGET}/definition.json`,
			api: true,
			served: async (response) => {
				expect(response.status).toBe(200);
				expect(((await response.json()) as MeetingDefinition).meeting.code).toBe(TARGET);
			}
		}
	];

	for (const route of GUARDED) {
		it(`${route.method} ${route.path}: ${route.api ? '401' : 'sign-in'} for anonymous, 403 for a moderator, served to an admin`, async () => {
			const body = await route.body?.();
			const send = (cookie?: string) =>
				route.method === 'GET' ? get(route.path, cookie) : post(route.path, body!, cookie);
			const before = await databaseDigest(server.database);

			const anonymous = await send();
			await anonymous.arrayBuffer();
			if (route.api) {
				expect(anonymous.status).toBe(401);
			} else {
				expect(anonymous.status).toBe(303);
				expect(anonymous.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(route.path)}`);
			}
			const moderator = await send(moderatorCookie);
			await moderator.arrayBuffer();
			expect(moderator.status).toBe(403);
			expect(await databaseDigest(server.database)).toEqual(before);

			await route.served(await send(adminCookie));
		});
	}

	it('/account: sign-in for anonymous; any signed-in user reaches their own page and password form', async () => {
		const before = await databaseDigest(server.database);
		const anonymousPage = await get('/account');
		await anonymousPage.arrayBuffer();
		expect(anonymousPage.status).toBe(303);
		expect(anonymousPage.headers.get('location')).toBe('/login?redirectTo=%2Faccount');
		const change = form({ current: PASSWORD, next: 'a-new-password-1', repeat: 'a-new-password-1' });
		const anonymousChange = await post('/account?/password', change);
		await anonymousChange.arrayBuffer();
		expect(anonymousChange.status).toBe(303);
		expect(anonymousChange.headers.get('location')).toMatch(/^\/login\?redirectTo=/);

		const page = await get('/account', moderatorCookie);
		await page.arrayBuffer();
		expect(page.status).toBe(200);
		// The moderator reaches the check of their current password (wrong here, so nothing changes).
		const wrong = await act(
			'/account?/password',
			form({ current: 'not-my-password', next: 'a-new-password-1', repeat: 'a-new-password-1' }),
			moderatorCookie
		);
		expect(wrong).toMatchObject({
			type: 'failure',
			status: 400,
			data: { message: expect.stringMatching(/current password/) }
		});
		expect(await databaseDigest(server.database)).toEqual(before);
	});
});

describe('an admin sets up a meeting, and its phones follow each save at once', () => {
	let code: string;
	let phone: TestSocket;
	/**
	 * A phone of another meeting: no save here may reach it. Once it has the answer to a sync sent
	 * after a save, any update of that save sent to it would have come before (see eventsUntilSynced).
	 */
	let elsewhere: TestSocket;
	const elsewhereChanges: unknown[] = [];

	beforeAll(async () => {
		elsewhere = await phoneOf('BPF2017');
		elsewhere.on('meeting:changed', (update) => elsewhereChanges.push(update));
	});

	it('creates a meeting under a generated join code, starting with a welcome item', async () => {
		const codes = await meetingCodes();
		code = await createMeeting('Cyber norms workshop');
		expect(code).toMatch(GENERATED_CODE);
		expect(await meetingCodes()).toEqual([...codes, code].sort());
		expect(await editorDraft(code)).toEqual({ revision: 1, items: [WELCOME], polls: [] });
		phone = await phoneOf(code);
	});

	it('refuses a chosen code another meeting holds, and creates nothing', async () => {
		const codes = await meetingCodes();
		const result = await act<{ create: { message: string } }>(
			'/admin?/create',
			form({ title: 'A clash', code: 'bpf-2017' })
		);
		expect(result).toMatchObject({
			type: 'failure',
			status: 400,
			data: { create: { message: 'Another meeting already uses the code BPF2017.' } }
		});
		expect(await meetingCodes()).toEqual(codes);
	});

	it("saves the settings: the meeting's phones get them in meeting:changed, other meetings nothing", async () => {
		const changed = nextEvent(phone, 'meeting:changed');
		expect(await saveSettings(code)).toMatchObject({ type: 'success', data: { settings: { saved: true } } });
		const update = await changed;
		expect(update.meeting).toEqual({
			code,
			title: SETTINGS.title,
			description: SETTINGS.description,
			venue: SETTINGS.venue,
			date: SETTINGS.date,
			startTime: SETTINGS.startTime,
			timeZone: SETTINGS.timeZone,
			organiser: SETTINGS.organiser,
			commentDeadline: '2026-03-13T17:00:00.000Z',
			rehearsal: false,
			projectorTheme: 'standard',
			startedAt: null,
			endedAt: null
		});
		expect((await exportedDefinition(code)).meeting).toMatchObject({
			speakingSeconds: 240,
			premoderation: true,
			passcode: null,
			participation: 'anyone'
		});
		await syncedSnapshot(elsewhere);
		expect(elsewhereChanges).toEqual([]);
	});

	it('saves a meeting as a rehearsal and back, in the meeting file too', async () => {
		expect(await saveSettings(code, { rehearsal: 'on' })).toMatchObject({ type: 'success' });
		expect((await exportedDefinition(code)).meeting).toMatchObject({ rehearsal: true });
		expect(await saveSettings(code)).toMatchObject({ type: 'success' });
		expect((await exportedDefinition(code)).meeting).toMatchObject({ rehearsal: false });
	});

	it('saves who may take part, exports it in the meeting file, and refuses a rule it does not know', async () => {
		expect(await saveSettings(code, { participation: 'room_code' })).toMatchObject({ type: 'success' });
		expect((await exportedDefinition(code)).meeting).toMatchObject({ participation: 'room_code' });
		expect(await saveSettings(code, { participation: 'everyone' })).toMatchObject({
			type: 'failure',
			status: 400,
			data: { settings: { field: 'participation' } }
		});
		expect(await saveSettings(code, { participation: 'anyone' })).toMatchObject({ type: 'success' });
		expect((await exportedDefinition(code)).meeting).toMatchObject({ participation: 'anyone' });
	});

	it("saves the meeting's language, exports it in the meeting file, and refuses one it does not speak", async () => {
		expect(await saveSettings(code, { language: 'es' })).toMatchObject({ type: 'success' });
		expect((await meetingRow(code))?.language).toBe('es');
		expect((await exportedDefinition(code)).meeting).toMatchObject({ language: 'es' });
		const before = await databaseDigest(server.database);
		for (const language of ['de', 'EN', 'fr-CH'])
			expect(await saveSettings(code, { language })).toMatchObject({
				type: 'failure',
				status: 400,
				data: {
					settings: {
						field: 'language',
						message: 'Language of the meeting and its report: choose one of the languages listed'
					}
				}
			});
		expect(await databaseDigest(server.database)).toEqual(before);
		expect(await saveSettings(code)).toMatchObject({ type: 'success' });
		expect((await meetingRow(code))?.language).toBe('en');
	});

	it('writes the report in the meeting’s language, in each of the six', async () => {
		const messages = sourceMessages();
		for (const language of LOCALES) {
			expect(await saveSettings(code, { language })).toMatchObject({ type: 'success' });
			const exported = (format: string) =>
				fetch(`${server.url}/api/meetings/${code}/record.${format}`, { headers: { cookie: adminCookie } });
			const markdown = await (await exported('md')).text();
			expect(markdown).toContain(`## ${messages[language]['report.heading.report']}`);
			expect(markdown).toContain(messages[language]['report.field.key_issues']);
			const record = (await (await exported('json')).json()) as SessionRecord;
			expect(record.meeting.language).toBe(language);
			expect(record.report.find((f) => f.key === 'speakers')?.label).toBe(
				messages[language]['report.field.speakers']
			);
			const print = await (
				await fetch(`${server.url}/m/${code}/record/print`, { headers: { cookie: adminCookie } })
			).text();
			expect(print).toContain(messages[language]['report.heading.appendix']);
		}
		expect(await saveSettings(code)).toMatchObject({ type: 'success' });
	});

	it('opens the pages of a French meeting in French for a browser that asks for none of our languages', async () => {
		const languageOfPage = async (acceptLanguage: string, cookie = '') => {
			const response = await fetch(`${server.url}/m/${code}`, {
				headers: { 'accept-language': acceptLanguage, cookie }
			});
			return /<html lang="([a-z]+)"/.exec(await response.text())?.[1];
		};
		expect(await languageOfPage('de-CH, de;q=0.9')).toBe('en');
		expect(await saveSettings(code, { language: 'fr' })).toMatchObject({ type: 'success' });
		expect(await languageOfPage('de-CH, de;q=0.9')).toBe('fr');
		expect(await languageOfPage('')).toBe('fr');
		// A language the browser asks for, or one picked on a page before, still comes first.
		expect(await languageOfPage('de, es;q=0.5')).toBe('es');
		expect(await languageOfPage('de', 'plenary-locale=ru')).toBe('ru');
		expect(await saveSettings(code)).toMatchObject({ type: 'success' });
	});

	it('refuses settings it cannot take, naming the field, and saves nothing', async () => {
		// The phone's updates go out in turn: the earlier saves' reach it before this sync's answer.
		await syncedSnapshot(phone);
		const before = await databaseDigest(server.database);
		const events = eventsUntilSynced(phone, 'meeting:changed');
		expect(await saveSettings(code, { timeZone: 'Mars/Olympus_Mons' })).toMatchObject({
			type: 'failure',
			status: 400,
			data: { settings: { field: 'timeZone' } }
		});
		// A phone has joined with this code: its cookie is named after it, so the code stays.
		expect(await saveSettings(code, { code: 'NEWCODE1' })).toMatchObject({
			type: 'failure',
			status: 400,
			data: { settings: { field: 'code' } }
		});
		expect(await events()).toEqual([]);
		expect(await databaseDigest(server.database)).toEqual(before);
	});

	it('changes the join code of a meeting no phone has joined, and sends the admin to its new page', async () => {
		const before = await createMeeting('A code to change');
		const result = await saveSettings(before, { code: 'new-code-1' });
		expect(result).toMatchObject({ type: 'redirect', status: 303, location: '/admin/meetings/NEWCODE1' });
		expect(await meetingCodes()).toContain('NEWCODE1');
		expect(await meetingCodes()).not.toContain(before);
	});

	it('saves an agenda with a walkthrough of two cards and a single-choice poll; the phone gets it at once', async () => {
		const { revision } = await editorDraft(code);
		const changed = nextEvent(phone, 'meeting:changed');
		expect(await saveAgenda(code, revision, [WELCOME, WALKTHROUGH], [SINGLE_CHOICE])).toMatchObject({
			type: 'success',
			data: { revision: revision + 1 }
		});
		const update = await changed;
		expect(update.agenda).toEqual([WELCOME, { ...WALKTHROUGH, commentDeadline: '2026-03-13T17:00:00.000Z' }]);
		expect(update.position).toEqual({ item: 0, step: 0 });
		expect(update.polls).toEqual([
			expect.objectContaining({
				itemId: SINGLE_CHOICE.itemId,
				kind: 'single',
				question: SINGLE_CHOICE.question,
				options: SINGLE_CHOICE.options,
				status: 'draft'
			})
		]);
		expect(await publicSnapshot(server.url, code)).toMatchObject({ version: update.version });

		const reopened = await editorDraft(code);
		expect(reopened.revision).toBe(revision + 1);
		expect(reopened.items).toEqual([WELCOME, WALKTHROUGH]);
		await syncedSnapshot(elsewhere);
		expect(elsewhereChanges).toEqual([]);
	});

	it('refuses a save made on an older revision (409), and changes nothing', async () => {
		const { revision } = await editorDraft(code);
		const before = await databaseDigest(server.database);
		const events = eventsUntilSynced(phone, 'meeting:changed');
		const result = await saveAgenda(code, revision - 1, [DISCUSSION]);
		expect(result).toMatchObject({
			type: 'failure',
			status: 409,
			data: {
				stale: true,
				problems: [{ field: '', message: expect.stringMatching(/changed since you opened it/) }]
			}
		});
		expect(await events()).toEqual([]);
		expect(await databaseDigest(server.database)).toEqual(before);
	});

	it("refuses a draft the schema refuses, naming each place in the editor's words", async () => {
		const { revision } = await editorDraft(code);
		const before = await databaseDigest(server.database);
		const untitledCard = {
			...WALKTHROUGH,
			cards: [{ ...WALKTHROUGH.cards[0], title: '  ' }, WALKTHROUGH.cards[1]]
		};
		const oneOption = { ...SINGLE_CHOICE, options: SINGLE_CHOICE.options.slice(0, 1) };
		const result = await saveAgenda(code, revision, [WELCOME, untitledCard], [oneOption]);
		expect(result).toMatchObject({ type: 'failure', status: 400, data: { stale: false } });
		expect(result.data!.problems).toEqual(
			expect.arrayContaining([
				{ field: 'item 2 › card 1 › title', message: 'cannot be empty' },
				{ field: 'poll 1 › options', message: 'a choice poll needs at least two options' }
			])
		);
		expect(await databaseDigest(server.database)).toEqual(before);
	});

	it('duplicates the meeting: its settings, agenda and polls under a new code', async () => {
		const result = await act(`/admin/meetings/${code}?/duplicate`, form({}));
		expect(result).toMatchObject({ type: 'redirect', status: 303 });
		const copy = result.location!.replace('/admin/meetings/', '');
		expect(copy).toMatch(GENERATED_CODE);
		const original = await exportedDefinition(code);
		expect(await exportedDefinition(copy)).toEqual({
			...original,
			meeting: { ...original.meeting, code: copy, title: `Copy of ${SETTINGS.title}` }
		});
		expect(await participantCount(copy)).toBe(0);
	});
});

describe('a live agenda edit keeps the projector on the same card', () => {
	let code: string;
	let moderator: TestSocket;
	let phone: TestSocket;

	beforeAll(async () => {
		code = await createMeeting('Live edit');
		const { revision } = await editorDraft(code);
		expect(await saveAgenda(code, revision, [WELCOME, WALKTHROUGH, DISCUSSION])).toMatchObject({
			type: 'success'
		});
		moderator = await consoleOf(code, adminCookie);
		phone = await phoneOf(code);
	});

	/** Saves what the editor has now, changed by `edit`, and returns what the phone was sent. */
	async function editLive(edit: (items: DraftItem[]) => DraftItem[]) {
		const draft = await editorDraft(code);
		const changed = nextEvent(phone, 'meeting:changed');
		expect(await saveAgenda(code, draft.revision, edit(draft.items), draft.polls)).toMatchObject({
			type: 'success'
		});
		return changed;
	}

	it('moving the item on screen to the top takes the cursor with it: { item: 0, step: 1 }', async () => {
		const moved = await moderator.emitWithAck('agenda:move', { clientId: id(), to: { item: 1, step: 1 } });
		expect(moved).toMatchObject({ data: { position: { item: 1, step: 1 } } });
		const update = await editLive(([welcome, walkthrough, discussion]) => [walkthrough, welcome, discussion]);
		expect(update.agenda.map((item) => item.id)).toEqual(['policy-options', 'welcome', 'open-floor']);
		expect(update.position).toEqual({ item: 0, step: 1 });
		expect((await publicSnapshot(server.url, code)).position).toEqual({ item: 0, step: 1 });
	});

	it('reordering the cards of that item keeps the same card on screen', async () => {
		const update = await editLive(([walkthrough, ...rest]) => [
			{ ...walkthrough, cards: [...walkthrough.cards].reverse() },
			...rest
		]);
		expect(update.agenda[0].cards.map((card) => card.id)).toEqual(['shared-duty', 'secure-by-design']);
		expect(update.position).toEqual({ item: 0, step: 2 });
	});

	it('once the session started, removing the item it went through is refused, naming it, and nothing changes', async () => {
		const started = await moderator.emitWithAck('session:clock', { clientId: id(), action: 'start' });
		expect(started).toMatchObject({ data: { startedAt: expect.any(String) } });
		const draft = await editorDraft(code);
		const before = await databaseDigest(server.database);
		const events = eventsUntilSynced(phone, 'meeting:changed');
		const result = await saveAgenda(
			code,
			draft.revision,
			draft.items.filter((item) => item.id !== WALKTHROUGH.id),
			draft.polls
		);
		expect(result).toMatchObject({ type: 'failure', status: 400, data: { stale: false } });
		expect(result.data!.problems).toContainEqual({
			field: `“${WALKTHROUGH.title}”`,
			message: expect.stringMatching(/already went through this item/)
		});
		// The card on screen stays too, even with its item kept.
		const withoutShownCard = draft.items.map((item) =>
			item.id === WALKTHROUGH.id
				? { ...item, cards: item.cards.filter((card) => card.id !== 'secure-by-design') }
				: item
		);
		const cardResult = await saveAgenda(code, draft.revision, withoutShownCard, draft.polls);
		expect(cardResult).toMatchObject({ type: 'failure', status: 400 });
		expect(cardResult.data!.problems).toEqual([
			{ field: '“Secure by design” in “Policy options”', message: expect.stringMatching(/was shown/) }
		]);
		expect(await events()).toEqual([]);
		expect(await databaseDigest(server.database)).toEqual(before);
	});

	it('an item the session has not reached can still go, and the cursor stays on its card', async () => {
		const update = await editLive((items) => items.filter((item) => item.id !== DISCUSSION.id));
		expect(update.agenda.map((item) => item.id)).toEqual(['policy-options', 'welcome']);
		expect(update.position).toEqual({ item: 0, step: 2 });
	});

	it("a poll a moderator creates meanwhile makes the editor's older save stale (409)", async () => {
		const draft = await editorDraft(code);
		const created = await moderator.emitWithAck('poll:create', {
			clientId: id(),
			itemId: null,
			kind: 'single',
			question: 'Coffee or tea?',
			options: ['Coffee', 'Tea'],
			maxPicks: null,
			wordLimit: null
		});
		expect(created).toHaveProperty('data');
		const before = await databaseDigest(server.database);
		const result = await saveAgenda(code, draft.revision, draft.items, draft.polls);
		expect(result).toMatchObject({ type: 'failure', status: 409, data: { stale: true } });
		expect(await databaseDigest(server.database)).toEqual(before);
		expect((await editorDraft(code)).polls.map((poll) => poll.question)).toContain('Coffee or tea?');
	});
});

describe('meeting files', () => {
	it('round-trips: BPF2017 exported, imported under another code and exported again is the same file', async () => {
		const original = await exportedDefinition('BPF2017');
		const renamed = { ...original, meeting: { ...original.meeting, code: 'ROUND17' } };
		expect(await importFile(JSON.stringify(renamed, null, '\t'))).toMatchObject({
			type: 'redirect',
			status: 303,
			location: '/admin/meetings/ROUND17'
		});
		expect(await exportedDefinition('ROUND17')).toEqual(renamed);
	});

	/** BPF2017's file under a new code, broken by `change`, as the tab-indented text an editor shows. */
	async function brokenFile(change: (file: MeetingDefinition) => void) {
		const file = structuredClone(await exportedDefinition('BPF2017'));
		file.meeting.code = 'BROKEN1';
		change(file);
		const text = JSON.stringify(file, null, '\t');
		const lines = text.split('\n');
		/** The 1-based number of the first line holding `fragment`, at line `from` or after. */
		const lineOf = (fragment: string, from = 1) =>
			lines.findIndex((line, index) => index + 1 >= from && line.includes(fragment)) + 1;
		return { file, text, lines, lineOf };
	}

	async function expectRefused(text: string, problems: unknown[]) {
		const codes = await meetingCodes();
		const result = await importFile(text);
		expect(result).toMatchObject({ type: 'failure', status: 400 });
		expect(result.data!.import.problems).toEqual(problems);
		expect(await meetingCodes()).toEqual(codes);
	}

	type BrokenFile = Awaited<ReturnType<typeof brokenFile>>;

	const withoutTitle = (file: MeetingDefinition) => {
		delete (file.agenda[2] as Partial<DraftItem>).title;
	};
	/** A missing field is shown at its object: the line that opens the item. */
	const untitledItemLine = ({ file, lineOf }: BrokenFile) => lineOf(`"id": "${file.agenda[2].id}"`) - 1;

	const CHOICE_POLL = 1;
	const withOneOption = (file: MeetingDefinition) => {
		expect(file.polls[CHOICE_POLL].kind).toBe('multiple');
		file.polls[CHOICE_POLL].options = file.polls[CHOICE_POLL].options.slice(0, 1);
	};
	const optionsLine = ({ file, lineOf }: BrokenFile) =>
		lineOf('"options": [', lineOf(JSON.stringify(file.polls[CHOICE_POLL].question)));

	it('refuses a file with an item missing its title: the problem names the field and the line of the item', async () => {
		const broken = await brokenFile(withoutTitle);
		const itemLine = untitledItemLine(broken);
		expect(broken.lines[itemLine - 1].trim()).toBe('{');
		await expectRefused(broken.text, [
			{ line: itemLine, field: 'agenda[2].title', message: expect.any(String) }
		]);
	});

	it('refuses a file with a one-option choice poll: the problem names the field and its line', async () => {
		const broken = await brokenFile(withOneOption);
		await expectRefused(broken.text, [
			{
				line: optionsLine(broken),
				field: `polls[${CHOICE_POLL}].options`,
				message: 'a choice poll needs at least two options'
			}
		]);
	});

	// Fails today: zod skips the cross-field checks (checkAgenda's superRefine) once a field is missing.
	it('names every problem of a file at once: a missing title does not hide a one-option poll', async () => {
		const broken = await brokenFile((file) => {
			withoutTitle(file);
			withOneOption(file);
		});
		await expectRefused(broken.text, [
			{ line: untitledItemLine(broken), field: 'agenda[2].title', message: expect.any(String) },
			{
				line: optionsLine(broken),
				field: `polls[${CHOICE_POLL}].options`,
				message: 'a choice poll needs at least two options'
			}
		]);
	});

	// Fails today: readMeetingFile passes zod's own message through ("Too small: …"), not issueMessage.
	it('an empty title reads "cannot be empty", as docs/meeting-file.md shows', async () => {
		const { file, lineOf, text } = await brokenFile((file) => {
			file.agenda[4].cards[2].title = '';
		});
		await expectRefused(text, [
			{
				line: lineOf(`"id": "${file.agenda[4].cards[2].id}"`) + 1,
				field: 'agenda[4].cards[2].title',
				message: 'cannot be empty'
			}
		]);
	});

	it('names the line of a JSON syntax error, and imports nothing', async () => {
		const file = await exportedDefinition('BPF2017');
		const lines = JSON.stringify(
			{ ...file, meeting: { ...file.meeting, code: 'BROKEN2' } },
			null,
			'\t'
		).split('\n');
		const venue = lines.findIndex((line) => line.includes('"venue":'));
		lines[venue] += ',';
		const codes = await meetingCodes();
		const result = await importFile(lines.join('\n'));
		expect(result).toMatchObject({ type: 'failure', status: 400 });
		expect(result.data!.import.problems[0]).toEqual({
			line: venue + 1,
			field: '',
			message: expect.stringMatching(/^not valid JSON/)
		});
		expect(await meetingCodes()).toEqual(codes);
	});

	it('refuses a file whose code another meeting holds', async () => {
		const codes = await meetingCodes();
		const result = await importFile(JSON.stringify(await exportedDefinition('BPF2017')));
		expect(result).toMatchObject({
			type: 'failure',
			status: 400,
			data: { import: { problems: [{ line: null, field: 'meeting.code' }] } }
		});
		expect(await meetingCodes()).toEqual(codes);
	});
});

describe('people and roles take effect on open consoles at once', () => {
	let code: string;

	beforeAll(async () => {
		code = await createMeeting('Roles at work');
	});

	async function newAccount(username: string): Promise<string> {
		expect(await act('/admin/people?/create', form({ username, password: PASSWORD }))).toMatchObject({
			type: 'success',
			data: { created: username }
		});
		return (await userIdOf(username))!;
	}

	const grant = (userId: string, role: string) =>
		act(`/admin/meetings/${code}?/grant`, form({ userId, role }));
	const revoke = (userId: string, role: string) =>
		act(`/admin/meetings/${code}?/revoke`, form({ userId, role }));

	it('creates an account; refuses a name already taken and a short password', async () => {
		await newAccount('carla');
		const before = await databaseDigest(server.database);
		expect(await act('/admin/people?/create', form({ username: 'carla', password: PASSWORD }))).toMatchObject(
			{ type: 'failure', status: 400 }
		);
		expect(
			await act('/admin/people?/create', form({ username: 'carlos', password: 'too-short' }))
		).toMatchObject({
			type: 'failure',
			status: 400,
			data: { create: { message: expect.stringMatching(/10 characters/) } }
		});
		expect(await databaseDigest(server.database)).toEqual(before);
		expect(await signIn(server.url, 'carla', PASSWORD)).toMatch(/plenary-session=/);
	});

	it('refuses guessable passwords wherever one is set, saying why', async () => {
		const userId = await newAccount('gus');
		await grant(userId, 'rapporteur');
		const gus = await signIn(server.url, 'gus', PASSWORD);
		const before = await databaseDigest(server.database);
		for (const weak of ['aaaaaaaaaa', '1234567890', 'password12', 'gus-gus-gus-gus', `${code}${code}`]) {
			expect(await act('/admin/people?/create', form({ username: 'gustave', password: weak }))).toMatchObject(
				{
					type: 'failure',
					status: 400,
					data: { create: { message: expect.stringMatching(/^This password is easy to guess\. .+/) } }
				}
			);
			expect(
				await act('/account?/password', form({ current: PASSWORD, next: weak, repeat: weak }), gus)
			).toMatchObject({
				type: 'failure',
				status: 400,
				data: { message: expect.stringMatching(/^This password is easy to guess\. .+/) }
			});
		}
		expect(await databaseDigest(server.database)).toEqual(before);
		expect(await userIdOf('gustave')).toBeUndefined();
	});

	it('removing an account closes its console within a second; it can neither sign in nor reconnect', async () => {
		const userId = await newAccount('dana');
		expect(await grant(userId, 'moderator')).toMatchObject({ type: 'success' });
		expect(await rolesOf(userId, code)).toEqual(['moderator']);
		const cookie = await signIn(server.url, 'dana', PASSWORD);
		const console = await consoleOf(code, cookie);

		const closed = closedWithin(console, 1_000);
		expect(await act('/admin/people?/remove', form({ userId }))).toMatchObject({
			type: 'success',
			data: { removed: true }
		});
		expect(await closed).toBe('io server disconnect');
		await expect(signIn(server.url, 'dana', PASSWORD)).rejects.toThrow('sign-in failed with 400');
		await expect(connect(server.url, { as: 'moderator', cookie, meeting: code })).rejects.toThrow(
			/^unauthorised: /
		);
		expect(await rolesOf(userId, code)).toEqual([]);
		// A removed account takes no role again.
		expect(await grant(userId, 'moderator')).toMatchObject({ type: 'failure', status: 400 });
		expect(await rolesOf(userId, code)).toEqual([]);
	});

	it('revoking a role keeps the console while another role remains, and closes it with the last', async () => {
		const userId = await newAccount('eli');
		await grant(userId, 'moderator');
		await grant(userId, 'rapporteur');
		expect(await act('/admin/meetings/BPF2017?/grant', form({ userId, role: 'rapporteur' }))).toMatchObject({
			type: 'success'
		});
		const cookie = await signIn(server.url, 'eli', PASSWORD);
		const console = await consoleOf(code, cookie);
		const otherMeeting = await consoleOf('BPF2017', cookie);

		expect(await revoke(userId, 'moderator')).toMatchObject({ type: 'success' });
		const ping = await console.timeout(5_000).emitWithAck('meeting:sync');
		expect(ping).toHaveProperty('data');
		expect(console.connected).toBe(true);

		const closed = closedWithin(console, 1_000);
		expect(await revoke(userId, 'rapporteur')).toMatchObject({ type: 'success' });
		expect(await closed).toBe('io server disconnect');
		await expect(connect(server.url, { as: 'moderator', cookie, meeting: code })).rejects.toThrow(
			/^forbidden: /
		);
		// The role in another meeting, and its console, stay.
		expect(otherMeeting.connected).toBe(true);
		expect(await otherMeeting.timeout(5_000).emitWithAck('meeting:sync')).toHaveProperty('data');
	});

	it('an admin cannot remove their own account', async () => {
		const before = await databaseDigest(server.database);
		const result = await act('/admin/people?/remove', form({ userId: (await userIdOf(ADMIN.username))! }));
		expect(result).toMatchObject({ type: 'failure', status: 400 });
		expect(await databaseDigest(server.database)).toEqual(before);
	});

	it('a password change ends every session of the account and opens a new one for the browser', async () => {
		const userId = await newAccount('fay');
		await grant(userId, 'rapporteur');
		const here = await signIn(server.url, 'fay', PASSWORD);
		const elsewhere = await signIn(server.url, 'fay', PASSWORD);
		const console = await consoleOf(code, elsewhere);
		const NEXT = 'fay-new-password-2';

		for (const [fields, message] of [
			[{ current: 'not-the-password', next: NEXT, repeat: NEXT }, /current password is not right/],
			[{ current: PASSWORD, next: NEXT, repeat: `${NEXT}x` }, /differ/],
			[{ current: PASSWORD, next: 'short', repeat: 'short' }, /10 characters/]
		] as const) {
			expect(await act('/account?/password', form(fields), here)).toMatchObject({
				type: 'failure',
				status: 400,
				data: { message: expect.stringMatching(message) }
			});
		}
		expect(console.connected).toBe(true);

		const closed = closedWithin(console, 1_000);
		const changed = await post(
			'/account?/password',
			form({ current: PASSWORD, next: NEXT, repeat: NEXT }),
			here
		);
		await changed.arrayBuffer();
		expect(changed.status).toBe(200);
		const renewed = cookiesFrom(changed);
		expect(renewed).toMatch(/plenary-session=[^;]+/);
		expect(await closed).toBe('io server disconnect');

		for (const [cookie, expected] of [
			[here, 303],
			[elsewhere, 303],
			[renewed, 200]
		] as const) {
			const response = await get('/account', cookie);
			await response.arrayBuffer();
			expect(response.status).toBe(expected);
		}
		await expect(signIn(server.url, 'fay', PASSWORD)).rejects.toThrow('sign-in failed with 400');
		expect(await signIn(server.url, 'fay', NEXT)).toMatch(/plenary-session=/);
	});
});

describe('passcode and archive: the gates phones pass to join', () => {
	const PASSCODE = 'Tulip2026';
	let code: string;
	let admitted: string;

	beforeAll(async () => {
		code = await createMeeting('Closed door');
		expect(await saveSettings(code, { passcode: PASSCODE })).toMatchObject({ type: 'success' });
	});

	/** The join page's form, with the proof of work its scripts add. */
	const tryPasscode = async (passcode: string, cookie?: string) => {
		const proof = await solveProof(await joinChallenge(server.url, code));
		return post(`/m/${code}/join`, form({ passcode, proof }), cookie);
	};

	it('a phone without the passcode is sent to the join page, and admitted by nothing else', async () => {
		const page = await get(`/m/${code}`);
		await page.arrayBuffer();
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe(`/m/${code}/join`);
		expect(page.headers.getSetCookie().join()).not.toMatch(/plenary-attendee/);
		const join = await get(`/m/${code}/join`);
		await join.arrayBuffer();
		expect(join.status).toBe(200);
		expect(await participantCount(code)).toBe(0);
	});

	it('a wrong passcode is refused (400), with no cookie', async () => {
		const response = await tryPasscode('Daisy2026');
		await response.arrayBuffer();
		expect(response.status).toBe(400);
		expect(response.headers.getSetCookie().join()).not.toMatch(/plenary-attendee/);
		expect(await participantCount(code)).toBe(0);
	});

	it('the right passcode (in any case) admits the phone: its cookie opens the meeting and its socket', async () => {
		const response = await tryPasscode(` ${PASSCODE.toLowerCase()} `);
		await response.arrayBuffer();
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/m/${code}`);
		admitted = cookiesFrom(response);
		expect(admitted).toMatch(new RegExp(`plenary-attendee-${code}=`));
		const page = await get(`/m/${code}`, admitted);
		await page.arrayBuffer();
		expect(page.status).toBe(200);
		const { socket, snapshot } = await connect(server.url, {
			as: 'attendee',
			cookie: admitted,
			meeting: code
		});
		open.push(socket);
		expect(snapshot.meeting.code).toBe(code);
		expect(await participantCount(code)).toBe(1);
	});

	it('an archived meeting closes its phones, refuses their handshake and any new join; restoring opens it again', async () => {
		const { socket: connected } = await connect(server.url, {
			as: 'attendee',
			cookie: admitted,
			meeting: code
		});
		open.push(connected);
		const closed = new Promise<string>((resolve) => connected.once('disconnect', resolve));
		expect(await act(`/admin/meetings/${code}?/archive`, form({}))).toMatchObject({
			type: 'success',
			data: { archived: true }
		});
		expect(await closed).toBe('io server disconnect');
		await expect(connect(server.url, { as: 'attendee', cookie: admitted, meeting: code })).rejects.toThrow(
			/^gone: /
		);
		const page = await get(`/m/${code}`);
		await page.arrayBuffer();
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe(`/m/${code}/join`);
		const join = await tryPasscode(PASSCODE);
		await join.arrayBuffer();
		expect(join.status).toBe(410);
		expect(join.headers.getSetCookie().join()).not.toMatch(/plenary-attendee/);
		expect(await participantCount(code)).toBe(1);

		expect(await act(`/admin/meetings/${code}?/restore`, form({}))).toMatchObject({
			type: 'success',
			data: { archived: false }
		});
		const { socket } = await connect(server.url, { as: 'attendee', cookie: admitted, meeting: code });
		open.push(socket);
	});

	it('a passcode set after phones joined keeps them in, and sends new phones to the join page', async () => {
		const openCode = await createMeeting('Open, then closed');
		const early = await joinMeeting(server.url, openCode);
		expect(await saveSettings(openCode, { passcode: PASSCODE })).toMatchObject({ type: 'success' });
		const page = await get(`/m/${openCode}`, early);
		await page.arrayBuffer();
		expect(page.status).toBe(200);
		const { socket } = await connect(server.url, { as: 'attendee', cookie: early, meeting: openCode });
		open.push(socket);
		const newcomer = await get(`/m/${openCode}`);
		await newcomer.arrayBuffer();
		expect(newcomer.headers.get('location')).toBe(`/m/${openCode}/join`);
	});

	it('an archived open meeting sends new phones to the join page, which takes no one', async () => {
		const openCode = await createMeeting('Open, then archived');
		expect(await act(`/admin/meetings/${openCode}?/archive`, form({}))).toMatchObject({ type: 'success' });
		const page = await get(`/m/${openCode}`);
		await page.arrayBuffer();
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe(`/m/${openCode}/join`);
		const proof = await solveProof(await joinChallenge(server.url, openCode));
		const join = await post(`/m/${openCode}/join`, form({ passcode: '', proof }));
		await join.arrayBuffer();
		expect(join.status).toBe(410);
		expect(await participantCount(openCode)).toBe(0);
	});
});
