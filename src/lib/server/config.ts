import path from 'node:path';

/** Settings read from the environment; every one has a default that runs on a laptop. */
export interface Config {
	databasePath: string;
	migrationsFolder: string;
	publicOrigin: string | null;
	adminUsername: string | null;
	adminPassword: string | null;
}

function originOf(value: string | undefined): string | null {
	if (!value) return null;
	try {
		return new URL(value).origin;
	} catch {
		throw new Error(`PUBLIC_ORIGIN must be a URL such as https://plenary.example.org, not "${value}"`);
	}
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const root = env.PLENARY_ROOT ?? process.cwd();
	return {
		databasePath: path.resolve(root, env.DATABASE_PATH || 'data/plenary.db'),
		migrationsFolder: path.resolve(root, 'drizzle'),
		publicOrigin: originOf(env.PUBLIC_ORIGIN),
		adminUsername: env.ADMIN_USERNAME || null,
		adminPassword: env.ADMIN_PASSWORD || null
	};
}
