/**
 * Personal invitations: an organiser's CSV list checked row by row, one link per person, one
 * participant per link, revocable at once.
 */
import { parse } from 'devalue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startServer, type RunningServer } from './support/server';
import { sql } from './support/database';
import { connect, cookiesFrom, joinChallenge, signIn, solveProof, type TestSocket } from './support/clients';
import { importSecondMeeting } from './support/meetings';
import { csvRows } from '../../src/lib/domain/invitations';

const CODE = 'INVITE1';
let server: RunningServer;
let admin: string;
const open: TestSocket[] = [];

function rows<T>(statement: string, ...values: unknown[]): Promise<T[]> {
	return sql<T>(server.database, statement, ...values);
}

const participantsOf = (code: string) =>
	rows<{ display_name: string | null; stakeholder_group: string | null }>(
		'select display_name, stakeholder_group from participants join meetings on meetings.id = meeting_id where code = ? order by participants.created_at, participants.id',
		code
	);

/** The admin page's form, as `use:enhance` sends it. */
async function act(action: string, body: FormData) {
	const response = await fetch(`${server.url}/admin/meetings/${CODE}?/${action}`, {
		method: 'POST',
		headers: { origin: server.url, accept: 'application/json', 'x-sveltekit-action': 'true', cookie: admin },
		body
	});
	const json = (await response.json()) as { type: string; status?: number; data?: string };
	return {
		...json,
		data: json.data ? (parse(json.data) as { invitations: Record<string, unknown> }) : undefined
	};
}

function upload(csv: string) {
	const body = new FormData();
	body.set('list', new File([csv], 'list.csv', { type: 'text/csv' }));
	return act('invite', body);
}

/** The links of the downloadable CSV, by email. */
async function links(): Promise<Map<string, string>> {
	const response = await fetch(`${server.url}/admin/meetings/${CODE}/invitations.csv`, {
		headers: { cookie: admin }
	});
	expect(response.status).toBe(200);
	const [, ...people] = csvRows(await response.text());
	return new Map(people.map(({ cells }) => [cells[1], cells[3]]));
}

/** Opens an invitation link and joins with it, as the invitation page's form does. */
async function claim(link: string) {
	const path = new URL(link).pathname;
	const proof = await solveProof(await joinChallenge(server.url, CODE));
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: server.url, accept: 'text/html' },
		body: new URLSearchParams({ proof })
	});
}

beforeAll(async () => {
	server = await startServer();
	await importSecondMeeting(server.database, CODE, 'i-');
	await sql(server.database, "update meetings set participation = 'invitation' where code = ?", CODE);
	admin = await signIn(server.url, ADMIN.username, ADMIN.password);
});

afterAll(async () => {
	for (const socket of open) socket.disconnect();
	await server?.stop();
});

