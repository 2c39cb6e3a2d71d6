import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startServer, type RunningServer } from './support/server';
import { addUser } from './support/users';
import { cookiesFrom } from './support/clients';

/**
 * Sign-in as a hostile attendee tries it: other sites after sign-in, guessing, locking the real
 * user out. The server takes the client's address from X-Forwarded-For, as behind a proxy, so
 * each test can speak from the venue's address or from elsewhere.
 */
let server: RunningServer;
const VENUE = '198.51.100.7';
const ELSEWHERE = '203.0.113.9';

beforeAll(async () => {
	server = await startServer({ env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });
	await addUser(server.database, 'owner', 'owner-password-42', ['moderator']);
	await addUser(server.database, 'rapporteur', 'rapporteur-password-42', ['rapporteur']);
});

afterAll(async () => {
	await server?.stop();
});

interface Attempt {
	username: string;
	password: string;
	from: string;
	cookie?: string;
	redirectTo?: string;
}

async function attempt({ username, password, from, cookie, redirectTo }: Attempt) {
	const query = redirectTo === undefined ? '' : `?redirectTo=${encodeURIComponent(redirectTo)}`;
	const response = await fetch(`${server.url}/login${query}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			'x-forwarded-for': from,
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams({ username, password })
	});
	return {
		status: response.status,
		location: response.headers.get('location'),
		cookies: cookiesFrom(response),
		body: await response.text()
	};
}

/** Where a Location header leads from the server's page, as a browser resolves it. */
const destination = (location: string | null) => new URL(location ?? '', `${server.url}/login`);

const OTHER_SITES = [
	'/\\evil.example/',
	'//evil.example/',
	'\\\\evil.example/',
	'/\t/evil.example/',
	'https://evil.example/',
	'/a/../..//evil.example/',
	'%2F%2Fevil.example'
];

describe('after sign-in', () => {
	it.each(OTHER_SITES)('a user who signs in is never sent to another site: %j', async (redirectTo) => {
		const signedIn = await attempt({
			username: ADMIN.username,
			password: ADMIN.password,
			from: VENUE,
			redirectTo
		});
		expect(signedIn.status).toBe(303);
		expect(destination(signedIn.location).origin).toBe(server.url);
		// A signed-in user opening the same link is not sent away either.
		const response = await fetch(`${server.url}/login?redirectTo=${encodeURIComponent(redirectTo)}`, {
			redirect: 'manual',
			headers: { cookie: signedIn.cookies, 'x-forwarded-for': VENUE }
		});
		expect(response.status).toBe(303);
		expect(destination(response.headers.get('location')).origin).toBe(server.url);
	});

	it('follows a path of this site', async () => {
		const signedIn = await attempt({
			username: ADMIN.username,
			password: ADMIN.password,
			from: VENUE,
			redirectTo: '/m/BPF2017/moderate'
		});
		expect(signedIn.location).toBe('/m/BPF2017/moderate');
	});
});

describe('guessing passwords', () => {
	it('the owner on a known device signs in after 50 wrong guesses from another address', async () => {
		const first = await attempt({ username: 'owner', password: 'owner-password-42', from: VENUE });
		expect(first.status).toBe(303);
		const device = first.cookies.split('; ').find((cookie) => cookie.startsWith('plenary-device-'));
		expect(device).toBeDefined();
		const statuses = new Set<number>();
		for (let i = 0; i < 50; i++) {
			statuses.add((await attempt({ username: 'owner', password: `guess-${i}`, from: ELSEWHERE })).status);
		}
		// The attacker was slowed down: past a few guesses, attempts wait before they are heard.
		expect(statuses).toContain(429);
		const blocked = await attempt({ username: 'owner', password: 'owner-password-42', from: ELSEWHERE });
		expect(blocked.status).toBe(429);
		expect(blocked.body).toMatch(/Several wrong passwords in a row: try again in/);
		// The owner, on the laptop they signed in from before, is not.
		const owner = await attempt({
			username: 'owner',
			password: 'owner-password-42',
			from: ELSEWHERE,
			cookie: device
		});
		expect(owner.status).toBe(303);
	});

	it('300 made-up usernames from the venue address do not stop a real user there', async () => {
		for (let i = 0; i < 300; i++) {
			const made = await attempt({ username: `made-up-${i}`, password: 'password-guess', from: VENUE });
			expect(made.status).toBe(400);
		}
		const real = await attempt({ username: 'rapporteur', password: 'rapporteur-password-42', from: VENUE });
		expect(real.status).toBe(303);
	});

	it('a flood of sign-ins at once is checked in turn, and a known device goes first', async () => {
		const first = await attempt({ username: 'owner', password: 'owner-password-42', from: '192.0.2.50' });
		const device = first.cookies.split('; ').find((cookie) => cookie.startsWith('plenary-device-'));
		expect(device).toBeDefined();
		// 300 made-up names at the same moment: each would cost an Argon2id derivation.
		const flood = Array.from({ length: 300 }, (_, i) =>
			attempt({ username: `flood-${i}`, password: 'password-guess', from: `192.0.2.${100 + (i % 100)}` })
		);
		const owner = await attempt({
			username: 'owner',
			password: 'owner-password-42',
			from: '192.0.2.50',
			cookie: device
		});
		const answers = await Promise.all(flood);
		expect(owner.status).toBe(303);
		const statuses = answers.map((answer) => answer.status);
		// Past the line's length, unknown devices are told to come back instead of queuing work.
		expect(statuses).toContain(503);
		expect(new Set(statuses)).toEqual(new Set([400, 503]));
		const busy = answers.find((answer) => answer.status === 503);
		expect(busy?.body).toMatch(/try again in a few seconds/);
	});

	it('a wrong password for an unknown name and for a known one get the same answer', async () => {
		const unknown = await attempt({
			username: 'nobody-here',
			password: 'owner-password-42',
			from: '192.0.2.1'
		});
		const known = await attempt({ username: 'rapporteur', password: 'owner-password-42', from: '192.0.2.1' });
		expect([unknown.status, known.status]).toEqual([400, 400]);
		for (const answer of [unknown, known]) expect(answer.body).toMatch(/Wrong username or password\./);
	});
});
