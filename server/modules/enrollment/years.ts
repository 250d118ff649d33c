import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import {
  type TCreateYearRequest,
  type TEnrollmentConfig,
  type TEnrollmentSchool,
  type TEnrollmentYear,
  YEAR_STATUS_NEXT,
  yearConfigProblems,
  ZEnrollmentConfig,
  type ZPutSchoolsRequest,
  type ZUpdateYearRequest,
} from '../../../contracts/enrollment.ts';
import { type Actor, authorize, canAt, hasPermission } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Executor, Tx } from '../../core/db/index.ts';
import { orgLink, orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { refuseSeatsBelowQuotas, requoteFeeders } from './feeders.ts';
import { loadYear, loadYearToManage, type YearRow } from './policy.ts';
import { enrollmentApplication, enrollmentSchool, enrollmentYear, enrollmentYearVersion } from './schema.ts';

/** An enrollment year as the UI shows it, with its counts and the actions the viewer may take. */
export async function toYear(tx: Executor, actor: Actor, row: YearRow): Promise<TEnrollmentYear> {
  const [counts] = await tx
    .select({
      applications: sql<number>`(SELECT count(*)::int FROM ${enrollmentApplication} a WHERE a.year_id = ${row.id})`,
      seats: sql<number>`(SELECT coalesce(sum(s.seats), 0)::int FROM ${enrollmentSchool} s WHERE s.year_id = ${row.id})`,
    })
    .from(sql`(SELECT 1) one`);
  return {
    id: row.id,
    districtId: row.districtId,
    orgId: row.orgId,
    year: row.year,
    name: row.name,
    status: row.status as TEnrollmentYear['status'],
    config: row.config as TEnrollmentConfig,
    configVersion: row.configVersion,
    applications: counts!.applications,
    seats: counts!.seats,
    actions: (await canAt(tx, actor, 'enrollment.manage', row.orgId)) ? ['edit'] : [],
  };
}

/** Refuse a configuration that breaks a rule its schema cannot say (contracts: yearConfigProblems). */
function assertConfigValid(config: TEnrollmentConfig) {
  const [problem] = yearConfigProblems(config);
  if (problem) throw new DomainError(problem.code, { field: `config.${problem.field}` });
}

/**
 * A new configuration may not drop a route that schools have seats on, nor a category that
 * applications use: those rows would point at nothing.
 */
async function assertConfigKeepsUsed(tx: Executor, yearId: number, config: TEnrollmentConfig) {
  const routes = config.routes.map((r) => `${r.stage}:${r.route}`);
  const [seated] = await tx
    .select({ route: enrollmentSchool.route })
    .from(enrollmentSchool)
    .where(
      and(
        eq(enrollmentSchool.yearId, yearId),
        notInArray(sql`${enrollmentSchool.stage} || ':' || ${enrollmentSchool.route}`, routes),
      ),
    )
    .limit(1);
  if (seated) throw new DomainError('enrollment.route_in_use', { field: 'config.routes' });
  const [applied] = await tx
    .select({ category: enrollmentApplication.category })
    .from(enrollmentApplication)
    .where(
      and(
        eq(enrollmentApplication.yearId, yearId),
        notInArray(
          enrollmentApplication.category,
          config.categories.map((c) => c.id),
        ),
      ),
    )
    .limit(1);
  if (applied) throw new DomainError('enrollment.category_in_use', { field: 'config.categories' });
}

/** Create a year (draft) with its configuration as version 1. */
export async function createYear({ actor, tx, input }: { actor: Actor; tx: Tx; input: TCreateYearRequest }) {
  await authorize(tx, actor, 'enrollment.manage', input.orgId, 'org.unit_not_found');
  assertConfigValid(input.config);
  const [unit] = await tx
    .select({ districtId: orgUnit.districtId })
    .from(orgUnit)
    .where(eq(orgUnit.id, input.orgId));
  const [taken] = await tx
    .select({ id: enrollmentYear.id })
    .from(enrollmentYear)
    .where(and(eq(enrollmentYear.districtId, unit!.districtId), eq(enrollmentYear.year, input.year)));
  if (taken) throw new DomainError('enrollment.year_taken', { field: 'year' });
  const [row] = await tx
    .insert(enrollmentYear)
    .values({
      districtId: unit!.districtId,
      orgId: input.orgId,
      year: input.year,
      name: input.name,
      config: input.config,
      createdBy: actor.accountId,
    })
    .returning();
  await tx
    .insert(enrollmentYearVersion)
    .values({ yearId: row!.id, version: 1, config: input.config, createdBy: actor.accountId });
  await recordAudit(tx, actor, {
    action: 'enrollment.create_year',
    entityType: 'enrollmentYear',
    entityId: row!.id,
    orgId: row!.orgId,
    districtId: row!.districtId,
    after: input,
  });
  return toYear(tx, actor, row!);
}

/** Rename, open/close, or change the configuration (a new version; earlier ones are kept). */
export async function updateYear({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: z.infer<typeof ZUpdateYearRequest> & { id: number };
}) {
  const row = await loadYearToManage(tx, actor, input.id);
  if (
    input.status &&
    input.status !== row.status &&
    !YEAR_STATUS_NEXT[row.status as 'draft'].includes(input.status)
  )
    throw new DomainError('enrollment.status_transition', { field: 'status' });
  const configChanged = input.config && JSON.stringify(input.config) !== JSON.stringify(row.config);
  if (configChanged) {
    assertConfigValid(input.config!);
    await assertConfigKeepsUsed(tx, row.id, input.config!);
  }
  const version = configChanged ? row.configVersion + 1 : row.configVersion;
  const [updated] = await tx
    .update(enrollmentYear)
    .set({
      name: input.name ?? row.name,
      status: input.status ?? row.status,
      ...(configChanged ? { config: input.config, configVersion: version } : {}),
      updatedAt: new Date(),
    })
    .where(eq(enrollmentYear.id, row.id))
    .returning();
  if (configChanged) {
    await tx
      .insert(enrollmentYearVersion)
      .values({ yearId: row.id, version, config: input.config!, createdBy: actor.accountId });
    const percent = (config: TEnrollmentConfig) =>
      config.routes.find((r) => r.route === 'feederQuota' && r.stage === 'junior')?.quotaPercent;
    const next = percent(input.config!);
    if (next !== undefined && next !== percent(row.config as TEnrollmentConfig))
      await requoteFeeders(tx, row.id, next);
  }
  await recordAudit(tx, actor, {
    action: 'enrollment.update_year',
    entityType: 'enrollmentYear',
    entityId: row.id,
    orgId: row.orgId,
    districtId: row.districtId,
    before: { name: row.name, status: row.status, configVersion: row.configVersion },
    after: { name: updated!.name, status: updated!.status, configVersion: version },
  });
  return toYear(tx, actor, updated!);
}

export async function listYears({ actor, tx }: { actor: Actor; tx: Executor }) {
  if (!hasPermission(actor, 'enrollment.read')) return { items: [] };
  const rows = await tx
    .select()
    .from(enrollmentYear)
    .where(actor.districtId === null ? sql`true` : eq(enrollmentYear.districtId, actor.districtId))
    .orderBy(sql`${enrollmentYear.year} DESC`);
  const items: TEnrollmentYear[] = [];
  for (const row of rows) items.push(await toYear(tx, actor, row));
  return { items };
}

/** The zone of a school (its parent of kind zone, as of today), or null. */
export function zoneOfSchoolSql(schoolColumn: unknown) {
  return sql<number | null>`(SELECT l.parent_id FROM ${orgLink} l JOIN ${orgUnit} p ON p.id = l.parent_id
    WHERE l.unit_id = ${schoolColumn} AND l.valid_to IS NULL AND p.kind = 'zone' LIMIT 1)`;
}

/** Replace the participating schools and their seats (one row per school, stage and route). */
export async function putSchools({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: z.infer<typeof ZPutSchoolsRequest> & { yearId: number };
}) {
  const year = await loadYearToManage(tx, actor, input.yearId);
  const config = year.config as TEnrollmentConfig;
  for (const [i, s] of input.schools.entries())
    if (!config.routes.some((r) => r.route === s.route && r.stage === s.stage))
      throw new DomainError('enrollment.route_not_offered', { field: `schools.${i}.route` });
  const ids = [...new Set(input.schools.map((s) => s.schoolId))];
  const units = ids.length
    ? await tx
        .select({ id: orgUnit.id })
        .from(orgUnit)
        .where(
          and(eq(orgUnit.districtId, year.districtId), eq(orgUnit.kind, 'school'), inArray(orgUnit.id, ids)),
        )
    : [];
  if (units.length !== ids.length) throw new DomainError('request.invalid', { field: 'schools' });
  await refuseSeatsBelowQuotas(tx, year.id, input.schools);
  await tx.delete(enrollmentSchool).where(eq(enrollmentSchool.yearId, year.id));
  if (input.schools.length)
    await tx.insert(enrollmentSchool).values(
      input.schools.map((s) => ({
        yearId: year.id,
        districtId: year.districtId,
        schoolId: s.schoolId,
        zoneId: zoneOfSchoolSql(s.schoolId) as unknown as number,
        stage: s.stage,
        route: s.route,
        seats: s.seats,
        nineYear: s.nineYear,
      })),
    );
  await recordAudit(tx, actor, {
    action: 'enrollment.put_schools',
    entityType: 'enrollmentYear',
    entityId: year.id,
    orgId: year.orgId,
    districtId: year.districtId,
    after: { schools: input.schools.length, seats: input.schools.reduce((n, s) => n + s.seats, 0) },
  });
  return listSchools(tx, year.id);
}

const zone = alias(orgUnit, 'zone');
export async function listSchools(tx: Executor, yearId: number): Promise<{ items: TEnrollmentSchool[] }> {
  const rows = await tx
    .select({
      schoolId: enrollmentSchool.schoolId,
      code: orgUnit.code,
      name: orgUnit.name,
      zoneId: enrollmentSchool.zoneId,
      zoneName: zone.name,
      stage: enrollmentSchool.stage,
      route: enrollmentSchool.route,
      seats: enrollmentSchool.seats,
      nineYear: enrollmentSchool.nineYear,
    })
    .from(enrollmentSchool)
    .innerJoin(orgUnit, eq(orgUnit.id, enrollmentSchool.schoolId))
    .leftJoin(zone, eq(zone.id, enrollmentSchool.zoneId))
    .where(eq(enrollmentSchool.yearId, yearId))
    .orderBy(asc(enrollmentSchool.stage), asc(enrollmentSchool.route), asc(orgUnit.code));
  return { items: rows as TEnrollmentSchool[] };
}

export async function getYearSchools({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { id: number };
}) {
  const year = await loadYear(tx, actor, input.id);
  return listSchools(tx, year.id);
}

/** Public: the open years with their zones and schools, what the parent portal needs to apply. */
export async function publicYears({ tx }: { tx: Executor }) {
  const rows = await tx
    .select()
    .from(enrollmentYear)
    .where(eq(enrollmentYear.status, 'open'))
    .orderBy(sql`${enrollmentYear.year} DESC`);
  const items = [];
  for (const row of rows) {
    const zones = await tx
      .select({ id: orgUnit.id, name: orgUnit.name })
      .from(orgUnit)
      .where(and(eq(orgUnit.districtId, row.districtId), eq(orgUnit.kind, 'zone')))
      .orderBy(asc(orgUnit.code));
    items.push({
      id: row.id,
      districtId: row.districtId,
      year: row.year,
      name: row.name,
      config: ZEnrollmentConfig.parse(row.config),
      zones,
      schools: (await listSchools(tx, row.id)).items,
    });
  }
  return { items };
}
