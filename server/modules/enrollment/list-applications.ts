import { and, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TApplicationList, TApplicationListQuery } from '../../../contracts/enrollment.ts';
import { type Actor, canAt } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { containsPattern, offsetOf, sortBy } from '../../core/lists.ts';
import { toApplication } from './get-application.ts';
import { applicationsVisible } from './policy.ts';
import { enrollmentApplication as a, enrollmentYear } from './schema.ts';

const zone = alias(orgUnit, 'zone');
const current = alias(orgUnit, 'current_school');

/**
 * Applications in the viewer's scope (staff: the 学区 in its enrollment.read scope; a parent: its
 * own), filtered, sorted and paged in SQL.
 */
export async function listApplications({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TApplicationListQuery & { mine?: boolean };
}): Promise<TApplicationList> {
  const where: SQL[] = [
    input.mine ? eq(a.accountId, actor.accountId ?? -1) : await applicationsVisible(tx, actor, a.orgId),
  ];
  if (input.yearId) where.push(eq(a.yearId, input.yearId));
  if (input.zoneId) where.push(eq(a.orgId, input.zoneId));
  if (input.stage) where.push(eq(a.stage, input.stage));
  if (input.route) where.push(eq(a.route, input.route));
  if (input.status) where.push(eq(a.status, input.status));
  if (input.flagged === 'true')
    where.push(sql`${a.addressFlag} IS NOT NULL AND ${a.addressException} IS NULL`);
  if (input.flagged === 'false')
    where.push(sql`(${a.addressFlag} IS NULL OR ${a.addressException} IS NOT NULL)`);
  if (input.q)
    where.push(sql`(${a.childName} ILIKE ${containsPattern(input.q)} OR ${a.lotteryId} = ${input.q})`);
  const condition = and(...where);
  const [{ total }] = (await tx.select({ total: sql<number>`count(*)::int` }).from(a).where(condition)) as [
    { total: number },
  ];
  const rows = await tx
    .select({ row: a, year: enrollmentYear.year, zoneName: zone.name, currentSchoolName: current.name })
    .from(a)
    .innerJoin(enrollmentYear, eq(enrollmentYear.id, a.yearId))
    .innerJoin(zone, eq(zone.id, a.orgId))
    .leftJoin(current, eq(current.id, a.currentSchoolId))
    .where(condition)
    .orderBy(
      ...sortBy(
        input.sort,
        {
          createdAt: a.createdAt,
          childName: a.childName,
          status: a.status,
          zone: zone.name,
          lotteryId: a.lotteryId,
        },
        'lotteryId',
        a.id,
      ),
    )
    .limit(input.pageSize)
    .offset(offsetOf(input));
  const items = [];
  for (const r of rows) {
    const owner = r.row.accountId !== null && r.row.accountId === actor.accountId;
    const staff = await canAt(tx, actor, 'enrollment.read', r.row.orgId);
    items.push(
      await toApplication(
        tx,
        actor,
        { row: r.row, owner, staff },
        { year: r.year, zoneName: r.zoneName, currentSchoolName: r.currentSchoolName },
      ),
    );
  }
  return { items, total };
}
