import { and, eq } from 'drizzle-orm';
import type { TCreateExamRequest, TExamDetail } from '../../../contracts/exams.ts';
import { type Actor, authorize } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { toExamDetail } from './queries.ts';
import { exam, examSession } from './schema.ts';

/** A new exam in draft: its organising unit, rules and sessions. Sites and candidates come next. */
export async function createExam({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TCreateExamRequest;
}): Promise<TExamDetail> {
  await authorize(tx, actor, 'exams.manage', input.orgId, 'org.unit_not_found');
  const [unit] = await tx
    .select({ districtId: orgUnit.districtId })
    .from(orgUnit)
    .where(eq(orgUnit.id, input.orgId));
  const [taken] = await tx
    .select({ id: exam.id })
    .from(exam)
    .where(and(eq(exam.districtId, unit!.districtId), eq(exam.code, input.code)));
  if (taken) throw new DomainError('exams.code_taken', { field: 'code' });
  const [row] = await tx
    .insert(exam)
    .values({
      districtId: unit!.districtId,
      orgId: input.orgId,
      code: input.code,
      name: input.name,
      kind: input.kind,
      year: input.year,
      rules: input.rules,
      createdBy: actor.accountId,
    })
    .returning();
  if (input.sessions.length)
    await tx.insert(examSession).values(
      input.sessions.map((s) => ({
        examId: row!.id,
        subject: s.subject,
        startsAt: new Date(s.startsAt),
        endsAt: new Date(s.endsAt),
      })),
    );
  await recordAudit(tx, actor, {
    action: 'exams.create',
    entityType: 'exam',
    entityId: row!.id,
    orgId: input.orgId,
    districtId: unit!.districtId,
    after: input,
  });
  return toExamDetail(tx, actor, row!, true);
}
