import { and, count, desc, eq, or, type SQL } from 'drizzle-orm';
import type { TJobList } from '../../../contracts/jobs.ts';
import { type Actor, scopeFilter } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { jobRun } from '../../core/jobs/index.ts';
import { presentJob } from './get-job.ts';
import { jobReadPermission } from './policy.ts';

/** My jobs (default), or every job I may see: mine and those of units in my oversight scope. */
export async function listJobs({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { page: number; pageSize: number; mine: boolean; status?: string; kind?: string };
}): Promise<TJobList> {
  const mineCondition = actor.accountId === null ? undefined : eq(jobRun.createdBy, actor.accountId);
  const visible = input.mine
    ? mineCondition
    : or(mineCondition, await scopeFilter(tx, actor, jobReadPermission, jobRun.orgId));
  const conditions: (SQL | undefined)[] = [
    visible ?? eq(jobRun.id, '00000000-0000-0000-0000-000000000000'),
    input.status ? eq(jobRun.status, input.status) : undefined,
    input.kind ? eq(jobRun.kind, input.kind) : undefined,
  ];
  const where = and(...conditions);
  const [total] = await tx.select({ n: count() }).from(jobRun).where(where);
  const rows = await tx
    .select()
    .from(jobRun)
    .where(where)
    .orderBy(desc(jobRun.createdAt), desc(jobRun.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const items = [];
  for (const row of rows) items.push(await presentJob(tx, actor, row));
  return { items, total: total?.n ?? 0 };
}
