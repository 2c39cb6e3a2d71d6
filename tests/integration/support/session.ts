import { connect, signIn, type TestSocket } from './clients';
import { ADMIN, startServer, type RunningServer } from './server';
import { addUser } from './users';

/** The preamble of a file of tests: the built server, the admin's cookie and their console. */
export interface Session {
	server: RunningServer;
	adminCookie: string;
	/** The admin's console on BPF2017 (the admin moderates every meeting). */
	moderator: TestSocket;
}

/**
 * Starts the production server on a temporary database, signs the admin in through the login
 * form and connects their console. Sockets go into `open`, for `endSession`.
 */
export async function startSession(open: TestSocket[]): Promise<Session> {
	const server = await startServer();
	const adminCookie = await signIn(server.url, ADMIN.username, ADMIN.password);
	const { socket: moderator } = await connect(server.url, { as: 'moderator', cookie: adminCookie });
	open.push(moderator);
	return { server, adminCookie, moderator };
}

/** Closes every socket a file opened, then stops its server. */
export async function endSession(server: RunningServer | undefined, open: TestSocket[]): Promise<void> {
	for (const socket of open) socket.disconnect();
	await server?.stop();
}

/** Client ids for commands, unique within a file: `prefix-1`, `prefix-2`, … */
export function commandIds(prefix: string): () => string {
	let n = 0;
	return () => `${prefix}-${++n}`;
}

/** A staff account with roles in a meeting, signed in, its staff socket connected (and in `open`). */
export async function staffSocket(
	server: RunningServer,
	open: TestSocket[],
	username: string,
	roles: string[]
): Promise<TestSocket> {
	await addUser(server.database, username, 'staff-password-1', roles);
	const cookie = await signIn(server.url, username, 'staff-password-1');
	const { socket } = await connect(server.url, { as: 'moderator', cookie });
	open.push(socket);
	return socket;
}
