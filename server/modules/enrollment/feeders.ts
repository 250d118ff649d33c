import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  TEnrollmentConfig,
  TFeeder,
  TFeederList,
  TPutFeedersRequest,
} from '../../../contracts/enrollment.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { containsPattern, offsetOf } from '../../core/lists.ts';
import { countStudentsAtUnits } from '../people/index.ts';
import { loadYear, loadYearToManage, type YearRow } from './policy.ts';
import {
  enrollmentApplication,
  enrollmentDraw,
  enrollmentFeeder,
  enrollmentSchool,
  enrollmentYear,
} from './schema.ts';

/**
 * 按比例对口直升: each middle school of the feeder-quota route has feeder primary schools, part of
 * the year's configuration. A pair's quota = ceil(leavers × quotaPercent / 100), where leavers are
 * the primary school's grade-6 children (the people module's registry counts, unless entered).
 * The quota is stored with the pairs and recomputed when the year's quotaPercent changes
 * (`requoteFeeders`, from updateYear). In the feeder-quota draw each pair is one engine school, `<middle code>/<primary code>`.
 * A middle school's feeder-quota seats (the seats table) never fall below the sum of its pairs'
 * quota seats: saving pairs or seats that would break this is refused (`feeder_quota_over_seats`).
 */
const middle = alias(orgUnit, 'middle');
const feeder = alias(orgUnit, 'feeder');
const PRIMARY_STAGES = ['primary', 'nineYear', 'twelveYear'];

/** The quota percent of the year's junior feeder-quota route, or a coded refusal. */
export function quotaPercentOf(year: YearRow): number {
  const route = (year.config as TEnrollmentConfig).routes.find(
    (r) => r.route === 'feederQuota' && r.stage === 'junior',
  );
  if (!route) throw new DomainError('enrollment.route_not_offered', { field: 'route' });
  return route.quotaPercent ?? 0;
}

export const quotaSeatsOf = (leavers: number, percent: number) => Math.ceil((leavers * percent) / 100);

/** The engine school id of a pair in the feeder-quota draw. */
export const pairCode = (middleCode: string, feederCode: string) => `${middleCode}/${feederCode}`;

function selectFeeders(tx: Executor) {
  return tx
    .select({
      middleSchoolId: enrollmentFeeder.middleSchoolId,
      middleCode: middle.code,
      middleName: middle.name,
      feederSchoolId: enrollmentFeeder.feederSchoolId,
      feederCode: feeder.code,
      feederName: feeder.name,
      leavers: enrollmentFeeder.leavers,
      quotaSeats: enrollmentFeeder.quotaSeats,
    })
    .from(enrollmentFeeder)
    .innerJoin(middle, eq(middle.id, enrollmentFeeder.middleSchoolId))
    .innerJoin(feeder, eq(feeder.id, enrollmentFeeder.feederSchoolId));
}

/** Every pair of a year, by middle school and feeder code (the freeze and the public portal). */
export async function feederPairs(tx: Executor, yearId: number): Promise<TFeeder[]> {
  return selectFeeders(tx)
    .where(eq(enrollmentFeeder.yearId, yearId))
    .orderBy(asc(middle.code), asc(feeder.code));
}

/** The pairs of a year, filtered and paged (officers; exported to Excel). */
export async function listFeeders({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { id: number; page: number; pageSize: number; q?: string; middleSchoolId?: number };
}): Promise<TFeederList> {
  const year = await loadYear(tx, actor, input.id);
  const where: SQL[] = [eq(enrollmentFeeder.yearId, year.id)];
  if (input.middleSchoolId) where.push(eq(enrollmentFeeder.middleSchoolId, input.middleSchoolId));
  if (input.q) {
    const like = containsPattern(input.q);
    where.push(
      sql`(${middle.name} ILIKE ${like} OR ${feeder.name} ILIKE ${like} OR ${middle.code} = ${input.q} OR ${feeder.code} = ${input.q})`,
    );
  }
  const [{ total }] = (await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(enrollmentFeeder)
    .innerJoin(middle, eq(middle.id, enrollmentFeeder.middleSchoolId))
    .innerJoin(feeder, eq(feeder.id, enrollmentFeeder.feederSchoolId))
    .where(and(...where))) as [{ total: number }];
  const items = await selectFeeders(tx)
    .where(and(...where))
    .orderBy(asc(middle.code), asc(feeder.code))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  return { items, total };
}

/**
 * Replace the year's feeder pairs. A middle school must take part in the junior feeder-quota route;
 * a feeder must be a school of the district with a primary stage; each pair once. Leavers not given
 * come from the registry (grade 6); the quota seats are computed and stored.
 */
