import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { TExamRules, TPlanDetail, TPlanDiff, TPlanStats } from '../../../contracts/exams.ts';
import type { SeatingInstance, SeatingPlan } from '../../../engines/seating/index.ts';
import { type Actor, canAt } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { type ExamView, loadExam } from './policy.ts';
import { toPlanSummary } from './queries.ts';
import { examPlan } from './schema.ts';

/**
 * Every column of a version but the engine's input and output (megabytes at the 中考's scale, parsed
 * on each read: fetch them only where needed, with `planDocuments`), plus the rules it ran with.
 */
const { instance: _instance, plan: _plan, ...lightColumns } = getTableColumns(examPlan);
const planColumns = { ...lightColumns, rules: sql<TExamRules>`${examPlan.instance}->'rules'` };
export type PlanRow = Awaited<ReturnType<typeof loadPlan>>;

/** A plan version as the organisers see it; others see published versions only. */
export async function loadPlan(
  tx: Executor,
  view: ExamView,
  version: number,
  options: { forUpdate?: boolean } = {},
) {
  const query = tx
    .select(planColumns)
    .from(examPlan)
    .where(and(eq(examPlan.examId, view.exam.id), eq(examPlan.version, version)));
  const [plan] = options.forUpdate ? await query.for('update') : await query;
  if (!plan || (!view.organiser && plan.status !== 'published'))
    throw new DomainError('exams.plan_not_found');
  return plan;
}

/** The engine's exact input and output of a version (for the seal check and the bundle). */
export async function planDocuments(tx: Executor, planId: number) {
  const [row] = await tx
    .select({ instance: examPlan.instance, plan: examPlan.plan })
    .from(examPlan)
    .where(eq(examPlan.id, planId));
  return { instance: row!.instance as SeatingInstance, plan: (row!.plan as SeatingPlan | null) ?? null };
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
  plan: PlanRow,
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
