import { eq } from 'drizzle-orm';
import type { TJobError, TJobRun } from '../../../contracts/jobs.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { jobRun } from '../../core/jobs/index.ts';
import { canSeeJob, jobActions } from './policy.ts';

type JobRow = typeof jobRun.$inferSelect;

/** A job_run row as the API shows it, with the actions this actor may take. */
export async function presentJob(tx: Executor, actor: Actor, row: JobRow): Promise<TJobRun> {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as TJobRun['status'],
    stage: row.stage,
    done: row.done,
    total: row.total,
    result: row.result ?? null,
    error: (row.error as TJobError | null) ?? null,
    attempts: row.attempts,
    orgId: row.orgId,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    actions: await jobActions(tx, actor, row),
  };
}

/** One job's status and progress; out-of-scope jobs answer as not found. */
export async function getJob({ actor, tx, input }: { actor: Actor; tx: Executor; input: { id: string } }) {
  const [row] = await tx.select().from(jobRun).where(eq(jobRun.id, input.id));
  if (!row || !(await canSeeJob(tx, actor, row))) throw new DomainError('jobs.not_found');
  return presentJob(tx, actor, row);
}
