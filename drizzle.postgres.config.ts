import { defineConfig } from 'drizzle-kit';

// PostgreSQL: the same tables (src/lib/server/db/tables.ts), migrations in drizzle-postgres/.
export default defineConfig({
	schema: './src/lib/server/db/schema.postgres.ts',
	out: './drizzle-postgres',
	dialect: 'postgresql',
	dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/plenary' },
	strict: true,
	verbose: true
});
