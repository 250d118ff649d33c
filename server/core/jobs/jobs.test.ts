import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { waitForJob } from '../../cli/progress.ts';
import { testDatabase } from '../../test/db.ts';
import { buildWorld, type World } from '../../test/world.ts';
import { systemActor } from '../access/index.ts';
import type { Db } from '../db/index.ts';
import {
  cancelJobRun,
  defineJob,
  enqueueJob,
  jobRun,
  recoverJobs,
  registerSelfTestJob,
  SELF_TEST_KIND,
  startJobWorkers,
  stopJobWorkers,
} from './index.ts';

/**
 * Jobs against a real PostgreSQL and pg-boss: progress is visible while a job runs, the outcome
 * (result or coded error) is kept, and a job whose worker vanished is resumed or failed visibly.
 */
let db: Db;
let close: () => Promise<void>;
let world: World;
const actor = systemActor('jobs-test');

// Stands in for a worker that died mid-job: its first attempt hangs until it is taken over.
const hangs = new Set<string>();
defineJob({
  kind: 'test.hangsOnce',
  input: z.object({ n: z.number() }),
  resumeLimit: 1,
  run: async ({ input, attempt, progress, signal, jobId }) => {
    await progress({ stage: 'working', done: 1, total: 2 });
    if (attempt === 1) {
      hangs.add(jobId);
      await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    }
    await progress({ done: 2 });
    return { n: input.n, attempt };
  },
});

// A kind the system starts on its own every 0.3 s, once for each input.
const scheduledRuns: number[] = [];
defineJob({
  kind: 'test.scheduled',
  input: z.object({ n: z.number() }),
  every: { minutes: 0.005, inputs: async () => [{ n: 1 }, { n: 2 }] },
  run: async ({ input }) => {
    scheduledRuns.push(input.n);
    return { n: input.n };
  },
});

beforeAll(async () => {
  const t = await testDatabase();
  db = t.db;
  close = t.close;
  world = await buildWorld(db);
  registerSelfTestJob();
  await startJobWorkers({
    db,
    url: t.url,
    heartbeatMs: 200,
    staleAfterMs: 60_000, // the tests call recoverJobs themselves, with their own threshold
    sweepMs: 60_000,
    pollingIntervalSeconds: 0.5,
    log: () => {},
  });
});
afterAll(async () => {
  await stopJobWorkers();
  await close();
});

async function row(id: string) {
  const [r] = await db.select().from(jobRun).where(eq(jobRun.id, id));
  return r!;
}