export async function putFeeders({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TPutFeedersRequest & { yearId: number };
}): Promise<TFeederList> {
  const year = await loadYearToManage(tx, actor, input.yearId);
  const percent = quotaPercentOf(year);
  const rows = input.feeders;
  const seatsOf = new Map(
    rows.length
      ? (
          await tx
            .select({ id: enrollmentSchool.schoolId, seats: enrollmentSchool.seats })
            .from(enrollmentSchool)
            .where(
              and(
                eq(enrollmentSchool.yearId, year.id),
                eq(enrollmentSchool.stage, 'junior'),
                eq(enrollmentSchool.route, 'feederQuota'),
                inArray(
                  enrollmentSchool.schoolId,
                  rows.map((r) => r.middleSchoolId),
                ),
              ),
            )
        ).map((r) => [r.id, r.seats] as const)
      : [],
  );
  const primaries = new Set(
    rows.length
      ? (
          await tx
            .select({ id: orgUnit.id })
            .from(orgUnit)
            .where(
              and(
                eq(orgUnit.districtId, year.districtId),
                eq(orgUnit.kind, 'school'),
                inArray(orgUnit.stage, PRIMARY_STAGES),
                inArray(
                  orgUnit.id,
                  rows.map((r) => r.feederSchoolId),
                ),
              ),
            )
        ).map((r) => r.id)
      : [],
  );
  const seen = new Set<string>();
  for (const [i, r] of rows.entries()) {
    if (!seatsOf.has(r.middleSchoolId))
      throw new DomainError('enrollment.feeder_middle_invalid', { field: `feeders.${i}.middleSchoolId` });
    if (!primaries.has(r.feederSchoolId) || r.feederSchoolId === r.middleSchoolId)
      throw new DomainError('enrollment.feeder_school_invalid', { field: `feeders.${i}.feederSchoolId` });
    const key = `${r.middleSchoolId}:${r.feederSchoolId}`;
    if (seen.has(key)) throw new DomainError('enrollment.feeder_duplicate', { field: `feeders.${i}` });
    seen.add(key);
  }
  const registry = await countStudentsAtUnits(tx, {
    unitIds: [...new Set(rows.filter((r) => r.leavers === undefined).map((r) => r.feederSchoolId))],
    grade: 6,
  });
  const values = rows.map((r) => {
    const leavers = r.leavers ?? registry.get(r.feederSchoolId) ?? 0;
    return {
      yearId: year.id,
      districtId: year.districtId,
      middleSchoolId: r.middleSchoolId,
      feederSchoolId: r.feederSchoolId,
      leavers,
      quotaSeats: quotaSeatsOf(leavers, percent),
    };
  });
  // The pairs may not promise more seats than the middle school has on the route.
  const promised = new Map<number, number>();
  for (const [i, v] of values.entries()) {
    const sum = (promised.get(v.middleSchoolId) ?? 0) + v.quotaSeats;
    promised.set(v.middleSchoolId, sum);
    if (sum > seatsOf.get(v.middleSchoolId)!)
      throw new DomainError('enrollment.feeder_quota_over_seats', { field: `feeders.${i}.middleSchoolId` });
  }
  await tx.delete(enrollmentFeeder).where(eq(enrollmentFeeder.yearId, year.id));
  if (values.length) await tx.insert(enrollmentFeeder).values(values);
  await recordAudit(tx, actor, {
    action: 'enrollment.put_feeders',
    entityType: 'enrollmentYear',
    entityId: year.id,
    orgId: year.orgId,
    districtId: year.districtId,
    after: {
      pairs: values.length,
      quotaPercent: percent,
      quotaSeats: values.reduce((n, v) => n + v.quotaSeats, 0),
      fromRegistry: rows.filter((r) => r.leavers === undefined).length,
    },
  });
  const items = await feederPairs(tx, year.id);
  return { items, total: items.length };
}

/**
 * The seats side of the rule, when the seats table is replaced (years.ts putSchools): every middle
 * school with feeder pairs keeps at least their quota seats on the junior feeder-quota route (a
 * school dropped from the route has none). Refused before anything is written.
 */
export async function refuseSeatsBelowQuotas(
  tx: Executor,
  yearId: number,
  schools: { schoolId: number; stage: string; route: string; seats: number }[],
): Promise<void> {
  const quotas = await tx
    .select({
      middleSchoolId: enrollmentFeeder.middleSchoolId,
      quota: sql<number>`sum(${enrollmentFeeder.quotaSeats})::int`,
    })
    .from(enrollmentFeeder)
    .where(eq(enrollmentFeeder.yearId, yearId))
    .groupBy(enrollmentFeeder.middleSchoolId);
  if (!quotas.length) return;
  const seats = new Map<number, number>();
  const rowOf = new Map<number, number>();
  for (const [i, s] of schools.entries())
    if (s.stage === 'junior' && s.route === 'feederQuota') {
      seats.set(s.schoolId, (seats.get(s.schoolId) ?? 0) + s.seats);
      if (!rowOf.has(s.schoolId)) rowOf.set(s.schoolId, i);
    }
  const short = quotas
    .filter((q) => (seats.get(q.middleSchoolId) ?? 0) < Number(q.quota))
    .map((q) => rowOf.get(q.middleSchoolId) ?? -1)
    .sort((a, b) => (a < 0 ? 1 : b < 0 ? -1 : a - b));
  if (short.length)
    throw new DomainError('enrollment.feeder_quota_over_seats', {
      field: short[0]! >= 0 ? `schools.${short[0]}.seats` : 'schools',
    });
}

