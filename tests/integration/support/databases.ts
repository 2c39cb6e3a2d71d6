/**
 * Against PostgreSQL, every test server has a database of its own (support/database.ts): once the
 * run is over, the ones no connection holds any more are dropped, so runs do not pile them up.
 */
import pg from 'pg';

export default function setup(): () => Promise<void> {
	return async () => {
		const server = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
		const client = new pg.Client({ connectionString: server });
		// A run on SQLite files alone may have no PostgreSQL to tidy.
		if (
			!(await client.connect().then(
				() => true,
				() => false
			))
		)
			return;
		try {
			const { rows } = await client.query<{ name: string }>(
				"select datname as name from pg_database where datname like 'plenary\\_test\\_%'"
			);
			for (const { name } of rows)
				await client.query(`drop database if exists "${name}"`).catch(() => undefined);
		} finally {
			await client.end();
		}
	};
}
