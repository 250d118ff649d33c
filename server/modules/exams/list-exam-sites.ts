import { and, eq, like, or, sql } from 'drizzle-orm';
import type { TExamSite, TExamSiteListQuery } from '../../../contracts/exams.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { offsetOf, prefixPattern, sortBy } from '../../core/lists.ts';

import { loadExam, rowsVisible } from './policy.ts';
import { candidatesAtSite } from './queries.ts';
import { examSite } from './schema.ts';

const sortable = {
  code: examSite.code,
  name: examSite.name,
  rooms: examSite.rooms,
  candidates: candidatesAtSite,
};

/** The sites of an exam: all for organisers; a host school sees its own site once published. */
export async function listExamSites({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TExamSiteListQuery & { examId: number };
}): Promise<{ items: TExamSite[]; total: number }> {
  const view = await loadExam(tx, actor, input.examId);
  const where = and(
    eq(examSite.examId, input.examId),
    await rowsVisible(tx, actor, view, examSite.orgId),
    input.q ? or(eq(examSite.code, input.q), like(examSite.name, prefixPattern(input.q))) : undefined,
  );
  const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(examSite).where(where);
  const items = await tx
    .select({
      id: examSite.id,
      orgId: examSite.orgId,
      orgName: orgUnit.name,
      code: examSite.code,
      name: examSite.name,
      rooms: examSite.rooms,
      accessibleRooms: examSite.accessibleRooms,
      address: examSite.address,
      candidates: candidatesAtSite,
    })
    .from(examSite)
    .innerJoin(orgUnit, eq(orgUnit.id, examSite.orgId))
    .where(where)
    .orderBy(...sortBy(input.sort, sortable, 'code', examSite.id))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  return { items, total };
}