async function until(id: string, check: (r: Awaited<ReturnType<typeof row>>) => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const r = await row(id);
    if (check(r)) return r;
    if (Date.now() > deadline) throw new Error(`job ${id} stuck: ${JSON.stringify(r)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('jobs', () => {
  it('runs a job with visible progress to success, keeping its result', async () => {
    const id = await enqueueJob(
      db,
      actor,
      SELF_TEST_KIND,
      { count: 20, stepMs: 100 },
      {
        orgId: world.units.schoolA1,
      },
    );
    const queued = await row(id);
    expect(queued).toMatchObject({ status: 'queued', kind: SELF_TEST_KIND, orgId: world.units.schoolA1 });
    expect(queued.districtId).toBe(world.districtId);
    const midway = await until(id, (r) => r.status === 'running' && r.done > 0 && r.done < 20);
    expect(midway).toMatchObject({ stage: 'counting', total: 20 });
    expect(midway.heartbeatAt).not.toBeNull();
    const finished = await until(id, (r) => r.status === 'succeeded');
    expect(finished).toMatchObject({ done: 20, total: 20, attempts: 1, error: null });
    expect(finished.result).toEqual({ counted: 20, attempt: 1, resumedFrom: null });
    expect(finished.finishedAt).not.toBeNull();
  });

  it('starts scheduled kinds on their own, once per input, as the system', async () => {
    const deadline = Date.now() + 20_000;
    while (!(scheduledRuns.includes(1) && scheduledRuns.includes(2)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(scheduledRuns).toEqual(expect.arrayContaining([1, 2]));
    const [started] = await db.select().from(jobRun).where(eq(jobRun.kind, 'test.scheduled')).limit(1);
    expect(started!.createdBy).toBeNull();
  });

  it('keeps the error of a failing job, coded', async () => {
    const id = await enqueueJob(db, actor, SELF_TEST_KIND, { count: 10, failAt: 4 });
    const failed = await until(id, (r) => r.status === 'failed');
    expect(failed.error).toMatchObject({ code: 'job.failed', message: 'self-test failure at 4' });
    expect(failed.done).toBe(3);
    expect(failed.finishedAt).not.toBeNull();
  });

  it('enqueues in the caller transaction: a rolled-back enqueue leaves neither row nor queue entry', async () => {
    let id = '';
    await db
      .transaction(async (tx) => {
        id = await enqueueJob(tx, actor, SELF_TEST_KIND, { count: 1 });
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await db.select().from(jobRun).where(eq(jobRun.id, id))).toEqual([]);
    const boss = await db.execute(sql`SELECT count(*)::int AS n FROM pgboss.job WHERE id = ${id}`);
    expect(boss.rows[0]).toEqual({ n: 0 });
  });

  it('cancels a queued job: it never runs', async () => {
    let id = '';
    await db.transaction(async (tx) => {
      id = await enqueueJob(tx, actor, SELF_TEST_KIND, { count: 1 });
      expect(await cancelJobRun(tx, id)).toBe(true);
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await row(id)).toMatchObject({ status: 'cancelled', attempts: 0 });
    expect(await db.transaction((tx) => cancelJobRun(tx, id))).toBe(false);
  });

  it('resumes a running job whose worker is gone, and fences the lost worker out', async () => {
    const id = await enqueueJob(db, actor, 'test.hangsOnce', { n: 7 });
    await until(id, (r) => r.status === 'running' && hangs.has(id));
    // The worker "dies": recovery with a zero silence threshold takes it for lost. (The hung attempt
    // is still in this process, which proves the fence: its next write finds the job taken over.)
    const boss = await bossOf();
    expect(await recoverJobs(db, { boss, staleAfterMs: 0 })).toMatchObject({ resumed: 1 });
    const resumed = await until(id, (r) => r.status === 'succeeded');
    expect(resumed.attempts).toBe(2);
    expect(resumed.result).toEqual({ n: 7, attempt: 2 });
  });

  it('fails, visibly, a running job that has no resumes left (job.interrupted)', async () => {
    const id = await enqueueJob(db, actor, 'test.hangsOnce', { n: 8 });
    await until(id, (r) => r.status === 'running' && hangs.has(id));
    // Its resumes are used up (as if it had already been resumed once before).
    await db.execute(sql`UPDATE pgboss.job SET retry_count = retry_limit WHERE id = ${id}`);
    expect(await recoverJobs(db, { boss: await bossOf(), staleAfterMs: 0 })).toMatchObject({
      failed: 1,
    });
    const failed = await row(id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'job.interrupted' });
    // The lost worker, waking up, cannot overwrite the outcome.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await row(id)).status).toBe('failed');
  });

  it('prints a progress line on the CLI and exits non-zero when the job fails', async () => {
    const lines: string[] = [];
    const out = { write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
    const ok = await enqueueJob(db, actor, SELF_TEST_KIND, { count: 5, stepMs: 50 });
    expect((await waitForJob(db, ok, { intervalMs: 50, out })).status).toBe('succeeded');
    expect(lines.join('')).toContain('\rplatform.selfTest  succeeded  counting  5/5  100%');
    expect(process.exitCode ?? 0).toBe(0);
    const bad = await enqueueJob(db, actor, SELF_TEST_KIND, { count: 5, failAt: 2 });
    await waitForJob(db, bad, { intervalMs: 50, out });
    expect(process.exitCode).toBe(1);
    expect(lines.join('')).toContain('job failed: job.failed self-test failure at 2');
    process.exitCode = 0;
  });

  it('fails a queued job whose queue entry is gone', async () => {
    const id = await enqueueJob(db, actor, SELF_TEST_KIND, { count: 1, stepMs: 0 });
    await db.execute(sql`DELETE FROM pgboss.job WHERE id = ${id}`);
    await db.execute(
      sql`UPDATE job_run SET status = 'queued', created_at = now() - interval '5 minutes' WHERE id = ${id}`,
    );
    await recoverJobs(db, { boss: await bossOf(), staleAfterMs: 30_000 });
    expect(await row(id)).toMatchObject({ status: 'failed', error: { code: 'job.interrupted' } });
  });
});

async function bossOf() {
  const { bossOn } = await import('./boss.ts');
  return bossOn(db);
}
