/** Which database this process runs on: PostgreSQL when DATABASE_URL names one, else the SQLite file. */
export type DatabaseKind = 'sqlite' | 'postgres';

export function databaseKind(env: NodeJS.ProcessEnv = process.env): DatabaseKind {
	const url = env.DATABASE_URL;
	if (!url) return 'sqlite';
	if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
	throw new Error(`DATABASE_URL must be a postgres:// URL, not "${url.replace(/\/\/[^@]*@/, '//…@')}"`);
}
