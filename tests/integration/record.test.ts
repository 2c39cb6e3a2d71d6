import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { parse as parseCsv } from 'csv-parse/sync';
import type { MeetingSnapshot } from '../../src/lib/realtime/protocol';
import type { SessionRecord } from '../../src/lib/domain/record/schema';
import { ADMIN, startServer, type RunningServer } from './support/server';
import { connect, eventWhere, joinMeeting, saveProfile, signIn, type TestSocket } from './support/clients';
import { addUser } from './support/users';
import { syncedSnapshot } from './support/state';
import { serverNow, waitUntil } from './support/wait';

let server: RunningServer;
let moderator: TestSocket;
let snapshot: MeetingSnapshot;
const open: TestSocket[] = [];
const tokens: string[] = [];
const phoneCookies: string[] = [];
const cookies: Record<string, string> = {};
let n = 0;
const id = () => `record-command-${++n}`;

const PHONES = [
	{ displayName: 'Amina', stakeholderGroup: 'government', mode: 'in_room', gender: 'woman' },
	{ displayName: 'Bruno', stakeholderGroup: 'government', mode: 'in_room', gender: 'man' },
	{ displayName: 'Chen', stakeholderGroup: 'government', mode: 'remote', gender: '' },
	{
		displayName: 'Dara',
		stakeholderGroup: 'civil_society',
		mode: 'remote',
		gender: 'woman',
		affiliation: 'Digital Rights Lab'
	},
	{ displayName: 'Eli', stakeholderGroup: 'civil_society', mode: 'in_room', gender: 'another' },
	{ displayName: 'Fatou', stakeholderGroup: 'civil_society', mode: 'in_room', gender: '' }
];
const phones: TestSocket[] = [];
/** The JSON export, read once the scripted session has ended. */
let record: SessionRecord;

const pollId = (question: RegExp) => {
	const poll = snapshot.polls.find((p) => question.test(p.question));
	if (!poll) throw new Error(`no poll ${question}`);
	return poll.id;
};

async function signedIn(username: string, roles: string[]): Promise<string> {
	await addUser(server.database, username, 'record-password-1', roles);
	cookies[username] = await signIn(server.url, username, 'record-password-1');
	return cookies[username];
}

/** Staff name themselves at /account, as the report names them. */
async function nameMyself(cookie: string, displayName: string, affiliation: string) {
	const response = await fetch(`${server.url}/account?/details`, {
		method: 'POST',
		headers: { origin: server.url, accept: 'application/json', 'x-sveltekit-action': 'true', cookie },
		body: new URLSearchParams({ displayName, affiliation })
	});
	expect(await response.json()).toMatchObject({ type: 'success' });
}

async function staffSocket(cookie: string): Promise<TestSocket> {
	const { socket } = await connect(server.url, { as: 'moderator', cookie });
	open.push(socket);
	return socket;
}

async function move(times: number) {
	for (let i = 0; i < times; i++) {
		expect(await moderator.emitWithAck('agenda:move', { clientId: id(), to: 'next' })).toHaveProperty('data');
	}
}

async function control(poll: string, action: 'open' | 'close') {
	expect(
		await moderator.emitWithAck('poll:control', { clientId: id(), pollId: poll, action })
	).toHaveProperty('data');
}

async function vote(phone: TestSocket, poll: string, choice: unknown) {
	expect(
		await phone.emitWithAck('poll:vote', { clientId: id(), pollId: poll, revision: 1, choice })
	).toHaveProperty('data');
}

async function exported(format: string, cookie?: string): Promise<Response> {
	return fetch(`${server.url}/api/meetings/BPF2017/record.${format}`, {
		headers: cookie ? { cookie } : {},
		redirect: 'manual'
	});
}

