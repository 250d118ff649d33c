import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../access/index.ts';
import type { Executor, Tx } from '../db/index.ts';
import { orgUnit } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { bossOn } from './boss.ts';
import { DEFAULT_EXPIRE_SECONDS, DEFAULT_RESUME_LIMIT, jobDefinition } from './registry.ts';
import { jobRun } from './schema.ts';

/**
 * Long work as a job with progress (ARCHITECTURE rule 8). A module defines a kind once
 * (`defineJob`), starts one with `enqueueJob` inside its own transaction, and hands the job id to
 * the web (`<JobProgress id>`) or the CLI (`waitForJob`). pg-boss queues and resumes it; `job_run`
 * is what users see. See docs/modules/jobs.md for restart recovery.
 */

export { type JobError, jobError } from './errors.ts';
export { recoverJobs } from './recovery.ts';
export type { JobContext, JobDefinition, JobProgress } from './registry.ts';
export { defineJob, jobDefinition, jobDefinitions } from './registry.ts';
export { jobRun } from './schema.ts';
export { registerSelfTestJob, SELF_TEST_KIND } from './self-test.ts';
export { startJobWorkers, stopJobWorkers } from './worker.ts';

/**
 * Queue a job: inserts its `job_run` (status queued) and the pg-boss entry in the caller's
 * transaction (or a new one on a Db), so both commit or neither. Returns the job id.
 */
export async function enqueueJob(
  executor: Executor,
  actor: Actor,
  kind: string,
  input: unknown,
  options: { orgId?: number | null; singletonKey?: string } = {},
): Promise<string> {
  const definition = jobDefinition(kind);
  if (!definition) throw new Error(`unknown job kind ${kind}: define it with defineJob first`);
  const parsed = definition.input.parse(input);
  const id = randomUUID();
  const orgId = options.orgId ?? actor.orgId ?? null;
  return executor.transaction(async (tx) => {
    let districtId = actor.districtId;
    if (districtId === null && orgId !== null) {
      const [unit] = await tx
        .select({ districtId: orgUnit.districtId })
        .from(orgUnit)
        .where(eq(orgUnit.id, orgId));
      districtId = unit?.districtId ?? null;
    }
    await tx.insert(jobRun).values({
      id,
      kind,
      status: 'queued',
      orgId,
      districtId,
      input: parsed as object,
      createdBy: actor.accountId,
    });
    await sendToBoss(tx, kind, id, {
      retryLimit: definition.resumeLimit ?? DEFAULT_RESUME_LIMIT,
      expireInSeconds: definition.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
      singletonKey: options.singletonKey,
    });
    return id;
  });
}

async function sendToBoss(
  tx: Tx,
  kind: string,
  id: string,
  options: { retryLimit: number; expireInSeconds: number; singletonKey?: string },
): Promise<void> {
  const boss = bossOn(tx);
  const send = () =>
    boss.send(
      kind,
      { jobRunId: id },
      {
        id,
        retryLimit: options.retryLimit,
        retryDelay: 0,
        expireInSeconds: options.expireInSeconds,
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      },
    );
  if (await send()) return;
  // No row: the queue does not exist yet (first job of this kind), or a singleton is taken.
  await boss.createQueue(kind, { name: kind, policy: 'standard' });
  if (await send()) return;
  throw new DomainError('jobs.already_queued');
}

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
