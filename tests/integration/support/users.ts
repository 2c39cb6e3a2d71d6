import { hash } from '@node-rs/argon2';
import { sql, type DatabaseLocation } from './database';

/** Adds a user with roles in a meeting straight into a running server's database (as an admin would). */
export async function addUser(
	database: DatabaseLocation,
	username: string,
	password: string,
	roles: string[],
	meetingCode = 'BPF2017'
) {
	const id = `user-${username}`;
	await sql(
		database,
		'insert into users (id, username, password_hash, is_admin) values (?, ?, ?, false)',
		id,
		username,
		await hash(password)
	);
	const [meeting] = await sql<{ id: string }>(
		database,
		'select id from meetings where code = ?',
		meetingCode
	);
	for (const role of roles)
		await sql(
			database,
			'insert into meeting_roles (meeting_id, user_id, role) values (?, ?, ?)',
			meeting.id,
			id,
			role
		);
}
