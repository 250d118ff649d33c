import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/index.ts';

/**
 * Active students per 学区 (the zone their unit sits under today), optionally of one birth window
 * (an entry cohort) or one grade: what other modules forecast from (enrollment's seat supply)
 * without reading the person table themselves.
 */
export async function countStudentsPerZone(
  tx: Executor,
  input: { districtId: number; bornAfter?: string; bornOnOrBefore?: string; grade?: number },
): Promise<Map<number, number>> {
  const { rows } = await tx.execute<{ zone_id: number; n: number }>(sql`
    SELECT l.parent_id AS zone_id, count(*)::int AS n
    FROM person p
    JOIN org_link l ON l.unit_id = p.org_id AND l.valid_to IS NULL
    JOIN org_unit z ON z.id = l.parent_id AND z.kind = 'zone'
    WHERE p.district_id = ${input.districtId} AND p.kind = 'student' AND p.status = 'active'
      ${input.bornAfter ? sql`AND p.birth_date > ${input.bornAfter}::date` : sql``}
      ${input.bornOnOrBefore ? sql`AND p.birth_date <= ${input.bornOnOrBefore}::date` : sql``}
      ${input.grade === undefined ? sql`` : sql`AND p.grade = ${input.grade}`}
    GROUP BY l.parent_id`);
  return new Map(rows.map((r) => [Number(r.zone_id), Number(r.n)]));
}
