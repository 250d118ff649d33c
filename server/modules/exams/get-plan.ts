import { and, eq } from 'drizzle-orm';
import type { TPlanDetail, TPlanDiff, TPlanStats } from '../../../contracts/exams.ts';
import { type Actor, canAt } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { type ExamView, loadExam } from './policy.ts';
import { toPlanSummary } from './queries.ts';
import { examPlan } from './schema.ts';

/** A plan version as the organisers see it; others see published versions only. */
export async function loadPlan(
  tx: Executor,
  view: ExamView,
  version: number,
  options: { forUpdate?: boolean } = {},
) {
  const query = tx
    .select()
    .from(examPlan)
    .where(and(eq(examPlan.examId, view.exam.id), eq(examPlan.version, version)));
  const [plan] = options.forUpdate ? await query.for('update') : await query;
  if (!plan || (!view.organiser && plan.status !== 'published'))
    throw new DomainError('exams.plan_not_found');
  return plan;
}

export async function getPlan({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { examId: number; version: number };
}): Promise<TPlanDetail> {
  const view = await loadExam(tx, actor, input.examId);
  return toPlanDetail(tx, actor, view, await loadPlan(tx, view, input.version));
}

export async function toPlanDetail(
  tx: Executor,
  actor: Actor,
  view: ExamView,
  plan: typeof examPlan.$inferSelect,
): Promise<TPlanDetail> {
  const manage = await canAt(tx, actor, 'exams.manage', view.exam.orgId);
  const actions: TPlanDetail['actions'] = [];
  if (manage && plan.status === 'ready') actions.push('lock');
  if (manage && plan.status === 'locked') actions.push('publish');
  return {
    ...toPlanSummary(plan),
    examId: plan.examId,
    stats: (plan.stats as TPlanStats | null) ?? null,
    reasons: (plan.reasons as string[] | null) ?? null,
    diff: (plan.diff as TPlanDiff | null) ?? null,
    actions,
  };
}
