import type { Actor } from '../../core/access/index.ts';
import { canAt } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';

/**
 * Who may see and cancel a job: the account that started it, and — for jobs owned by a unit —
 * oversight over that unit (see: audit.read, cancel: org.manage, each through the unit's subtree).
 */
export const jobReadPermission = 'audit.read' as const;
export const jobCancelPermission = 'org.manage' as const;

interface JobOwner {
  createdBy: number | null;
  orgId: number | null;
  status: string;
}

export async function canSeeJob(tx: Executor, actor: Actor, job: JobOwner): Promise<boolean> {
  if (actor.accountId !== null && job.createdBy === actor.accountId) return true;
  return job.orgId !== null && canAt(tx, actor, jobReadPermission, job.orgId);
}

export async function jobActions(tx: Executor, actor: Actor, job: JobOwner): Promise<'cancel'[]> {
  if (job.status !== 'queued' && job.status !== 'running') return [];
  const mine = actor.accountId !== null && job.createdBy === actor.accountId;
  if (mine || (job.orgId !== null && (await canAt(tx, actor, jobCancelPermission, job.orgId))))
    return ['cancel'];
  return [];
}
