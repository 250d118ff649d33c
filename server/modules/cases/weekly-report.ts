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
  const count = async (where: ReturnType<typeof sql>) =>
    Number(
      (
        await tx.execute<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM case_record WHERE ${base} AND ${where}`,
        )
      ).rows[0]!.n,
    );
  const [byKind] = (
    await tx.execute<{ hotline: number; petition: number }>(sql`
      SELECT count(*) FILTER (WHERE kind = 'hotline')::int AS hotline, count(*) FILTER (WHERE kind = 'petition')::int AS petition
      FROM case_record WHERE ${base} AND received_at >= ${s} AND received_at < ${e}`)
  ).rows as [{ hotline: number; petition: number }];
  // Overdue: a unit's own clock (not a citizen's window) that fell due this week and was missed or
  // is still running past it — found through the clocks' (status, due_at) index.
  const [overdue] = (
    await tx.execute<{ n: number }>(sql`
      SELECT count(DISTINCT k.case_id)::int AS n FROM case_clock k JOIN case_record ON case_record.id = k.case_id
      WHERE k.status IN ('missed', 'running', 'paused') AND k.due_at >= ${s} AND k.due_at < ${e} AND k.due_at < now()
        AND k.kind <> ALL(${windows}) AND ${base}`)
  ).rows as [{ n: number }];
  const totals = {
    hotline: Number(byKind.hotline),
    petition: Number(byKind.petition),
    received: Number(byKind.hotline) + Number(byKind.petition),
    closed: await count(sql`closed_at >= ${s} AND closed_at < ${e}`),
    overdue: Number(overdue.n),
    open: await count(sql`received_at < ${e} AND (closed_at IS NULL OR closed_at >= ${e})`),
  };
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
  const t0 = trendStart.toISOString();
  // One grouped pass per date column over the eight weeks (each through its district index).
  const weekOf = (column: string) =>
    sql.raw(`floor(extract(epoch FROM ${column} - '${t0}'::timestamptz) / 604800)::int`);
  const perWeek = async (column: string, extra = sql`true`) => {
    const { rows } = await tx.execute<{ week: number; n: number }>(sql`
      SELECT ${weekOf(column)} AS week, count(*)::int AS n FROM case_record
      WHERE ${base} AND ${sql.raw(column)} >= ${t0} AND ${sql.raw(column)} < ${e} AND ${extra} GROUP BY 1`);
    return new Map(rows.map((r) => [Number(r.week), Number(r.n)]));
  };
  const receivedWeeks = await perWeek('received_at');
  const closedWeeks = await perWeek('closed_at');
  const { rows: callbackRows } = await tx.execute<{
    week: number;
    valid: number;
    contacted: number;
    solved: number;
    satisfied: number;
    basic: number;
  }>(sql`
    SELECT ${weekOf('callback_at')} AS week, count(*)::int AS valid, count(contacted_at)::int AS contacted,
      count(*) FILTER (WHERE callback_solved)::int AS solved,
      count(*) FILTER (WHERE callback_satisfaction = 'satisfied')::int AS satisfied,
      count(*) FILTER (WHERE callback_satisfaction = 'basically_satisfied')::int AS basic
    FROM case_record WHERE ${base} AND kind = 'hotline' AND callback_valid
      AND callback_at >= ${t0} AND callback_at < ${e} GROUP BY 1`);
  const callbacks = new Map(callbackRows.map((r) => [Number(r.week), r]));
  const weeks = Array.from({ length: TREND_WEEKS }, (_, week) => {
    const cb = callbacks.get(week);
    return {
      week,
      received: receivedWeeks.get(week) ?? 0,
      closed: closedWeeks.get(week) ?? 0,
      valid: cb?.valid ?? 0,
      contacted: cb?.contacted ?? 0,
      solved: cb?.solved ?? 0,
      satisfied: cb?.satisfied ?? 0,
      basic: cb?.basic ?? 0,
    };
  });
  const weights = await weightsFor(tx, actor.districtId!, monthOf(start));
  return {
    weekStart: input.weekStart,
    weekEnd: new Date(end.getTime() - DAY + 8 * 3_600_000).toISOString().slice(0, 10),
    received: totals.received,
    receivedHotline: totals.hotline,
    receivedPetition: totals.petition,
    closed: totals.closed,
    overdue: totals.overdue,
    open: totals.open,
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
