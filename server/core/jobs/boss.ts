import { type SQL, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Executor } from '../db/index.ts';

/**
 * pg-boss, spoken through our own connection when it must share a transaction: the job_run row and
 * its queue entry commit together, so a worker never sees one without the other.
 */
export const BOSS_SCHEMA = 'pgboss';

/** pg-boss's `$1…$n` SQL as a drizzle query (each placeholder becomes one bound parameter). */
function toDrizzle(text: string, values: unknown[] = []): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    chunks.push(sql`${sql.param(values[Number(match[1]) - 1] ?? null)}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

/** A pg-boss handle whose every statement runs on `executor` (a transaction or the pool). */
export function bossOn(executor: Executor): PgBoss {
  return new PgBoss({
    schema: BOSS_SCHEMA,
    db: {
      executeSql: async (text: string, values: unknown[]) => {
        const result = await executor.execute(toDrizzle(text, values));
        return { rows: result.rows as unknown[] as never[] };
      },
    },
  });
}

/** The pg-boss job states in which it may still run. */
export const LIVE_STATES = new Set(['created', 'retry', 'active']);
