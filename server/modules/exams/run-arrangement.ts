import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TPlanStats } from '../../../contracts/exams.ts';
import { arrange, ENGINE_VERSION, type SeatingInstance } from '../../../engines/seating/index.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { defineJob, enqueueJob, jobRun } from '../../core/jobs/index.ts';
import { buildInstance, inputHashOf } from './build-instance.ts';
import { planStats } from './plan-stats.ts';
import { loadExamToManage } from './policy.ts';
import { toPlanSummary } from './queries.ts';
import { exam, examPlan } from './schema.ts';
import { diffAgainstPrevious, instanceNames, storeRoomsAndSeats } from './store-plan.ts';

/**
 * Run the arrangement: the exam's data is frozen into a new plan version (its instance and input
 * hash recorded at once), then a job runs the engine and stores the result for review. The seed is
 * the one drawn in front of the supervisors, or 128 random bits.
 */
export async function runArrangement({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { examId: number; seed?: string };
}) {
  const plan = await createPlanVersion(tx, actor, input.examId, input.seed);
  const jobId = await enqueueJob(tx, actor, arrangeJob.kind, { planId: plan.id }, { orgId: plan.orgId });
  await tx.update(examPlan).set({ jobId }).where(eq(examPlan.id, plan.id));
  return { plan: toPlanSummary({ ...plan, jobId }), jobId };
}

export async function createPlanVersion(tx: Tx, actor: Actor, examId: number, seed?: string) {
  const row = await loadExamToManage(tx, actor, examId);
  // A run whose job died is failed, so that it does not block the next one.
  await tx.execute(sql`
    UPDATE exam_plan p SET status = 'failed', reasons = '["the arrangement job stopped before finishing"]'::jsonb
    FROM ${jobRun} j
    WHERE p.exam_id = ${examId} AND p.status = 'running' AND j.id::text = p.job_id
      AND j.status IN ('failed', 'cancelled')`);
  const [running] = await tx
    .select({ id: examPlan.id })
    .from(examPlan)
    .where(and(eq(examPlan.examId, examId), eq(examPlan.status, 'running')));
  if (running) throw new DomainError('exams.run_in_progress');
  const chosenSeed = (seed ?? randomBytes(16).toString('hex')).toLowerCase();
  const instance = await buildInstance(tx, row, chosenSeed);
  if (instance.sites.length === 0 || instance.candidates.length === 0)
    throw new DomainError('exams.nothing_to_arrange');
  const inputHash = inputHashOf(instance);
  const [{ next }] = await tx
    .select({ next: sql<number>`coalesce(max(${examPlan.version}), 0)::int + 1` })
    .from(examPlan)
    .where(eq(examPlan.examId, examId));
  const [plan] = await tx
    .insert(examPlan)
    .values({
      examId,
      version: next,
      status: 'running',
      seed: chosenSeed,
      inputHash,
      engineVersion: ENGINE_VERSION,
      instance,
      createdBy: actor.accountId,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'exams.run_arrangement',
    entityType: 'examPlan',
    entityId: plan!.id,
    orgId: row.orgId,
    districtId: row.districtId,
    after: { examId, version: next, seed: chosenSeed, inputHash, candidates: instance.candidates.length },
  });
  return { ...plan!, orgId: row.orgId };
}

/**
 * The engine's run for one version, then its rooms and seats, review statistics and the diff
 * against the previous version. An instance whose rules cannot be met leaves the version failed
 * with the reasons (the rule and the place), never a half plan.
 */
export async function completePlan(tx: Tx, actor: Actor, planId: number): Promise<void> {
  const [plan] = await tx.select().from(examPlan).where(eq(examPlan.id, planId)).for('update');
  if (plan?.status !== 'running') return;
  const [row] = await tx.select().from(exam).where(eq(exam.id, plan.examId));
  const instance = plan.instance as SeatingInstance;
  const result = arrange(instance);
  if (!result.ok) {
    await tx
      .update(examPlan)
      .set({ status: 'failed', reasons: result.reasons })
      .where(eq(examPlan.id, planId));
    await recordAudit(tx, actor, {
      action: 'exams.arrangement_failed',
      entityType: 'examPlan',
      entityId: planId,
      orgId: row!.orgId,
      districtId: row!.districtId,
      after: { version: plan.version, reasons: result.reasons.slice(0, 20) },
    });
    return;
  }
  await storeRoomsAndSeats(tx, planId, plan.examId, result.plan);
  const stats: TPlanStats = planStats(
    instance,
    result.plan,
    await instanceNames(tx, plan.examId, row!.districtId),
  );
  const diff = await diffAgainstPrevious(tx, plan.examId, plan.version, result.plan);
  await tx
    .update(examPlan)
    .set({ status: 'ready', plan: result.plan, resultHash: result.plan.resultHash, stats, diff })
    .where(eq(examPlan.id, planId));
  if (row!.status === 'draft') await tx.update(exam).set({ status: 'arranged' }).where(eq(exam.id, row!.id));
  await recordAudit(tx, actor, {
    action: 'exams.arrangement_ready',
    entityType: 'examPlan',
    entityId: planId,
    orgId: row!.orgId,
    districtId: row!.districtId,
    after: {
      version: plan.version,
      resultHash: result.plan.resultHash,
      rooms: stats.rooms,
      adjacencies: stats.adjacencies,
      invigilatorConflicts: stats.invigilatorConflicts,
    },
  });
}

export const arrangeJob = defineJob({
  kind: 'exams.arrange',
  input: z.object({ planId: z.number().int() }),
  resumeLimit: 1,
  run: async ({ input, db, actor, progress }) => {
    await progress({ stage: 'arrange', done: 0, total: 1 });
    await db.transaction((tx) => completePlan(tx, actor, input.planId));
    await progress({ stage: 'arrange', done: 1, total: 1 });
    const [plan] = await db
      .select({ status: examPlan.status, resultHash: examPlan.resultHash })
      .from(examPlan)
      .where(eq(examPlan.id, input.planId));
    return plan;
  },
});
