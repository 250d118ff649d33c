import { sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { Db } from '../db/index.ts';
import { DomainError } from '../errors.ts';
import { bossOn, LIVE_STATES } from './boss.ts';
import { jobError } from './errors.ts';
import { jobDefinition } from './registry.ts';

/**
 * Jobs whose worker is gone (the process was killed, the machine restarted) are never left
 * "running": a job silent for `staleAfterMs` is resumed — queued again and retried by pg-boss —
 * while it has resumes left, and otherwise failed with `job.interrupted`. A queued job whose
 * pg-boss entry has ended or vanished is failed the same way. Safe to run in several processes.
 */
export async function recoverJobs(
  db: Db,
  options: { boss: PgBoss; staleAfterMs: number },
): Promise<{ resumed: number; failed: number }> {
  const outcome = { resumed: 0, failed: 0 };
  const stale = await db.execute<{ id: string; kind: string }>(sql`
    SELECT id, kind FROM job_run
    WHERE (status = 'running'
           AND coalesce(heartbeat_at, started_at, created_at) < now() - make_interval(secs => ${options.staleAfterMs / 1000}))
       OR (status = 'queued' AND created_at < now() - interval '1 minute')
    ORDER BY created_at
    LIMIT 500`);
  for (const { id, kind } of stale.rows) {
    const bossJob = await options.boss.getJobById(kind, id, { includeArchive: true }).catch(() => null);
    await db.transaction(async (tx) => {
      // Re-read under a row lock: another process may have recovered it, or the worker woke up.
      const locked = await tx.execute<{ status: string }>(sql`
        SELECT status FROM job_run WHERE id = ${id}
          AND ((status = 'running'
                AND coalesce(heartbeat_at, started_at, created_at) < now() - make_interval(secs => ${options.staleAfterMs / 1000}))
               OR status = 'queued')
        FOR UPDATE SKIP LOCKED`);
      const status = locked.rows[0]?.status;
      if (!status) return;
      const live = bossJob !== null && LIVE_STATES.has(bossJob.state);
      if (status === 'queued') {
        if (live) return; // waiting for a worker: not lost
        await markInterrupted(tx, id);
        outcome.failed++;
        return;
      }
      const resumable =
        live &&
        jobDefinition(kind) !== undefined &&
        (bossJob.state !== 'active' || bossJob.retryCount < bossJob.retryLimit);
      const boss = bossOn(tx);
      if (resumable) {
        await tx.execute(sql`UPDATE job_run SET status = 'queued', heartbeat_at = NULL WHERE id = ${id}`);
        if (bossJob.state === 'active') await boss.fail(kind, id, { message: 'worker lost; resuming' });
        outcome.resumed++;
      } else {
        await markInterrupted(tx, id);
        if (live) await boss.cancel(kind, id);
        outcome.failed++;
      }
    });
  }
  return outcome;
}

async function markInterrupted(tx: Parameters<Parameters<Db['transaction']>[0]>[0], id: string) {
  const error = jobError(new DomainError('job.interrupted'));
  await tx.execute(sql`
    UPDATE job_run SET status = 'failed', error = ${JSON.stringify(error)}::jsonb, finished_at = now()
    WHERE id = ${id}`);
}
