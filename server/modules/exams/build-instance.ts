import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { TExamRules } from '../../../contracts/exams.ts';
import type { SeatingInstance } from '../../../engines/seating/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import type { ExamRow } from './policy.ts';
import { examCandidate, examInvigilator, examSite } from './schema.ts';

/**
 * The engine instance of an exam as it stands: public identifiers only (site codes, school codes,
 * registration and staff numbers — no names, no ID numbers), in a fixed order, so that the same
 * data always gives the same bytes, the same `inputHash` and, with the seed, the same plan.
 */
export async function buildInstance(tx: Executor, row: ExamRow, seed: string): Promise<SeatingInstance> {
  const rules = row.rules as TExamRules;
  const sites = await tx
    .select({ id: examSite.id, code: examSite.code, rooms: examSite.rooms, school: orgUnit.code })
    .from(examSite)
    .innerJoin(orgUnit, eq(orgUnit.id, examSite.orgId))
    .where(eq(examSite.examId, row.id))
    .orderBy(asc(examSite.code));
  const siteCode = new Map(sites.map((s) => [s.id, s.code]));
  const candidates = await tx
    .select({
      registrationNo: examCandidate.registrationNo,
      school: orgUnit.code,
      siteId: examCandidate.siteId,
      group: examCandidate.groupCode,
      accommodation: examCandidate.accommodation,
    })
    .from(examCandidate)
    .innerJoin(orgUnit, eq(orgUnit.id, examCandidate.orgId))
    .where(eq(examCandidate.examId, row.id))
    .orderBy(asc(examCandidate.registrationNo));
  const invigilators = await tx
    .select({
      staffNo: examInvigilator.staffNo,
      school: orgUnit.code,
      relatives: examInvigilator.relativeSiteIds,
    })
    .from(examInvigilator)
    .innerJoin(orgUnit, eq(orgUnit.id, examInvigilator.orgId))
    .where(eq(examInvigilator.examId, row.id))
    .orderBy(asc(examInvigilator.staffNo));
  return {
    seed,
    rules: {
      rows: rules.rows,
      cols: rules.cols,
      adjacency: rules.adjacency,
      invigilatorsPerRoom: rules.invigilatorsPerRoom,
      backupRoomsPerSite: rules.backupRoomsPerSite,
      ticketPattern: rules.ticketPattern,
      // Only when asked for: an instance without rovers stays byte for byte what it always was.
      ...(rules.roversPerSite ? { roversPerSite: rules.roversPerSite } : {}),
    },
    sites: sites.map((s) => ({ id: s.code, schoolId: s.school, rooms: s.rooms })),
    candidates: candidates.map((c) => ({
      id: c.registrationNo,
      schoolId: c.school,
      siteId: siteCode.get(c.siteId)!,
      group: c.group,
      special: Boolean(c.accommodation),
    })),
    invigilators: invigilators.map((i) => ({
      id: i.staffNo,
      schoolId: i.school,
      relativeSiteIds: i.relatives
        .map((id) => siteCode.get(id)!)
        .filter(Boolean)
        .sort(),
    })),
  };
}

/** SHA-256 of the instance's JSON: what the seal records as the arrangement's input. */
export function inputHashOf(instance: SeatingInstance): string {
  return createHash('sha256').update(JSON.stringify(instance)).digest('hex');
}
