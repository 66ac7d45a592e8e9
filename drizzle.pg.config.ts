import { defineConfig } from 'drizzle-kit';

// The PostgreSQL store's migrations, generated from the same schema description as SQLite's
// (src/db/schema-pg/ derives its tables from src/db/schema/): `npm run db:generate` writes both.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema-pg/index.ts',
  out: './migrations-pg',
});
