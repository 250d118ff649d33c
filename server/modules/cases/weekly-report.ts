import { sql } from 'drizzle-orm';
import type { TWeeklyReport } from '../../../contracts/cases.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { weightsFor } from './catalogue.ts';
import { windowClocks } from './clocks.ts';
import { caseVisible } from './policy.ts';
import { monthOf, rates } from './rankings.ts';
import { caseRecord } from './schema.ts';

const DAY = 86_400_000;
const TREND_WEEKS = 8;
const windows = sql.raw(`'{${windowClocks.join(',')}}'::text[]`);

/**
 * 周调度: the director's weekly dispatch report over the cases the reader may see — received,
 * closed, overdue and still open, the top categories and schools of the week, and eight weeks of
 * trend (received, closed and the three rates over the callbacks of each week).
 */
export async function weeklyReport({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { weekStart: string };
}): Promise<TWeeklyReport> {
  const start = new Date(`${input.weekStart}T00:00:00+08:00`);
  const end = new Date(start.getTime() + 7 * DAY);
  const s = start.toISOString();
  const e = end.toISOString();
  const visible = await caseVisible(tx, actor, caseRecord);
  const base = sql`${visible} AND merged_into_id IS NULL`;
  const [totals] = (
    await tx.execute<{
      received: number;
      hotline: number;
      petition: number;
      closed: number;
      overdue: number;
      open: number;
    }>(sql`
      SELECT
        count(*) FILTER (WHERE received_at >= ${s} AND received_at < ${e})::int AS received,
        count(*) FILTER (WHERE kind = 'hotline' AND received_at >= ${s} AND received_at < ${e})::int AS hotline,
        count(*) FILTER (WHERE kind = 'petition' AND received_at >= ${s} AND received_at < ${e})::int AS petition,
        count(*) FILTER (WHERE closed_at >= ${s} AND closed_at < ${e})::int AS closed,
        count(*) FILTER (WHERE EXISTS (
          SELECT 1 FROM case_clock k WHERE k.case_id = case_record.id AND k.kind <> ALL(${windows})
            AND k.due_at >= ${s} AND k.due_at < ${e} AND k.due_at < now()
            AND (k.status = 'missed' OR k.status IN ('running', 'paused') AND k.due_at < now())))::int AS overdue,
        count(*) FILTER (WHERE closed_at IS NULL OR closed_at >= ${e})::int AS open
      FROM case_record WHERE ${base} AND received_at < ${e}`)
  ).rows;
  const top = async (key: 'category' | 'school') => {
    const { rows } = await tx.execute<{ key: string; name: string; count: number }>(
      key === 'category'
        ? sql`SELECT coalesce(case_record.category_code, '—') AS key, coalesce(max(c.name), '未分类') AS name, count(*)::int AS count
            FROM case_record LEFT JOIN case_catalogue c ON c.id = case_record.catalogue_id
            WHERE ${base} AND received_at >= ${s} AND received_at < ${e}
            GROUP BY 1 ORDER BY count DESC, key LIMIT 10`
        : sql`SELECT u.id::text AS key, u.name, count(*)::int AS count
            FROM case_record JOIN org_unit u ON u.id = coalesce(case_record.subject_org_id, case_record.org_id)
            WHERE ${base} AND received_at >= ${s} AND received_at < ${e} AND u.kind NOT IN ('district', 'department')
            GROUP BY u.id, u.name ORDER BY count DESC, u.id LIMIT 10`,
    );
    return rows.map((r) => ({ key: r.key, name: r.name, count: Number(r.count) }));
  };
  const trendStart = new Date(start.getTime() - (TREND_WEEKS - 1) * 7 * DAY);
  const { rows: weeks } = await tx.execute<{
    week: number;
    received: number;
    closed: number;
    valid: number;
    contacted: number;
    solved: number;
    satisfied: number;
    basic: number;
  }>(sql`
    WITH w AS (SELECT generate_series(0, ${TREND_WEEKS - 1}) AS week)
    SELECT w.week,
      (SELECT count(*) FROM case_record WHERE ${base} AND received_at >= ${trendStart.toISOString()}::timestamptz + w.week * interval '7 days'
        AND received_at < ${trendStart.toISOString()}::timestamptz + (w.week + 1) * interval '7 days')::int AS received,
      (SELECT count(*) FROM case_record WHERE ${base} AND closed_at >= ${trendStart.toISOString()}::timestamptz + w.week * interval '7 days'
        AND closed_at < ${trendStart.toISOString()}::timestamptz + (w.week + 1) * interval '7 days')::int AS closed,
      cb.*
    FROM w CROSS JOIN LATERAL (
      SELECT count(*)::int AS valid, count(contacted_at)::int AS contacted,
        count(*) FILTER (WHERE callback_solved)::int AS solved,
        count(*) FILTER (WHERE callback_satisfaction = 'satisfied')::int AS satisfied,
        count(*) FILTER (WHERE callback_satisfaction = 'basically_satisfied')::int AS basic
      FROM case_record WHERE ${base} AND kind = 'hotline' AND callback_valid
        AND callback_at >= ${trendStart.toISOString()}::timestamptz + w.week * interval '7 days'
        AND callback_at < ${trendStart.toISOString()}::timestamptz + (w.week + 1) * interval '7 days'
    ) cb ORDER BY w.week`);
  const weights = await weightsFor(tx, actor.districtId!, monthOf(start));
  return {
    weekStart: input.weekStart,
    weekEnd: new Date(end.getTime() - DAY + 8 * 3_600_000).toISOString().slice(0, 10),
    received: Number(totals!.received),
    receivedHotline: Number(totals!.hotline),
    receivedPetition: Number(totals!.petition),
    closed: Number(totals!.closed),
    overdue: Number(totals!.overdue),
    open: Number(totals!.open),
    topCategories: await top('category'),
    topSchools: await top('school'),
    trend: weeks.map((w) => {
      const valid = Number(w.valid);
      const r = rates(
        {
          valid,
          contacted: Number(w.contacted),
          solved: Number(w.solved),
          satisfied: Number(w.satisfied),
          basicallySatisfied: Number(w.basic),
        },
        weights,
      );
      return {
        weekStart: new Date(trendStart.getTime() + Number(w.week) * 7 * DAY + 8 * 3_600_000)
          .toISOString()
          .slice(0, 10),
        received: Number(w.received),
        closed: Number(w.closed),
        responseRate: valid ? r.responseRate : null,
        resolutionRate: valid ? r.resolutionRate : null,
        satisfactionRate: valid ? r.satisfactionRate : null,
      };
    }),
  };
}
