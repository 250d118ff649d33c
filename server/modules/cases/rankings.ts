import { and, asc, inArray, isNull, not, sql } from 'drizzle-orm';
import type { TRanking, TRankingRow } from '../../../contracts/cases.ts';
import { type Actor, intArray, scopeUnitIds } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { weightsFor } from './catalogue.ts';
import { caseVisible, currentDay } from './policy.ts';
import { selectCases, toCase } from './queries.ts';
import { caseRecord } from './schema.ts';
import { terminalStates } from './transitions.ts';

/** The month (YYYY-MM) of an instant in Beijing time. */
export function monthOf(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

const ratio = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10_000) / 10_000);

/** The three rates and the composite from counts over valid callbacks V (接诉即办考核). */
export function rates(
  counts: { valid: number; contacted: number; solved: number; satisfied: number; basicallySatisfied: number },
  weights: { response: number; resolution: number; satisfaction: number; basicFactor: number },
) {
  const responseRate = ratio(counts.contacted, counts.valid);
  const resolutionRate = ratio(counts.solved, counts.valid);
  const satisfactionRate = ratio(
    counts.satisfied + weights.basicFactor * counts.basicallySatisfied,
    counts.valid,
  );
  const composite =
    Math.round(
      (weights.response * responseRate +
        weights.resolution * resolutionRate +
        weights.satisfaction * satisfactionRate) *
        10_000,
    ) / 10_000;
  return { responseRate, resolutionRate, satisfactionRate, composite };
}

/**
 * Units ranked for a month: 响应率 = contacted / V, 解决率 = solved / V, 满意率 = (satisfied + 0.9 ×
 * basically satisfied) / V over the month's valid callbacks V, the composite with the weights in
 * force for that month, plus the on-time rate (replies in the month) and the return rate (returns
 * over dispatches). Linked cases (an order and a petition on one matter) count once; merged
 * duplicates never. For the current month a live forecast lists the open cases at risk.
 */
export async function computeRanking({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { month: string; level: 'unit' | 'zone' };
}): Promise<TRanking> {
  const districtId = actor.districtId!;
  const weights = await weightsFor(tx, districtId, input.month);
  const scope = await scopeUnitIds(tx, actor, 'cases.read', currentDay());
  const start = new Date(`${input.month}-01T00:00:00+08:00`);
  const [y, m] = input.month.split('-').map(Number) as [number, number];
  const end = new Date(
    `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01T00:00:00+08:00`,
  );
  const unit =
    input.level === 'zone'
      ? sql`coalesce((SELECT l.parent_id FROM org_link l JOIN org_unit p ON p.id = l.parent_id
           WHERE l.unit_id = x.org_id AND l.valid_to IS NULL AND p.kind = 'zone' LIMIT 1), x.org_id)`
      : sql`x.org_id`;
  const inScope = scope.size ? sql`x.org_id = ANY(${intArray(scope)})` : sql`false`;
  const { rows } = await tx.execute<{
    org_id: number;
    org_name: string;
    valid: number;
    contacted: number;
    solved: number;
    satisfied: number;
    basic: number;
    replied: number;
    on_time: number;
    dispatched: number;
    returned: number;
  }>(sql`
    WITH callbacks AS (
      SELECT DISTINCT ON (coalesce(link_group_id, id)) id, org_id, contacted_at, callback_solved, callback_satisfaction
      FROM case_record
      WHERE district_id = ${districtId} AND kind = 'hotline' AND merged_into_id IS NULL
        AND rank_month = ${input.month} AND callback_valid
      ORDER BY coalesce(link_group_id, id), id
    ), cb AS (
      SELECT ${unit} AS unit, count(*)::int AS valid, count(contacted_at)::int AS contacted,
        count(*) FILTER (WHERE callback_solved)::int AS solved,
        count(*) FILTER (WHERE callback_satisfaction = 'satisfied')::int AS satisfied,
        count(*) FILTER (WHERE callback_satisfaction = 'basically_satisfied')::int AS basic
      FROM callbacks x WHERE ${inScope} GROUP BY 1
    ), rp AS (
      SELECT ${unit} AS unit, count(*)::int AS replied, count(*) FILTER (WHERE on_time)::int AS on_time
      FROM case_record x
      WHERE district_id = ${districtId} AND kind = 'hotline' AND merged_into_id IS NULL
        AND replied_at >= ${start.toISOString()} AND replied_at < ${end.toISOString()} AND ${inScope}
      GROUP BY 1
    ), ev AS (
      SELECT ${unit} AS unit,
        count(*) FILTER (WHERE action = 'dispatch')::int AS dispatched,
        count(*) FILTER (WHERE action = 'approve_return')::int AS returned
      FROM case_event x
      WHERE district_id = ${districtId} AND action IN ('dispatch', 'approve_return')
        AND at >= ${start.toISOString()} AND at < ${end.toISOString()} AND ${inScope}
      GROUP BY 1
    )
    SELECT u.id AS org_id, u.name AS org_name,
      coalesce(cb.valid, 0) AS valid, coalesce(cb.contacted, 0) AS contacted, coalesce(cb.solved, 0) AS solved,
      coalesce(cb.satisfied, 0) AS satisfied, coalesce(cb.basic, 0) AS basic,
      coalesce(rp.replied, 0) AS replied, coalesce(rp.on_time, 0) AS on_time,
      coalesce(ev.dispatched, 0) AS dispatched, coalesce(ev.returned, 0) AS returned
    FROM cb FULL JOIN rp USING (unit) FULL JOIN ev USING (unit)
    JOIN org_unit u ON u.id = coalesce(cb.unit, rp.unit, ev.unit)
    WHERE u.id <> ${districtId}`);
  const items: TRankingRow[] = rows
    .map((r) => {
      const counts = {
        valid: Number(r.valid),
        contacted: Number(r.contacted),
        solved: Number(r.solved),
        satisfied: Number(r.satisfied),
        basicallySatisfied: Number(r.basic),
      };
      const replied = Number(r.replied);
      const dispatched = Number(r.dispatched);
      return {
        rank: 0,
        orgId: Number(r.org_id),
        orgName: r.org_name,
        ...counts,
        ...rates(counts, weights),
        replied,
        onTimeRate: replied ? ratio(Number(r.on_time), replied) : null,
        dispatched,
        returnRate: dispatched ? ratio(Number(r.returned), dispatched) : null,
      };
    })
    .sort((a, b) => b.composite - a.composite || b.valid - a.valid || a.orgId - b.orgId);
  items.forEach((row, i) => {
    row.rank = i + 1;
  });
  let forecast: TRanking['forecast'] = null;
  if (input.month === monthOf(new Date())) {
    const open = and(
      await caseVisible(tx, actor, caseRecord),
      sql`${caseRecord.kind} = 'hotline'`,
      isNull(caseRecord.mergedIntoId),
      not(inArray(caseRecord.state, [...terminalStates])),
    );
    const atRiskRows = await selectCases(tx)
      .where(and(open, sql`${caseRecord.dueAt} IS NOT NULL AND ${caseRecord.riskAt} <= now()`))
      .orderBy(asc(caseRecord.dueAt), asc(caseRecord.id))
      .limit(50);
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(caseRecord).where(open);
    const atRisk = [];
    for (const row of atRiskRows) atRisk.push(await toCase(tx, actor, row));
    forecast = { atRisk, openCases: Number(count!.n) };
  }
  return { month: input.month, weights, items, forecast };
}
