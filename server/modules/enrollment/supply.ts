import { sql } from 'drizzle-orm';
import type { TEnrollmentConfig, TSupply } from '../../../contracts/enrollment.ts';
import type { Actor } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { loadYear } from './policy.ts';

/**
 * Seat supply and demand per 学区 and stage: the forecast entrants (primary: children of the
 * entry cohort — six by the birth cut-off — registered in the zone's units; junior: grade-6
 * pupils of the zone's schools, both from the people registry), the applications, the seats.
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
    forecast: number;
    applications: number;
    seats: number;
  }>(sql`
    WITH zones AS (
      SELECT id, name, code FROM org_unit WHERE district_id = ${year.districtId} AND kind = 'zone'
    ), units AS (
      SELECT z.id AS zone_id, l.unit_id FROM zones z JOIN org_link l ON l.parent_id = z.id AND l.valid_to IS NULL
    ), stages(stage) AS (VALUES ('primary'), ('junior'))
    SELECT z.id AS zone_id, z.name AS zone_name, s.stage,
      (SELECT count(*)::int FROM person p JOIN units u ON u.unit_id = p.org_id AND u.zone_id = z.id
        WHERE p.kind = 'student' AND p.status = 'active' AND (
          (s.stage = 'primary' AND p.birth_date > (${cutoff}::date - interval '7 years') AND p.birth_date <= (${cutoff}::date - interval '6 years'))
          OR (s.stage = 'junior' AND p.grade = 6))) AS forecast,
      (SELECT count(*)::int FROM enrollment_application a
        WHERE a.year_id = ${year.id} AND a.org_id = z.id AND a.stage = s.stage AND a.status <> 'withdrawn') AS applications,
      (SELECT coalesce(sum(e.seats), 0)::int FROM enrollment_school e
        WHERE e.year_id = ${year.id} AND e.zone_id = z.id AND e.stage = s.stage) AS seats
    FROM zones z CROSS JOIN stages s
    ORDER BY z.code, s.stage DESC`);
  return {
    year: year.year,
    rows: rows.rows.map((r) => ({
      zoneId: Number(r.zone_id),
      zoneName: r.zone_name,
      stage: r.stage,
      forecast: Number(r.forecast),
      applications: Number(r.applications),
      seats: Number(r.seats),
      gap: Number(r.seats) - Math.max(Number(r.forecast), Number(r.applications)),
    })),
  };
}
