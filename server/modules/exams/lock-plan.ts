import { and, eq, inArray, ne } from 'drizzle-orm';
import type { TPlanDetail, TPlanStats } from '../../../contracts/exams.ts';
import { verifyPlan } from '../../../engines/seating/index.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { loadPlan, planDocuments, toPlanDetail } from './get-plan.ts';
import { loadExam, loadExamToManage } from './policy.ts';
import { exam, examPlan } from './schema.ts';

/**
 * Lock and seal a reviewed version: only a ready version whose independent check found nothing
 * broken. The seal (seed, input hash, result hash, engine version) goes into the audit trail; the
 * version is never changed again, and an earlier locked or published version is superseded.
 */
export async function lockPlan({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { examId: number; version: number };
}): Promise<TPlanDetail> {
  const row = await loadExamToManage(tx, actor, input.examId);
  const view = await loadExam(tx, actor, input.examId);
  const plan = await loadPlan(tx, view, input.version, { forUpdate: true });
  if (plan.status !== 'ready') throw new DomainError('exams.plan_wrong_status');
  const stats = plan.stats as TPlanStats;
  // Checked again here, not trusted from the run: the seal is only put on a sound plan.
  const documents = await planDocuments(tx, plan.id);
  const problems = documents.plan ? verifyPlan(documents.instance, documents.plan) : ['no plan'];
  if (problems.length || stats.adjacencies || stats.invigilatorConflicts)
    throw new DomainError('exams.plan_unsound');
  const superseded = await tx
    .update(examPlan)
    .set({ status: 'superseded' })
    .where(
      and(
        eq(examPlan.examId, input.examId),
        ne(examPlan.id, plan.id),
        inArray(examPlan.status, ['locked', 'published']),
      ),
    )
    .returning({ version: examPlan.version });
  const [locked] = await tx
    .update(examPlan)
    .set({ status: 'locked', lockedAt: new Date(), lockedBy: actor.accountId })
    .where(eq(examPlan.id, plan.id))
    .returning({ lockedAt: examPlan.lockedAt });
  await tx.update(exam).set({ status: 'locked', updatedAt: new Date() }).where(eq(exam.id, input.examId));
  await recordAudit(tx, actor, {
    action: 'exams.lock_plan',
    entityType: 'examPlan',
    entityId: plan.id,
    orgId: row.orgId,
    districtId: row.districtId,
    before: { status: plan.status },
    after: {
      examId: input.examId,
      version: plan.version,
      seed: plan.seed,
      inputHash: plan.inputHash,
      resultHash: plan.resultHash,
      engineVersion: plan.engineVersion,
      superseded: superseded.map((s) => s.version),
    },
  });
  return toPlanDetail(
    tx,
    actor,
    { exam: { ...row, status: 'locked' }, organiser: true },
    {
      ...plan,
      status: 'locked',
      lockedAt: locked!.lockedAt,
      lockedBy: actor.accountId,
    },
  );
}

/** Publish the locked version to the schools: they then see their candidates' rooms and tickets. */
export async function publishPlan({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { examId: number; version: number };
}): Promise<TPlanDetail> {
  const row = await loadExamToManage(tx, actor, input.examId);
  const view = await loadExam(tx, actor, input.examId);
  const plan = await loadPlan(tx, view, input.version, { forUpdate: true });
  if (plan.status !== 'locked') throw new DomainError('exams.plan_wrong_status');
  const [published] = await tx
    .update(examPlan)
    .set({ status: 'published', publishedAt: new Date() })
    .where(eq(examPlan.id, plan.id))
    .returning({ publishedAt: examPlan.publishedAt });
  await tx.update(exam).set({ status: 'published', updatedAt: new Date() }).where(eq(exam.id, input.examId));
  await recordAudit(tx, actor, {
    action: 'exams.publish_plan',
    entityType: 'examPlan',
    entityId: plan.id,
    orgId: row.orgId,
    districtId: row.districtId,
    before: { status: 'locked' },
    after: { examId: input.examId, version: plan.version, resultHash: plan.resultHash },
  });
  return toPlanDetail(
    tx,
    actor,
    { exam: { ...row, status: 'published' }, organiser: true },
    {
      ...plan,
      status: 'published',
      publishedAt: published!.publishedAt,
    },
  );
}
