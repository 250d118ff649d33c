import { and, eq, gt, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../core/db/index.ts';
import { orgLink, orgUnit } from '../../core/db/schema.ts';

/** Shared pieces of the org module's queries: placement as of a date, and the unit row shape. */

export function placedAt(asOf: string): SQL {
  return and(lte(orgLink.validFrom, asOf), or(isNull(orgLink.validTo), gt(orgLink.validTo, asOf)))!;
}

export function existsAt(asOf: string): SQL {
  return and(lte(orgUnit.openedOn, asOf), or(isNull(orgUnit.closedOn), gt(orgUnit.closedOn, asOf)))!;
}

export const parentUnit = alias(orgUnit, 'parent_unit');

export function childCountAt(asOf: string): SQL<number> {
  return sql<number>`(SELECT count(*)::int FROM org_link c
    WHERE c.parent_id = ${orgUnit.id} AND c.valid_from <= ${asOf}::date
      AND (c.valid_to IS NULL OR c.valid_to > ${asOf}::date))`;
}

export function unitColumns(asOf: string) {
  return {
    id: orgUnit.id,
    districtId: orgUnit.districtId,
    parentId: orgLink.parentId,
    parentName: parentUnit.name,
    code: orgUnit.code,
    kind: orgUnit.kind,
    name: orgUnit.name,
    shortName: orgUnit.shortName,
    stage: orgUnit.stage,
    ownership: orgUnit.ownership,
    subsidised: orgUnit.subsidised,
    address: orgUnit.address,
    capacity: orgUnit.capacity,
    phone: orgUnit.phone,
    openedOn: orgUnit.openedOn,
    closedOn: orgUnit.closedOn,
    childCount: childCountAt(asOf),
  };
}

/** Units with their parent as of `asOf` (left join: the district root has none). */
export function selectUnits(tx: Executor, asOf: string) {
  return tx
    .select(unitColumns(asOf))
    .from(orgUnit)
    .leftJoin(orgLink, and(eq(orgLink.unitId, orgUnit.id), placedAt(asOf)))
    .leftJoin(parentUnit, eq(parentUnit.id, orgLink.parentId));
}

export type UnitRow = Awaited<ReturnType<ReturnType<typeof selectUnits>['execute']>>[number];

/** The current parent link of a unit as of a date. */
export async function linkAt(tx: Executor, unitId: number, asOf: string) {
  const [link] = await tx
    .select()
    .from(orgLink)
    .where(and(eq(orgLink.unitId, unitId), placedAt(asOf)));
  return link;
}

/** Which kinds may sit under which: the shape of a district's tree. */
export const allowedParentKinds: Record<string, string[]> = {
  department: ['district'],
  zone: ['district'],
  school: ['zone', 'district'],
  kindergarten: ['zone', 'district'],
  communitySite: ['kindergarten', 'zone', 'district'],
  trainingInstitution: ['zone', 'district'],
  supplier: ['district'],
};