describe('the organiser’s list', () => {
	it('is refused whole when any row is wrong, each bad row named by its line, and nothing is stored', async () => {
		const answer = await upload(
			'name,email,group\nAda Okafor,ada@example.org,Civil society\n,nobody@example.org,academia\nLin Wei,lin@example.org,Wizards\n'
		);
		expect(answer).toMatchObject({ type: 'failure', status: 400 });
		expect(answer.data?.invitations.problems).toEqual([
			{ line: 3, message: 'the name is missing' },
			{ line: 4, message: expect.stringMatching(/^"Wizards" is not a stakeholder group/) }
		]);
		expect(await rows('select * from invitations')).toEqual([]);
	});

	it('makes one personal link per person, downloadable as CSV and as a printable sheet of QR codes', async () => {
		const answer = await upload(
			'name,email,group\n"Okafor, Ada",ada@example.org,Civil society\nLin Wei,lin@example.org,technical_community\nBo,bo@example.org,\n'
		);
		expect(answer).toMatchObject({ type: 'success', data: { invitations: { added: 3 } } });
		const stored = await rows<{ token_hash: string }>('select token_hash from invitations');
		expect(stored).toHaveLength(3);
		const byEmail = await links();
		expect([...byEmail.keys()].sort()).toEqual(['ada@example.org', 'bo@example.org', 'lin@example.org']);
		for (const link of byEmail.values()) {
			expect(link).toMatch(new RegExp(`^${server.url}/m/${CODE}/i/[\\w-]{32}$`));
			// The table keeps no token, only hashes.
			expect(stored.some((row) => link.endsWith(row.token_hash))).toBe(false);
		}
		const sheet = await fetch(`${server.url}/admin/meetings/${CODE}/invitations`, {
			headers: { cookie: admin }
		});
		const html = await sheet.text();
		expect(sheet.status).toBe(200);
		expect(html.match(/alt="QR code of the invitation of/g)).toHaveLength(3);
		expect(html).toContain('Okafor, Ada');

		expect((await upload('name,email\nAgain,ADA@example.org\n')).data?.invitations.problems).toEqual([
			{ line: 2, message: 'ADA@example.org is already invited to this meeting' }
		]);
		const anonymous = await fetch(`${server.url}/admin/meetings/${CODE}/invitations.csv`, {
			redirect: 'manual'
		});
		expect(anonymous.status).toBe(303);
	});
});

describe('joining by invitation', () => {
	it('takes no one without an invitation', async () => {
		const proof = await solveProof(await joinChallenge(server.url, CODE));
		const response = await fetch(`${server.url}/m/${CODE}?/join`, {
			method: 'POST',
			headers: { origin: server.url, accept: 'application/json', 'x-sveltekit-action': 'true' },
			body: new URLSearchParams({ proof })
		});
		expect(await response.text()).toMatch(/"status":403/);
		await expect(connect(server.url, { as: 'attendee', meeting: CODE })).rejects.toThrow(/^unauthorised: /);
		expect(await participantsOf(CODE)).toEqual([]);
	});

	it('admits the invitee once, with their name and group; the same link on a second device is refused', async () => {
		const link = (await links()).get('ada@example.org')!;
		const page = await fetch(link);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Invitation for Okafor, Ada');
		expect(await participantsOf(CODE)).toEqual([]);

		const first = await claim(link);
		expect(first.status).toBe(303);
		expect(first.headers.get('location')).toBe(`/m/${CODE}`);
		const cookie = cookiesFrom(first);
		expect(await participantsOf(CODE)).toEqual([
			{ display_name: 'Okafor, Ada', stakeholder_group: 'civil_society' }
		]);

		const second = await claim(link);
		expect(second.status).toBe(409);
		expect(await second.text()).toContain('already in use on another device');
		expect(cookiesFrom(second)).not.toMatch(/plenary-attendee/);
		expect(await participantsOf(CODE)).toHaveLength(1);

		const { socket } = await connect(server.url, { as: 'attendee', meeting: CODE, cookie });
		open.push(socket);
		expect(await socket.emitWithAck('floor:request', { clientId: 'invited-1' })).toMatchObject({ data: {} });
	});

	it('stands in for the meeting’s passcode: the invitee is not asked for it', async () => {
		await sql(server.database, "update meetings set passcode = 'Tulip2026' where code = ?", CODE);
		const joined = await claim((await links()).get('bo@example.org')!);
		expect(joined.status).toBe(303);
		expect(cookiesFrom(joined)).toMatch(new RegExp(`plenary-attendee-${CODE}=`));
	});

	it('withdrawing an invitation closes its phone at once and refuses it afterwards', async () => {
		const link = (await links()).get('lin@example.org')!;
		const cookie = cookiesFrom(await claim(link));
		const { socket } = await connect(server.url, { as: 'attendee', meeting: CODE, cookie });
		open.push(socket);
		const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
		const id = (
			await rows<{ id: string }>("select id from invitations where reference = 'lin@example.org'")
		)[0].id;
		const body = new FormData();
		body.set('invitationId', id);
		expect(await act('withdraw', body)).toMatchObject({ type: 'success' });
		expect(await closed).toBe('io server disconnect');
		socket.disconnect();
		await expect(connect(server.url, { as: 'attendee', meeting: CODE, cookie })).rejects.toThrow(
			/^unauthorised: /
		);
		const again = await claim(link);
		expect(again.status).toBe(410);
		expect(await again.text()).toContain('withdrawn');
		expect([...(await links()).values()]).not.toContain(link);
	});
});
