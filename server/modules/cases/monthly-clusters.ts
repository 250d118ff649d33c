import { sql } from 'drizzle-orm';
import type { TClusters } from '../../../contracts/cases.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { caseVisible } from './policy.ts';
import { caseRecord } from './schema.ts';

/** Topics per school kept on the board, at most. */
const TOPICS_PER_SCHOOL = 3;

/**
 * 每月一题 / 未诉先办 board data: for one month, the words that recur in the cases about one school
 * (jieba words of title and content), at least `minCases` times, with the category most of those
 * cases carry — the clusters a unit should act on before the next complaints come.
 */
export async function monthlyClusters({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { month: string; minCases: number };
}): Promise<TClusters> {
  const start = new Date(`${input.month}-01T00:00:00+08:00`);
  const [y, m] = input.month.split('-').map(Number) as [number, number];
  const end = new Date(
    `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01T00:00:00+08:00`,
  );
  const visible = await caseVisible(tx, actor, caseRecord);
  const { rows } = await tx.execute<{
    org_id: number;
    org_name: string;
    topic: string;
    category_code: string | null;
    count: number;
    case_ids: number[];
  }>(sql`
    WITH month_cases AS (
      SELECT case_record.id, coalesce(subject_org_id, org_id) AS unit, category_code, words
      FROM case_record
      WHERE ${visible} AND merged_into_id IS NULL
        AND received_at >= ${start.toISOString()} AND received_at < ${end.toISOString()}
    ), hits AS (
      SELECT unit, w AS topic, count(*)::int AS count, array_agg(id ORDER BY id) AS ids,
        mode() WITHIN GROUP (ORDER BY category_code) AS category_code
      FROM month_cases, unnest(words) w
      GROUP BY unit, w HAVING count(*) >= ${input.minCases}
    ), ranked AS (
      SELECT *, row_number() OVER (PARTITION BY unit ORDER BY count DESC, topic) AS n FROM hits
    )
    SELECT r.unit AS org_id, u.name AS org_name, r.topic, r.category_code, r.count, r.ids[1:20] AS case_ids
    FROM ranked r JOIN org_unit u ON u.id = r.unit
    WHERE r.n <= ${TOPICS_PER_SCHOOL} AND u.kind NOT IN ('district', 'department')
    ORDER BY r.count DESC, r.unit, r.topic
    LIMIT 200`);
  return {
    month: input.month,
    items: rows.map((r) => ({
      orgId: Number(r.org_id),
      orgName: r.org_name,
      topic: r.topic,
      categoryCode: r.category_code,
      count: Number(r.count),
      caseIds: r.case_ids.map(Number),
    })),
  };
}
