import { defineConfig } from 'drizzle-kit';

// SQLite, the default: drizzle/. PostgreSQL's migrations are in drizzle-postgres/ (drizzle.postgres.config.ts).
export default defineConfig({
	schema: './src/lib/server/db/schema.sqlite.ts',
	out: './drizzle',
	dialect: 'sqlite',
	dbCredentials: { url: process.env.DATABASE_PATH ?? 'data/plenary.db' },
	strict: true,
	verbose: true
});
