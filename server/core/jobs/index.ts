import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/index.ts';
import { bossOn } from './boss.ts';
import { jobRun } from './schema.ts';

/**
 * Long work as a job with progress (ARCHITECTURE rule 8). A module defines a kind once
 * (`defineJob`), starts one with `enqueueJob` inside its own transaction, and hands the job id to
 * the web (`<JobProgress id>`) or the CLI (`waitForJob`). pg-boss queues and resumes it; `job_run`
 * is what users see. See docs/modules/jobs.md for restart recovery.
 */

export { enqueueJob } from './enqueue.ts';
export { type JobError, jobError } from './errors.ts';
export { recoverJobs } from './recovery.ts';
export type { JobContext, JobDefinition, JobProgress } from './registry.ts';
export { defineJob, jobDefinition, jobDefinitions } from './registry.ts';
export { jobRun } from './schema.ts';
export { registerSelfTestJob, SELF_TEST_KIND } from './self-test.ts';
export { startJobWorkers, stopJobWorkers } from './worker.ts';

/**
 * Cancel a queued or running job (a running one stops at its next progress report). Returns false
 * when the job had already ended.
 */
export async function cancelJobRun(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx
    .update(jobRun)
    .set({ status: 'cancelled', finishedAt: new Date() })
    .where(and(eq(jobRun.id, id), inArray(jobRun.status, ['queued', 'running'])))
    .returning({ kind: jobRun.kind });
  const row = rows[0];
  if (!row) return false;
  await bossOn(tx).cancel(row.kind, id);
  return true;
}
