import { sql } from 'drizzle-orm';
import type { TEnrollmentConfig, TSupply } from '../../../contracts/enrollment.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { countStudentsPerZone } from '../people/index.ts';
import { loadYear } from './policy.ts';

/**
 * Seat supply and demand per 学区 and stage: the forecast entrants (primary: children of the
 * entry cohort — six by the birth cut-off — registered in the zone's units; junior: grade-6
 * pupils of the zone's schools, both counted by the people module), the applications, the seats.
 */
export async function seatSupply({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { id: number };
}): Promise<TSupply> {
  const year = await loadYear(tx, actor, input.id);
  const cutoff = (year.config as TEnrollmentConfig).birthCutoff;
  const rows = await tx.execute<{
    zone_id: number;
    zone_name: string;
    stage: 'primary' | 'junior';
    applications: number;
    seats: number;
  }>(sql`
    WITH zones AS (
      SELECT id, name, code FROM org_unit WHERE district_id = ${year.districtId} AND kind = 'zone'
    ), stages(stage) AS (VALUES ('primary'), ('junior'))
    SELECT z.id AS zone_id, z.name AS zone_name, s.stage,
      (SELECT count(*)::int FROM enrollment_application a
        WHERE a.year_id = ${year.id} AND a.org_id = z.id AND a.stage = s.stage AND a.status <> 'withdrawn') AS applications,
      (SELECT coalesce(sum(e.seats), 0)::int FROM enrollment_school e
        WHERE e.year_id = ${year.id} AND e.zone_id = z.id AND e.stage = s.stage) AS seats
    FROM zones z CROSS JOIN stages s
    ORDER BY z.code, s.stage DESC`);
  // Primary: the entry cohort (six by the birth cut-off); junior: this year's grade-6 pupils.
  const shift = (years: number) => {
    const d = new Date(`${cutoff}T00:00:00Z`);
    d.setUTCFullYear(d.getUTCFullYear() - years);
    return d.toISOString().slice(0, 10);
  };
  const forecasts = {
    primary: await countStudentsPerZone(tx, {
      districtId: year.districtId,
      bornAfter: shift(7),
      bornOnOrBefore: shift(6),
    }),
    junior: await countStudentsPerZone(tx, { districtId: year.districtId, grade: 6 }),
  };
  return {
    year: year.year,
    rows: rows.rows.map((r) => ({
      zoneId: Number(r.zone_id),
      zoneName: r.zone_name,
      stage: r.stage,
      forecast: forecasts[r.stage].get(Number(r.zone_id)) ?? 0,
      applications: Number(r.applications),
      seats: Number(r.seats),
      gap: Number(r.seats) - Math.max(forecasts[r.stage].get(Number(r.zone_id)) ?? 0, Number(r.applications)),
    })),
  };
}
