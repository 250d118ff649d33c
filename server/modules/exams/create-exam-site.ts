import { and, eq } from 'drizzle-orm';
import type { TCreateExamSiteRequest, TExamSite } from '../../../contracts/exams.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { loadExamToManage } from './policy.ts';
import { examSite } from './schema.ts';

/** A school of the exam's district, or a coded refusal naming the field. */
export async function schoolOfDistrict(tx: Executor, districtId: number, orgId: number, field: string) {
  const [unit] = await tx
    .select({ id: orgUnit.id, kind: orgUnit.kind, name: orgUnit.name, districtId: orgUnit.districtId })
    .from(orgUnit)
    .where(eq(orgUnit.id, orgId));
  if (!unit || unit.districtId !== districtId) throw new DomainError('org.unit_not_found', { field });
  if (unit.kind !== 'school') throw new DomainError('exams.not_a_school', { field });
  return unit;
}

/** 考点: a host school offering rooms. Its code becomes the site's part of every ticket number. */
export async function createExamSite({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TCreateExamSiteRequest & { examId: number };
}): Promise<TExamSite> {
  const row = await loadExamToManage(tx, actor, input.examId);
  const unit = await schoolOfDistrict(tx, row.districtId, input.orgId, 'orgId');
  const [taken] = await tx
    .select({ id: examSite.id })
    .from(examSite)
    .where(and(eq(examSite.examId, input.examId), eq(examSite.code, input.code)));
  if (taken) throw new DomainError('exams.site_code_taken', { field: 'code' });
  if (input.accessibleRooms > input.rooms)
    throw new DomainError('request.invalid', { field: 'accessibleRooms' });
  const [site] = await tx
    .insert(examSite)
    .values({
      examId: input.examId,
      districtId: row.districtId,
      orgId: input.orgId,
      code: input.code,
      name: input.name,
      rooms: input.rooms,
      accessibleRooms: input.accessibleRooms,
      address: input.address ?? null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'exams.create_site',
    entityType: 'examSite',
    entityId: site!.id,
    orgId: row.orgId,
    districtId: row.districtId,
    after: input,
  });
  return { ...site!, orgName: unit.name, candidates: 0 };
}
