import { eq } from 'drizzle-orm';
import type { TJobRun } from '../../../contracts/jobs.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { cancelJobRun, jobRun } from '../../core/jobs/index.ts';
import { getJob } from './get-job.ts';

/** Cancel a queued job (a running one stops at its next progress report); audited. */
export async function cancelJob({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: string };
}): Promise<TJobRun> {
  const before = await getJob({ actor, tx, input });
  if (!before.actions.includes('cancel')) {
    if (before.status === 'queued' || before.status === 'running') throw new DomainError('auth.forbidden');
    throw new DomainError('jobs.not_cancellable');
  }
  if (!(await cancelJobRun(tx, input.id))) throw new DomainError('jobs.not_cancellable');
  await recordAudit(tx, actor, {
    action: 'jobs.cancel',
    entityType: 'jobRun',
    entityId: input.id,
    orgId: before.orgId,
    before: { status: before.status, kind: before.kind },
    after: { status: 'cancelled' },
  });
  const [row] = await tx.select().from(jobRun).where(eq(jobRun.id, input.id));
  return { ...before, status: 'cancelled', finishedAt: row!.finishedAt?.toISOString() ?? null, actions: [] };
}
