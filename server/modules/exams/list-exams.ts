import { and, eq, like, or, type SQL, sql } from 'drizzle-orm';
import type { TExamList, TExamListQuery } from '../../../contracts/exams.ts';
import { type Actor, hasPermission, scopeFilter } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { mapInOrder, offsetOf, prefixPattern, sortBy } from '../../core/lists.ts';
import { toExam } from './queries.ts';
import { exam } from './schema.ts';

const sortable = { year: exam.year, code: exam.code, name: exam.name, status: exam.status, id: exam.id };

/** Exams the actor organises, and the published exams of their district (see policy.ts). */
export async function listExams({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TExamListQuery;
}): Promise<TExamList> {
  const visible: SQL[] = [await scopeFilter(tx, actor, 'exams.read', exam.orgId)];
  if (hasPermission(actor, 'exams.read'))
    visible.push(
      and(
        eq(exam.status, 'published'),
        actor.districtId === null ? sql`true` : eq(exam.districtId, actor.districtId),
      )!,
    );
  const conditions: SQL[] = [or(...visible)!];
  if (input.kind) conditions.push(eq(exam.kind, input.kind));
  if (input.year) conditions.push(eq(exam.year, input.year));
  if (input.status) conditions.push(eq(exam.status, input.status));
  if (input.q) conditions.push(or(eq(exam.code, input.q), like(exam.name, prefixPattern(input.q)))!);
  const where = and(...conditions);
  const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(exam).where(where);
  const rows = await tx
    .select()
    .from(exam)
    .where(where)
    .orderBy(...sortBy(input.sort ?? '-year', sortable, 'year', exam.id))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  return { items: await mapInOrder(rows, (row) => toExam(tx, actor, row)), total };
}
