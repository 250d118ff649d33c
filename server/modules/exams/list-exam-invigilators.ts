import { and, eq, like, or, type SQL, sql } from 'drizzle-orm';
import type { TExamInvigilator, TExamInvigilatorListQuery } from '../../../contracts/exams.ts';
import { type Actor, intArray, subtreeUnitIds } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { offsetOf, prefixPattern, sortBy } from '../../core/lists.ts';
import { loadExam, rowsVisible } from './policy.ts';
import { currentPlan } from './queries.ts';
import { examInvigilator, examRoom, examRover, examSite } from './schema.ts';

const sortable = { staffNo: examInvigilator.staffNo, name: examInvigilator.name, id: examInvigilator.id };

/** An exam's invigilators with the rooms the current plan gives them (chief first). */
export async function listExamInvigilators({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TExamInvigilatorListQuery & { examId: number };
}): Promise<{ items: TExamInvigilator[]; total: number }> {
  const view = await loadExam(tx, actor, input.examId);
  const conditions: SQL[] = [
    eq(examInvigilator.examId, input.examId),
    await rowsVisible(tx, actor, view, examInvigilator.orgId),
  ];
  if (input.orgId)
    conditions.push(
      sql`${examInvigilator.orgId} = ANY(${intArray(await subtreeUnitIds(tx, [input.orgId]))})`,
    );
  if (input.q)
    conditions.push(
      or(eq(examInvigilator.staffNo, input.q), like(examInvigilator.name, prefixPattern(input.q)))!,
    );
  const where = and(...conditions);
  const [{ total }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(examInvigilator)
    .where(where);
  const rows = await tx
    .select({
      id: examInvigilator.id,
      staffNo: examInvigilator.staffNo,
      name: examInvigilator.name,
      orgId: examInvigilator.orgId,
      orgName: orgUnit.name,
      relativeSiteIds: examInvigilator.relativeSiteIds,
      experienceYears: examInvigilator.experienceYears,
    })
    .from(examInvigilator)
    .innerJoin(orgUnit, eq(orgUnit.id, examInvigilator.orgId))
    .where(where)
    .orderBy(...sortBy(input.sort, sortable, 'staffNo', examInvigilator.id))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  const plan = await currentPlan(tx, input.examId, { organiser: view.organiser });
  const ids = rows.map((r) => r.id);
  const rooms =
    plan && ids.length
      ? await tx
          .select({ siteName: examSite.name, room: examRoom.roomNo, invigilatorIds: examRoom.invigilatorIds })
          .from(examRoom)
          .innerJoin(examSite, eq(examSite.id, examRoom.siteId))
          .where(
            and(eq(examRoom.planId, plan.id), sql`${examRoom.invigilatorIds} && ${intArray(ids)}::bigint[]`),
          )
      : [];
  const roving =
    plan && ids.length
      ? await tx
          .select({ siteName: examSite.name, invigilatorId: examRover.invigilatorId })
          .from(examRover)
          .innerJoin(examSite, eq(examSite.id, examRover.siteId))
          .where(and(eq(examRover.planId, plan.id), sql`${examRover.invigilatorId} = ANY(${intArray(ids)})`))
      : [];
  return {
    items: rows.map((r) => ({
      ...r,
      assignments: [
        ...rooms
          .filter((room) => room.invigilatorIds.includes(r.id))
          .map((room) => ({
            siteName: room.siteName,
            room: room.room as number | null,
            role: room.invigilatorIds[0] === r.id ? ('chief' as const) : ('second' as const),
          })),
        ...roving
          .filter((rover) => rover.invigilatorId === r.id)
          .map((rover) => ({ siteName: rover.siteName, room: null, role: 'rover' as const })),
      ],
    })),
    total,
  };
}
