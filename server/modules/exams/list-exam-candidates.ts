import { and, eq, like, or, type SQL, sql } from 'drizzle-orm';
import type {
  TExamCandidate,
  TExamCandidateList,
  TExamCandidateListQuery,
} from '../../../contracts/exams.ts';
import { type Actor, intArray, subtreeUnitIds } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { offsetOf, prefixPattern, sortBy } from '../../core/lists.ts';
import { loadExam, rowsVisible } from './policy.ts';
import { currentPlan } from './queries.ts';
import { examCandidate, examRoom, examSeat, examSite } from './schema.ts';

const sortable = {
  registrationNo: examCandidate.registrationNo,
  name: examCandidate.name,
  groupCode: examCandidate.groupCode,
  ticket: examSeat.ticket,
  id: examCandidate.id,
};

/**
 * An exam's candidates with where the current plan seats them. Organisers see all; after
 * publication a school sees its own candidates and a host school those sitting at its site.
 */
export async function listExamCandidates({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TExamCandidateListQuery & { examId: number };
}): Promise<TExamCandidateList> {
  const view = await loadExam(tx, actor, input.examId);
  const plan = await currentPlan(tx, input.examId, { organiser: view.organiser });
  const conditions: SQL[] = [
    eq(examCandidate.examId, input.examId),
    await rowsVisible(tx, actor, view, examCandidate.orgId, examSite.orgId),
  ];
  if (input.orgId)
    conditions.push(sql`${examCandidate.orgId} = ANY(${intArray(await subtreeUnitIds(tx, [input.orgId]))})`);
  if (input.siteId) conditions.push(eq(examCandidate.siteId, input.siteId));
  if (input.groupCode) conditions.push(eq(examCandidate.groupCode, input.groupCode));
  if (input.q)
    conditions.push(
      or(
        eq(examCandidate.registrationNo, input.q),
        eq(examSeat.ticket, input.q),
        like(examCandidate.name, prefixPattern(input.q)),
      )!,
    );
  const where = and(...conditions);
  const base = () =>
    tx
      .select({
        id: examCandidate.id,
        registrationNo: examCandidate.registrationNo,
        name: examCandidate.name,
        gender: examCandidate.gender,
        idNumber: examCandidate.idNumberMasked,
        orgId: examCandidate.orgId,
        orgName: orgUnit.name,
        siteId: examCandidate.siteId,
        siteName: examSite.name,
        groupCode: examCandidate.groupCode,
        accommodation: examCandidate.accommodation,
        room: examRoom.roomNo,
        seat: examSeat.seatNo,
        ticket: examSeat.ticket,
      })
      .from(examCandidate)
      .innerJoin(examSite, eq(examSite.id, examCandidate.siteId))
      .innerJoin(orgUnit, eq(orgUnit.id, examCandidate.orgId))
      .leftJoin(
        examSeat,
        and(eq(examSeat.candidateId, examCandidate.id), eq(examSeat.planId, plan?.id ?? -1)),
      )
      .leftJoin(examRoom, eq(examRoom.id, examSeat.roomId));
  const [{ total }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(examCandidate)
    .innerJoin(examSite, eq(examSite.id, examCandidate.siteId))
    .leftJoin(examSeat, and(eq(examSeat.candidateId, examCandidate.id), eq(examSeat.planId, plan?.id ?? -1)))
    .where(where);
  const rows = await base()
    .where(where)
    .orderBy(...sortBy(input.sort, sortable, 'registrationNo', examCandidate.id))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  return {
    items: rows.map((r) => ({ ...r, gender: r.gender as TExamCandidate['gender'] })),
    total,
  };
}