beforeAll(async () => {
	server = await startServer();
	cookies.admin = await signIn(server.url, ADMIN.username, ADMIN.password);
	const admin = await connect(server.url, { as: 'moderator', cookie: cookies.admin });
	moderator = admin.socket;
	snapshot = admin.snapshot;
	open.push(moderator);
	for (const profile of PHONES) {
		const cookie = await joinMeeting(server.url, 'BPF2017');
		phoneCookies.push(cookie);
		tokens.push(decodeURIComponent(cookie.split('=')[1]));
		expect((await saveProfile(server.url, cookie, profile)).status).toBe(200);
		const { socket } = await connect(server.url, { as: 'attendee', cookie });
		open.push(socket);
		phones.push(socket);
	}
});

afterAll(async () => {
	for (const socket of open) socket.disconnect();
	await server?.stop();
});

describe('a scripted Geneva session leaves a complete record', () => {
	let rapporteur: TestSocket;

	it('runs the whole agenda with polls, comments, questions, a speaker and agreed topics', async () => {
		rapporteur = await staffSocket(await signedIn('rapporteur', ['rapporteur']));
		await nameMyself(cookies.admin, 'Markus Kummer', 'IGF Support Association');
		await nameMyself(cookies.rapporteur, 'Maarten Van Horenbeeck', '');
		// A rehearsal move before the start is not part of the record.
		await move(1);
		await moderator.emitWithAck('agenda:move', { clientId: id(), to: { item: 0 } });
		// The record keeps moves from the start's millisecond on: the start comes on a later one.
		const rehearsedAt = await serverNow(moderator);
		await waitUntil(
			async () => (await serverNow(moderator)) > rehearsedAt,
			"the server's clock to pass the rehearsal move",
			{ timeoutMs: 5_000, everyMs: 1 }
		);
		const started = await moderator.emitWithAck('session:clock', { clientId: id(), action: 'start' });
		expect(started).toHaveProperty('data.startedAt');

		// 1. Goals: a word cloud; one phrase approved, one left pending.
		const cloud = pollId(/safe and reliable Internet/);
		await control(cloud, 'open');
		for (const [i, phone] of phones.entries()) {
			await vote(phone, cloud, {
				kind: 'word_cloud',
				phrases: [i < 4 ? 'Trust' : 'Unapproved secret phrase']
			});
		}
		await moderator.emitWithAck('poll:moderate', {
			clientId: id(),
			pollId: cloud,
			key: 'trust',
			status: 'approved'
		});
		await control(cloud, 'close');
		const goalsNote = await rapporteur.emitWithAck('record:write', {
			clientId: id(),
			target: { kind: 'note', itemId: 'goals' },
			text: 'The chair framed the SDG question.',
			baseRevision: 0
		});
		expect(goalsNote).toMatchObject({ data: { saved: true, text: { revision: 1 } } });

		// 2–4: panel, process, main-session report; a question and a speaker on the way.
		await move(1);
		const asked = await phones[0].emitWithAck('question:ask', {
			clientId: id(),
			text: 'How do we fund CERTs in small states?',
			anonymous: false
		});
		if (!('data' in asked)) throw new Error(asked.error.message);
		const questionId = asked.data.question.id;
		for (const phone of phones.slice(1, 4)) {
			await phone.emitWithAck('question:upvote', { clientId: id(), questionId, up: true });
		}
		await moderator.emitWithAck('question:moderate', { clientId: id(), questionId, action: 'answer' });
		await rapporteur.emitWithAck('record:tag', {
			clientId: id(),
			target: 'question',
			targetId: questionId,
			tag: 'key_issue',
			on: true
		});
		await phones[3].emitWithAck('floor:request', { clientId: id() });
		expect(await moderator.emitWithAck('floor:next', { clientId: id() })).toHaveProperty('data.speaking');
		// The record counts whole seconds of speaking: this turn lasts one by the server's clock.
		const turnStarted = Date.parse((await syncedSnapshot(moderator)).floor.speaking!.startedAt);
		await waitUntil(
			async () => (await serverNow(moderator)) >= turnStarted + 1000,
			"a second of speaking by the server's clock",
			{ timeoutMs: 5_000, everyMs: 100 }
		);
		await moderator.emitWithAck('floor:end', { clientId: id() });
		// A speaker in the room without a phone, added by the moderator with their affiliation.
		await moderator.emitWithAck('floor:add', {
			clientId: id(),
			name: 'Olga Cavalli',
			affiliation: 'Government of Argentina',
			group: 'government',
			mode: 'in_room'
		});
		expect(await moderator.emitWithAck('floor:next', { clientId: id() })).toHaveProperty('data.speaking');
		await moderator.emitWithAck('floor:end', { clientId: id() });
		await move(3);

		// 5. Policy options: every card, comments, a tag, the highlight poll.
		// The seeded meeting is a rehearsal: its 2017 deadline is kept but not enforced.
		const comment = await phones[1].emitWithAck('card:comment', {
			clientId: id(),
			cardId: 'online-abuse',
			text: 'Include harassment of women journalists.'
		});
		if (!('data' in comment)) throw new Error(comment.error.message);
		await rapporteur.emitWithAck('record:tag', {
			clientId: id(),
			target: 'comment',
			targetId: comment.data.comment.id,
			tag: 'takeaway',
			on: true
		});
		await rapporteur.emitWithAck('record:tag', {
			clientId: id(),
			target: 'card',
			targetId: 'secure-development',
			tag: 'key_issue',
			on: true
		});
		const highlight = pollId(/two policy areas/);
		await control(highlight, 'open');
		for (const [i, phone] of phones.entries()) {
			await vote(phone, highlight, {
				kind: 'multiple',
				optionIds: i < 5 ? ['denial-of-service', 'online-abuse'] : ['health-data']
			});
		}
		await control(highlight, 'close');
		await move(13);

		// 6–7: the further-conversation walkthrough, then the agreement with two consensus checks.
		await move(4);
		expect(snapshot.agenda[6].kind).toBe('agreement');
		const divide = pollId(/digital security divide/);
		const culture = pollId(/culture, values and norms/);
		for (const poll of [divide, culture]) {
			await control(poll, 'open');
			for (const [i, phone] of phones.entries()) {
				await vote(phone, poll, { kind: 'consensus', stance: i === 5 ? 'object' : 'support', reason: null });
			}
			await control(poll, 'close');
		}
		const topicsSeen = eventWhere(phones[0], 'topics:changed', (topics) => topics.length === 1);
		const declared = await moderator.emitWithAck('topic:declare', {
			clientId: id(),
			wording: 'The digital security divide',
			itemId: 'topics-2018',
			pollId: divide
		});
		if (!('data' in declared)) throw new Error(declared.error.message);
		expect((await topicsSeen)[0].wording).toBe('The digital security divide');
		const topicId = declared.data.topicId;
		expect(
			await rapporteur.emitWithAck('topic:reword', {
				clientId: id(),
				topicId,
				wording: 'Closing the digital security divide'
			})
		).toEqual({ data: { changed: true } });
		await rapporteur.emitWithAck('record:write', {
			clientId: id(),
			target: { kind: 'report', field: 'discussion' },
			text: 'The room asked for practical help for small states.',
			baseRevision: 0
		});
		expect(await moderator.emitWithAck('session:clock', { clientId: id(), action: 'end' })).toHaveProperty(
			'data.endedAt'
		);
	});

	it('exports JSON that validates against docs/record.schema.json and holds the whole session', async () => {
		const response = await exported('json', cookies.rapporteur);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toContain('BPF2017-record.json');
		record = (await response.json()) as SessionRecord;
		const schema = JSON.parse(
			readFileSync(new URL('../../docs/record.schema.json', import.meta.url), 'utf8')
		);
		// As docs/record.md tells a reader to validate: Ajv 2020 as it comes, with its formats.
		const validate = addFormats(new Ajv2020({ allErrors: true })).compile(schema);
		expect(validate(record) ? [] : validate.errors).toEqual([]);
		// The Geneva meeting is held in English: its report is written in it.
		expect(record.meeting.language).toBe('en');

		expect(record.agenda.map((item) => item.startedAt !== null)).toEqual([
			true,
			true,
			true,
			true,
			true,
			true,
			true
		]);
		expect(record.agenda[0].visits).toHaveLength(1);
		expect(record.agenda.every((item) => item.endedAt !== null)).toBe(true);
		expect(record.agenda[4].cards.filter((card) => card.shownAt).length).toBe(11 + 2);
		const highlight = record.polls.find((p) => /two policy areas/.test(p.question));
		expect(highlight?.status).toBe('closed');
		expect(highlight?.results?.ballots).toBe(6);
		const overall = highlight?.results?.overall;
		expect(
			overall?.kind === 'multiple' && overall.counts.find((c) => c.optionId === 'online-abuse')?.count
		).toBe(5);
		expect(highlight?.results?.byGroup.map((g) => [g.group, g.ballots])).toEqual([
			['government', 3],
			['civil_society', 3]
		]);
		expect(record.questions[0]).toMatchObject({ upvotes: 3, status: 'answered', tags: ['key_issue'] });
		expect(record.speakers).toHaveLength(2);
		expect(record.speakers[0]).toMatchObject({
			name: 'Dara',
			affiliation: 'Digital Rights Lab',
			panelist: false,
			stakeholderGroup: 'civil_society',
			mode: 'remote',
			itemId: 'panelists'
		});
		expect(record.speakers[1]).toMatchObject({
			name: 'Olga Cavalli',
			affiliation: 'Government of Argentina'
		});
		expect(record.speakers[0].seconds).toBeGreaterThanOrEqual(1);
		expect(record.agreedTopics).toHaveLength(1);
		expect(record.agreedTopics[0]).toMatchObject({
			wording: 'Closing the digital security divide',
			status: 'agreed'
		});
		expect(record.agreedTopics[0].history.map((c) => [c.change, c.by, c.role])).toEqual([
			['declared', 'Markus Kummer', 'moderator'],
			['reworded', 'Maarten Van Horenbeeck', 'rapporteur']
		]);
		expect(record.agenda[0].notes).toBe('The chair framed the SDG question.');
		expect(record.report.find((f) => f.key === 'discussion')).toMatchObject({ source: 'rapporteur' });
		expect(record.report.find((f) => f.key === 'rapporteur')?.value).toBe('Maarten Van Horenbeeck');
		expect(record.report.find((f) => f.key === 'moderator')?.value).toBe(
			'Markus Kummer (IGF Support Association)'
		);
		expect(record.participation).toMatchObject({
			joined: 6,
			inRoom: 4,
			remote: 2,
			women: 2,
			genderStated: 4
		});
		expect(record.participation.peakConnected).toBeGreaterThanOrEqual(6);
		expect(record.tagged.map((t) => [t.tag, t.target])).toEqual([
			['key_issue', 'question'],
			['takeaway', 'comment'],
			['key_issue', 'card']
		]);
		expect(record.timeline[0].kind).toBe('session_started');
		expect(record.timeline.at(-1)?.kind).toBe('session_ended');
	});

	it('fills every IGF report field from the session but the two headcounts, which it leaves to the rapporteur', async () => {
		const field = (key: string) => record.report.find((f) => f.key === key)!;
		const headcounts = ['participants', 'women_participants'];
		const empty = record.report.filter((f) => f.value.trim() === '').map((f) => f.key);
		expect(empty).toEqual(headcounts);
		for (const key of headcounts) expect(field(key).evidence).toMatch(/phone/);
		expect(field('speakers').value).toBe(
			[
				'- Dara (Digital Rights Lab, Civil society; from the floor)',
				'- Olga Cavalli (Government of Argentina, Government; from the floor)'
			].join('\n')
		);
		const issues = field('key_issues').value.split('\n');
		expect(issues[0]).toBe('- The room asked: How do we fund CERTs in small states?');
		expect(issues[1]).toMatch(/^- Secure development processes: \S.*[.!?]$/);
		expect(issues).toHaveLength(2);
		expect(field('policy_recommendations').value).toContain(
			'On “Online abuse and gender-based violence”, a participant noted: Include harassment of women journalists.'
		);
		expect(field('outcomes').value).toMatch(
			/the room chose .*Online abuse and gender-based violence \(5 votes\)/
		);
		expect(field('way_forward').value).toContain('- Closing the digital security divide');
		expect(field('gender_issues').value).toBe(
			'Gender came up in 1 comment and 1 item tagged for the report, for example: “On “Online abuse and gender-based violence”, a participant noted: Include harassment of women journalists.”'
		);
		expect(field('date_time').value).toContain(
			'This was a rehearsal; the session is planned for 20 December 2017'
		);
		expect(record.report.filter((f) => f.source === 'prefilled').map((f) => f.key)).not.toContain(
			'discussion'
		);
	});

	it('exports a Word document with the agenda, the results and the agreed topics', async () => {
		const response = await exported('docx', cookies.rapporteur);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('wordprocessingml.document');
		const zip = await JSZip.loadAsync(await response.arrayBuffer());
		const xml = await zip.file('word/document.xml')?.async('string');
		if (!xml) throw new Error('no word/document.xml');
		const text = xml.replace(/<[^>]+>/g, '');
		for (const item of record.agenda) expect(text).toContain(item.title);
		expect(text).toContain('Which two policy areas should the session highlight for discussion?');
		expect(text).toContain('Online abuse and gender-based violence');
		expect(text).toContain('Closing the digital security divide');
		expect(text).toContain('How do we fund CERTs in small states?');
		for (const field of record.report) expect(text).toContain(field.label);
		// Fields nobody has checked yet say so; the one the rapporteur wrote does not.
		expect(text).toContain('Prefilled from the session, not yet checked');
		expect(text).toContain('To be written by the rapporteur');
		for (const token of tokens) expect(xml).not.toContain(token);
		expect(text).not.toContain('Unapproved secret phrase');
	});

	it('exports the same content as Markdown and a printable page', async () => {
		const markdown = await (await exported('md', cookies.rapporteur)).text();
		for (const item of record.agenda) expect(markdown).toContain(item.title);
		expect(markdown).toContain('Closing the digital security divide');
		const print = await fetch(`${server.url}/m/BPF2017/record/print`, {
			headers: { cookie: cookies.rapporteur }
		});
		expect(print.status).toBe(200);
		const html = await print.text();
		expect(html).toContain('Closing the digital security divide');
		const sheets = [...html.matchAll(/<link href="([^"]+\.css)"/g)].map((m) => new URL(m[1], print.url).href);
		const css = await Promise.all(sheets.map(async (sheet) => (await fetch(sheet)).text()));
		expect(css.join('\n')).toContain('@media print');
	});

	it('exports a CSV of every poll: one row per option and group, values that add up', async () => {
		const response = await exported('csv', cookies.rapporteur);
		expect(response.headers.get('content-type')).toContain('text/csv');
		const bytes = Buffer.from(await response.arrayBuffer());
		// A UTF-8 byte order mark first, so that Excel keeps the accents.
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const rows = parseCsv(bytes, { bom: true, columns: true }) as Record<string, string>[];
		const highlight = rows.filter((r) => /two policy areas/.test(r.poll_question));
		const overall = highlight.filter((r) => r.breakdown === 'overall');
		expect(overall).toHaveLength(10);
		expect(overall.reduce((sum, r) => sum + Number(r.value), 0)).toBe(5 * 2 + 1);
		const government = highlight.filter(
			(r) => r.breakdown === 'stakeholder_group' && r.group === 'government'
		);
		expect(government).toHaveLength(10);
		expect(government.find((r) => r.option_id === 'online-abuse')?.value).toBe('3');
		const consensus = rows.filter((r) => r.poll_kind === 'consensus' && r.breakdown === 'overall');
		expect(consensus.map((r) => `${r.option_id}=${r.value}`)).toEqual([
			'support=5',
			'live_with=0',
			'object=1',
			'support=5',
			'live_with=0',
			'object=1'
		]);
		const cloud = rows.filter((r) => r.poll_kind === 'word_cloud' && r.breakdown === 'overall');
		expect(cloud.map((r) => [r.option_label, r.value])).toEqual([['Trust', '4']]);
	});

	it('takes the rapporteur’s sentence for a tagged item after the end, and refuses one for an untagged item', async () => {
		const question = record.tagged.find((t) => t.target === 'question')!;
		const written = await rapporteur.emitWithAck('record:write', {
			clientId: id(),
			target: { kind: 'sentence', tag: 'key_issue', target: 'question', targetId: question.targetId },
			text: 'Small states lack the means to fund their CERTs.',
			baseRevision: 0
		});
		expect(written).toMatchObject({ data: { saved: true } });
		const untagged = await rapporteur.emitWithAck('record:write', {
			clientId: id(),
			target: { kind: 'sentence', tag: 'takeaway', target: 'question', targetId: question.targetId },
			text: 'Not tagged as a takeaway.',
			baseRevision: 0
		});
		expect(untagged).toMatchObject({ error: { code: 'not_found' } });
		const after = (await (await exported('json', cookies.rapporteur)).json()) as SessionRecord;
		expect(after.tagged.find((t) => t.target === 'question')).toMatchObject({
			sentence: 'Small states lack the means to fund their CERTs.',
			sentenceSource: 'rapporteur'
		});
		expect(after.report.find((f) => f.key === 'key_issues')?.value.split('\n')[0]).toBe(
			'- Small states lack the means to fund their CERTs.'
		);
		expect(after.tagged.map((t) => t.sentence)).not.toContain('Not tagged as a takeaway.');
	});

	it('records a field accepted as prefilled as accepted, and a text written over it as written', async () => {
		const organiser = record.report.find((f) => f.key === 'organiser')!;
		const write = (text: string, baseRevision: number, accept: boolean) =>
			rapporteur.emitWithAck('record:write', {
				clientId: id(),
				target: { kind: 'report', field: 'organiser' },
				text,
				baseRevision,
				accept
			});
		const field = async () =>
			((await (await exported('json', cookies.rapporteur)).json()) as SessionRecord).report.find(
				(f) => f.key === 'organiser'
			);
		expect(await write(organiser.value, 0, true)).toMatchObject({ data: { saved: true } });
		expect(await field()).toMatchObject({
			value: organiser.value,
			source: 'rapporteur',
			accepted: true,
			by: 'Maarten Van Horenbeeck'
		});
		expect(await write('IGF Secretariat and the BPF', 1, false)).toMatchObject({ data: { saved: true } });
		expect(await field()).toMatchObject({ value: 'IGF Secretariat and the BPF', accepted: false });
	});

	it('no export carries a participant token, a pending text or a gender beside anything', async () => {
		for (const format of ['json', 'md', 'csv']) {
			const body = await (await exported(format, cookies.rapporteur)).text();
			for (const token of tokens) expect(body).not.toContain(token);
			expect(body).not.toContain('Unapproved secret phrase');
			expect(body).not.toMatch(/"gender"/);
		}
	});
});

