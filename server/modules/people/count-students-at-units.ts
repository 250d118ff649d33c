import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.ts';
import { personCount } from './schema.ts';

/**
 * Active students of one grade at each of some units (their own rows, not the subtree), from the
 * counts the `person` triggers keep: e.g. a primary school's grade-6 leavers, which enrollment's
 * feeder quotas (对口直升) start from. Units without such students are absent from the map.
 */
export async function countStudentsAtUnits(
  tx: Executor,
  input: { unitIds: number[]; grade: number },
): Promise<Map<number, number>> {
  if (!input.unitIds.length) return new Map();
  const rows = await tx
    .select({ orgId: personCount.orgId, n: sql<number>`sum(${personCount.n})::int` })
    .from(personCount)
    .where(
      and(
        inArray(personCount.orgId, input.unitIds),
        eq(personCount.kind, 'student'),
        eq(personCount.status, 'active'),
        eq(personCount.grade, input.grade),
      ),
    )
    .groupBy(personCount.orgId);
  return new Map(rows.map((r) => [r.orgId, Number(r.n)]));
}
