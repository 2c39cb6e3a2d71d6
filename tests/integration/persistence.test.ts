import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, startServer, temporaryDatabase, type RunningServer } from './support/server';
import { connect, publicSnapshot, signIn } from './support/clients';

let server: RunningServer | undefined;

afterAll(async () => {
	await server?.stop();
});

describe('a server killed and restarted on the same database', () => {
	it('keeps every acknowledged move, seeds only once, and keeps sessions', async () => {
		const database = temporaryDatabase();
		server = await startServer({ database });
		const cookie = await signIn(server.url, ADMIN.username, ADMIN.password);
		const moderator = await connect(server.url, { as: 'moderator', cookie });
		for (let i = 0; i < 5; i++) {
			await moderator.socket.emitWithAck('agenda:move', { clientId: `persisted-${i}-xyz`, to: 'next' });
		}
		const acknowledged = await publicSnapshot(server.url);
		moderator.socket.disconnect();
		await server.kill();

		server = await startServer({ database });
		expect(server.output()).not.toContain('seeded');
		const restarted = await publicSnapshot(server.url);
		expect(restarted.version).toBe(acknowledged.version);
		expect(restarted.position).toEqual({ item: 4, step: 1 });
		const again = await connect(server.url, { as: 'moderator', cookie });
		expect(again.snapshot.position).toEqual({ item: 4, step: 1 });
		again.socket.disconnect();
	});

	it('prints generated admin credentials on the first start only', async () => {
		const database = temporaryDatabase();
		const env = { ADMIN_USERNAME: '', ADMIN_PASSWORD: '' };
		const first = await startServer({ database, env });
		const password = /password: (\S+)/.exec(first.output())?.[1];
		await first.stop();
		expect(password).toBeTruthy();
		const second = await startServer({ database, env });
		expect(second.output()).not.toContain('password:');
		await expect(signIn(second.url, 'admin', password!)).resolves.toContain('plenary-session=');
		await expect(signIn(second.url, 'admin', 'wrong-password')).rejects.toThrow(/400/);
		await second.stop();
	});
});