/**
 * The year's quotaPercent changed: every pair's quota seats follow it (leavers kept), in the same
 * transaction as the new configuration, and the seats rule still holds — a middle school whose pairs
 * would then promise more than its feeder-quota seats refuses the change.
 */
export async function requoteFeeders(tx: Executor, yearId: number, percent: number): Promise<void> {
  await tx
    .update(enrollmentFeeder)
    .set({ quotaSeats: sql`ceil(${enrollmentFeeder.leavers} * ${percent}::numeric / 100)::int` })
    .where(eq(enrollmentFeeder.yearId, yearId));
  const { rows: over } = await tx.execute<{ id: number }>(sql`
    SELECT f.middle_school_id AS id FROM ${enrollmentFeeder} f
    LEFT JOIN ${enrollmentSchool} s ON s.year_id = f.year_id AND s.school_id = f.middle_school_id
      AND s.stage = 'junior' AND s.route = 'feederQuota'
    WHERE f.year_id = ${yearId}
    GROUP BY f.middle_school_id
    HAVING sum(f.quota_seats) > coalesce(max(s.seats), 0)
    LIMIT 1`);
  if (over.length) throw new DomainError('enrollment.feeder_quota_over_seats', { field: 'config.routes' });
}

/** Public: the pairs of an open year, what the portal shows a family (which middle schools it feeds). */
export async function publicFeeders({ tx, input }: { tx: Executor; input: { id: number } }) {
  const [year] = await tx
    .select({ id: enrollmentYear.id })
    .from(enrollmentYear)
    .where(and(eq(enrollmentYear.id, input.id), eq(enrollmentYear.status, 'open')));
  if (!year) throw new DomainError('enrollment.year_not_found');
  const items = await feederPairs(tx, year.id);
  return {
    items: items.map((f) => ({
      middleSchoolId: f.middleSchoolId,
      middleName: f.middleName,
      feederSchoolId: f.feederSchoolId,
      feederName: f.feederName,
      quotaSeats: f.quotaSeats,
    })),
  };
}

/**
 * Engine school id → org unit of the school that admits (offers, waitlists, names): a pair of the
 * feeder-quota draw is its middle school; any other engine id is an org code of the district.
 */
export async function admittingUnits(
  tx: Executor,
  draw: { districtId: number; yearId: number; route: string },
  codes: string[],
): Promise<Map<string, { id: number; name: string }>> {
  const out = new Map<string, { id: number; name: string }>();
  if (draw.route === 'feederQuota')
    for (const f of await feederPairs(tx, draw.yearId))
      out.set(pairCode(f.middleCode, f.feederCode), {
        id: f.middleSchoolId,
        name: `${f.middleName}（${f.feederName}对口）`,
      });
  // A pair edited away after the freeze still admits at its middle school (the code's first part).
  const missing = codes.filter((c) => !out.has(c));
  const lookup = [...new Set(missing.map((c) => (draw.route === 'feederQuota' ? c.split('/')[0]! : c)))];
  const units = lookup.length
    ? await tx
        .select({ id: orgUnit.id, code: orgUnit.code, name: orgUnit.name })
        .from(orgUnit)
        .where(and(eq(orgUnit.districtId, draw.districtId), inArray(orgUnit.code, lookup)))
    : [];
  const byCode = new Map(units.map((u) => [u.code, { id: u.id, name: u.name }]));
  for (const c of missing) {
    const unit = byCode.get(draw.route === 'feederQuota' ? c.split('/')[0]! : c);
    if (unit) out.set(c, unit);
  }
  return out;
}

/**
 * In a feeder-quota draw a freed seat belongs to its pair: the waitlist of the middle school is
 * narrowed to the children of the same feeder school as the child who freed it. Other draws: all.
 */
export async function samePairFilter(
  tx: Executor,
  freed: { drawId: number; applicationId: number },
): Promise<SQL> {
  const [draw] = await tx
    .select({ route: enrollmentDraw.route })
    .from(enrollmentDraw)
    .where(eq(enrollmentDraw.id, freed.drawId));
  if (draw?.route !== 'feederQuota') return sql`true`;
  const [app] = await tx
    .select({ currentSchoolId: enrollmentApplication.currentSchoolId })
    .from(enrollmentApplication)
    .where(eq(enrollmentApplication.id, freed.applicationId));
  return sql`${enrollmentApplication.currentSchoolId} IS NOT DISTINCT FROM ${app?.currentSchoolId ?? null}::int`;
}
