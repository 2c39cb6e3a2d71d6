import { json } from '@sveltejs/kit';
import { databaseReachable } from '$lib/server/db';
import { version } from '../../../package.json';

export async function GET() {
	const database = await databaseReachable();
	return json({ ok: database, database, version }, { status: database ? 200 : 503 });
}
