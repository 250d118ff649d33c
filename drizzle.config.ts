import { defineConfig } from 'drizzle-kit';

/** `npm run db:generate` writes the SQL migration for a schema change into migrations/. */
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./server/core/*/schema.ts', './server/modules/*/schema.ts'],
  out: './migrations',
});
