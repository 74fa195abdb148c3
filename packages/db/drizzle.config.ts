import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/schema/ (one file per domain) (`pnpm --filter @flywheel/db generate`) and committed;
// both PGlite and Postgres run the same SQL files at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './drizzle',
});
