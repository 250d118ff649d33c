import { and, eq } from 'drizzle-orm';
import type { TCreateExamCandidateRequest, TExamCandidate } from '../../../contracts/exams.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { sealCandidateId, takenInExam, validCandidateId } from './candidates.ts';
import { schoolOfDistrict } from './create-exam-site.ts';
import { loadExamToManage } from './policy.ts';
import { examCandidate, examSite } from './schema.ts';

/** Register one candidate (the form; lists of thousands come through the examCandidates import). */
export async function createExamCandidate({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TCreateExamCandidateRequest & { examId: number };
}): Promise<TExamCandidate> {
  const row = await loadExamToManage(tx, actor, input.examId);
  const school = await schoolOfDistrict(tx, row.districtId, input.orgId, 'orgId');
  const [site] = await tx
    .select()
    .from(examSite)
    .where(and(eq(examSite.id, input.siteId), eq(examSite.examId, input.examId)));
  if (!site) throw new DomainError('exams.site_not_found', { field: 'siteId' });
  if (input.idNumber && !validCandidateId(input.idNumber))
    throw new DomainError('people.id_number_invalid', { field: 'idNumber' });
  const sealed = sealCandidateId(input.idNumber);
  const taken = await takenInExam(
    tx,
    input.examId,
    [input.registrationNo],
    sealed.idNumberHash ? [sealed.idNumberHash] : [],
  );
  if (taken.registrations.size)
    throw new DomainError('exams.registration_taken', { field: 'registrationNo' });
  if (taken.idHashes.size) throw new DomainError('exams.id_number_taken', { field: 'idNumber' });
  const [created] = await tx
    .insert(examCandidate)
    .values({
      examId: input.examId,
      districtId: row.districtId,
      orgId: input.orgId,
      siteId: input.siteId,
      registrationNo: input.registrationNo,
      name: input.name,
      gender: input.gender ?? null,
      ...sealed,
      groupCode: input.groupCode,
      accommodation: input.accommodation || null,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'exams.create_candidate',
    entityType: 'examCandidate',
    entityId: created!.id,
    orgId: row.orgId,
    districtId: row.districtId,
    after: { ...input, idNumber: sealed.idNumberMasked },
  });
  return {
    id: created!.id,
    registrationNo: created!.registrationNo,
    name: created!.name,
    gender: created!.gender as TExamCandidate['gender'],
    idNumber: created!.idNumberMasked,
    orgId: created!.orgId,
    orgName: school.name,
    siteId: site.id,
    siteName: site.name,
    groupCode: created!.groupCode,
    accommodation: created!.accommodation,
    room: null,
    seat: null,
    ticket: null,
  };
}
