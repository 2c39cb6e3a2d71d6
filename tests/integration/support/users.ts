import Database from 'better-sqlite3';
import { hash } from '@node-rs/argon2';

/** Adds a user with roles in a meeting straight into a running server's database (as an admin would). */
export async function addUser(
	databasePath: string,
	username: string,
	password: string,
	roles: string[],
	meetingCode = 'BPF2017'
) {
	const sqlite = new Database(databasePath);
	sqlite.pragma('busy_timeout = 5000');
	try {
		const id = `user-${username}`;
		sqlite
			.prepare('insert into users (id, username, password_hash, is_admin) values (?, ?, ?, 0)')
			.run(id, username, await hash(password));
		const meeting = sqlite.prepare('select id from meetings where code = ?').get(meetingCode) as {
			id: string;
		};
		for (const role of roles) {
			sqlite
				.prepare('insert into meeting_roles (meeting_id, user_id, role) values (?, ?, ?)')
				.run(meeting.id, id, role);
		}
	} finally {
		sqlite.close();
	}
}