describe('who may keep and export the record', () => {
	it('refuses every export to anonymous visitors and attendees (401), and to staff without the role (403)', async () => {
		// The session has ended: no one new joins, so an attendee of the session tries.
		const attendee = phoneCookies[0];
		const remote = await signedIn('remote-only', ['remote_moderator']);
		const nobody = await signedIn('no-role', []);
		const moderatorCookie = await signedIn('chair', ['moderator']);
		for (const format of ['docx', 'md', 'json', 'csv']) {
			expect((await exported(format)).status).toBe(401);
			expect((await exported(format, attendee)).status).toBe(401);
			expect((await exported(format, remote)).status).toBe(403);
			expect((await exported(format, nobody)).status).toBe(403);
			expect((await exported(format, moderatorCookie)).status).toBe(200);
			expect((await exported(format, cookies.admin)).status).toBe(200);
		}
		expect((await exported('pdf', cookies.admin)).status).toBe(404);
		for (const page of ['record', 'record/print']) {
			const anonymous = await fetch(`${server.url}/m/BPF2017/${page}`, { redirect: 'manual' });
			expect(anonymous.status).toBe(303);
			expect((await fetch(`${server.url}/m/BPF2017/${page}`, { headers: { cookie: remote } })).status).toBe(
				403
			);
			expect(
				(await fetch(`${server.url}/m/BPF2017/${page}`, { headers: { cookie: cookies.rapporteur } })).status
			).toBe(200);
		}
	});

	it('refuses record events to attendees and to roles that do not hold them, changing nothing', async () => {
		const remote = await staffSocket(cookies['remote-only']);
		const rapporteur = await staffSocket(cookies.rapporteur);
		const write = {
			target: { kind: 'note', itemId: 'goals' },
			text: 'Overwritten?',
			baseRevision: 1
		} as const;
		expect(await phones[0].emitWithAck('record:write', { clientId: id(), ...write })).toHaveProperty(
			'error.code',
			'unauthorised'
		);
		expect(await remote.emitWithAck('record:write', { clientId: id(), ...write })).toHaveProperty(
			'error.code',
			'forbidden'
		);
		expect(
			await rapporteur.emitWithAck('topic:declare', {
				clientId: id(),
				wording: 'Mine',
				itemId: null,
				pollId: null
			})
		).toHaveProperty('error.code', 'forbidden');
		expect(await rapporteur.emitWithAck('session:clock', { clientId: id(), action: 'start' })).toHaveProperty(
			'error.code',
			'forbidden'
		);
		expect(
			await phones[0].emitWithAck('topic:reword', {
				clientId: id(),
				topicId: record.agreedTopics[0].id,
				wording: 'Hijacked'
			})
		).toHaveProperty('error.code', 'unauthorised');
		const bad: unknown[] = [
			null,
			{ clientId: id(), target: { kind: 'note', itemId: 'no-such-item' }, text: 'x', baseRevision: 0 },
			{ clientId: id(), target: { kind: 'report', field: 'not_a_field' }, text: 'x', baseRevision: 0 },
			{
				clientId: id(),
				target: { kind: 'note', itemId: 'goals' },
				text: 'x'.repeat(20_001),
				baseRevision: 1
			},
			{ clientId: id(), target: { kind: 'note', itemId: 'goals' }, text: 42, baseRevision: 1 }
		];
		for (const payload of bad) {
			const result = await rapporteur.emitWithAck('record:write', payload as never);
			expect(result).toHaveProperty('error');
		}
		const json = (await (await exported('json', cookies.rapporteur)).json()) as SessionRecord;
		expect(json.agenda[0].notes).toBe('The chair framed the SDG question.');
		expect(json.agreedTopics[0].wording).toBe('Closing the digital security divide');
	});
});

