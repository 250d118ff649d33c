import { and, eq, inArray } from 'drizzle-orm';
import type { TCreateExamInvigilatorRequest, TExamInvigilator } from '../../../contracts/exams.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { schoolOfDistrict } from './create-exam-site.ts';
import { loadExamToManage } from './policy.ts';
import { examInvigilator, examSite } from './schema.ts';

/** Add one invigilator (lists come through the examInvigilators import). */
export async function createExamInvigilator({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TCreateExamInvigilatorRequest & { examId: number };
}): Promise<TExamInvigilator> {
  const row = await loadExamToManage(tx, actor, input.examId);
  const school = await schoolOfDistrict(tx, row.districtId, input.orgId, 'orgId');
  if (input.relativeSiteIds.length) {
    const sites = await tx
      .select({ id: examSite.id })
      .from(examSite)
      .where(and(eq(examSite.examId, input.examId), inArray(examSite.id, input.relativeSiteIds)));
    if (sites.length !== new Set(input.relativeSiteIds).size)
      throw new DomainError('exams.site_not_found', { field: 'relativeSiteIds' });
  }
  const [taken] = await tx
    .select({ id: examInvigilator.id })
    .from(examInvigilator)
    .where(and(eq(examInvigilator.examId, input.examId), eq(examInvigilator.staffNo, input.staffNo)));
  if (taken) throw new DomainError('exams.staff_no_taken', { field: 'staffNo' });
  const [created] = await tx
    .insert(examInvigilator)
    .values({
      examId: input.examId,
      districtId: row.districtId,
      orgId: input.orgId,
      staffNo: input.staffNo,
      name: input.name,
      relativeSiteIds: [...new Set(input.relativeSiteIds)],
      experienceYears: input.experienceYears,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'exams.create_invigilator',
    entityType: 'examInvigilator',
    entityId: created!.id,
    orgId: row.orgId,
    districtId: row.districtId,
    after: input,
  });
  return {
    id: created!.id,
    staffNo: created!.staffNo,
    name: created!.name,
    orgId: created!.orgId,
    orgName: school.name,
    relativeSiteIds: created!.relativeSiteIds,
    experienceYears: created!.experienceYears,
    assignments: [],
  };
}
