import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

/** The database handle every operation receives. */
export type Db = NodePgDatabase<Record<string, never>> & { $client: pg.Pool };
/** A transaction; operations take `tx` and never open their own. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either: read-only helpers accept both. */
export type Executor = Db | Tx;

// DATE columns stay ISO strings ('2024-09-01'), never shifted through a JS Date and a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// COUNT(*) and BIGINT ids fit in a double at our scale.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function connect(url: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 20, application_name: 'edugov' });
  pool.on('error', () => {
    /* an idle client lost its connection; the pool replaces it */
  });
  return drizzle(pool) as Db;
}

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

/** Apply committed SQL migrations; safe to call at every start. */
export async function migrateDatabase(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder });
}

export async function closeDatabase(db: Db): Promise<void> {
  await db.$client.end();
}
