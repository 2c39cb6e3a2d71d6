/**
 * A console left open after its session or its role has gone hears nothing staff-only: signing
 * out closes it at once, and every snapshot and staff broadcast checks the session and the role
 * again, so an expired session or a role taken away by any path closes it too.
 */
import { sql } from './support/database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, connectedAttendee, signIn, type TestSocket } from './support/clients';
import { commandIds, endSession, startSession, type Session } from './support/session';
import { syncedSnapshot } from './support/state';
import { addUser } from './support/users';

let session: Session;
const open: TestSocket[] = [];
const id = commandIds('staff-sessions');
const PASSWORD = 'staff-password-1';

beforeAll(async () => {
	session = await startSession(open);
});

afterAll(() => endSession(session?.server, open));

/** A user with `roles` in BPF2017, signed in `times` times, each with its console connected. */
async function consoles(username: string, roles: string[], times = 1) {
	await addUser(session.server.database, username, PASSWORD, roles);
	const opened: { cookie: string; socket: TestSocket }[] = [];
	for (let i = 0; i < times; i++) {
		const cookie = await signIn(session.server.url, username, PASSWORD);
		const { socket } = await connect(session.server.url, { as: 'moderator', cookie });
		open.push(socket);
		opened.push({ cookie, socket });
	}
	return opened;
}

/** The reason the server gave for closing the socket; fails if it stays open for 10 s. */
function closed(socket: TestSocket): Promise<string> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('the console stayed open')), 10_000);
		socket.once('disconnect', (reason) => {
			clearTimeout(timer);
			resolve(reason);
		});
	});
}

/** Changes the database beside the server, as time does to a session or another process to a role. */
async function change(statement: string, ...params: unknown[]): Promise<void> {
	await sql(session.server.database, statement, ...params);
}

describe('a console after its session or role has gone', () => {
	it('signing out closes the consoles of that session, not those of the same user elsewhere', async () => {
		const [here, elsewhere] = await consoles('leaver', ['moderator'], 2);
		const closing = closed(here.socket);
		const response = await fetch(`${session.server.url}/logout`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: session.server.url,
				cookie: here.cookie,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: ''
		});
		expect(response.status).toBe(303);
		expect(await closing).toBe('io server disconnect');
		expect((await syncedSnapshot(elsewhere.socket)).meeting.code).toBe('BPF2017');
	});

	it.each([
		['its session ended', 'delete from sessions where user_id = ?'],
		['its role was taken away', 'delete from meeting_roles where user_id = ?']
	])('gets no snapshot once %s, and is closed', async (_, sql) => {
		const username = `stale-${sql.length}`;
		const [{ socket }] = await consoles(username, ['moderator']);
		await change(sql, `user-${username}`);
		const closing = closed(socket);
		const answer = await socket.emitWithAck('meeting:sync');
		expect(answer).toEqual({
			error: {
				code: 'unauthorised',
				message: 'Your session or your role in this meeting has ended: sign in again.'
			}
		});
		expect(await closing).toBe('io server disconnect');
	});

	it('hears no staff broadcast once its session ended: it is closed instead', async () => {
		const [{ socket }] = await consoles('expired', ['rapporteur']);
		const [{ socket: other }] = await consoles('still-here', ['rapporteur']);
		await change('delete from sessions where user_id = ?', 'user-expired');
		const heard: unknown[] = [];
		socket.on('questions:changed', (state) => heard.push(state));
		const closing = closed(socket);
		const otherHeard = new Promise((resolve) => other.once('questions:changed', resolve));
		const phone = await connectedAttendee(session.server.url, open);
		const ack = await phone.emitWithAck('question:ask', {
			clientId: id(),
			text: 'Who hears this?',
			anonymous: false
		});
		expect(ack).toHaveProperty('data');
		// The staff broadcast of the question reaches a valid console and closes the stale one.
		await otherHeard;
		expect(await closing).toBe('io server disconnect');
		expect(heard).toEqual([]);
	});
});
