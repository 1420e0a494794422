import { defineConfig } from 'drizzle-kit';

// `pnpm --filter @autoalex/db exec drizzle-kit generate` writes a new migration after a schema change.
// Generating needs no database; applying is `npm run migrate` (src/migrate-cli.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
  strict: true,
  verbose: true,
});