describe('two people editing one note', () => {
	it('never overwrite each other silently: the second save gets the first one back', async () => {
		const moderatorSocket = moderator;
		const rapporteur = await staffSocket(cookies.rapporteur);
		const target = { kind: 'note', itemId: 'process' } as const;
		const first = await rapporteur.emitWithAck('record:write', {
			clientId: id(),
			target,
			text: 'Rapporteur text',
			baseRevision: 0
		});
		expect(first).toMatchObject({
			data: { saved: true, text: { revision: 1, by: 'Maarten Van Horenbeeck' } }
		});
		const second = await moderatorSocket.emitWithAck('record:write', {
			clientId: id(),
			target,
			text: 'Moderator text',
			baseRevision: 0
		});
		expect(second).toMatchObject({
			data: { saved: false, current: { text: 'Rapporteur text', revision: 1, by: 'Maarten Van Horenbeeck' } }
		});
		const merged = await moderatorSocket.emitWithAck('record:write', {
			clientId: id(),
			target,
			text: 'Rapporteur text. Moderator text',
			baseRevision: 1
		});
		expect(merged).toMatchObject({ data: { saved: true, text: { revision: 2 } } });
	});

	it('a retried save is recognised, not taken for a conflict', async () => {
		const rapporteur = await staffSocket(cookies.rapporteur);
		const command = {
			clientId: id(),
			target: { kind: 'note', itemId: 'main-session' } as const,
			text: 'Once',
			baseRevision: 0
		};
		const first = await rapporteur.emitWithAck('record:write', command);
		const retry = await rapporteur.emitWithAck('record:write', command);
		expect(first).toMatchObject({ data: { saved: true, text: { revision: 1 } } });
		expect(retry).toMatchObject({ data: { saved: true, text: { revision: 1, text: 'Once' } } });
	});
});
