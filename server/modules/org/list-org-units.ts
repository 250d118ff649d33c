import { and, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { TOrgUnit, TOrgUnitList, TOrgUnitListQuery } from '../../../contracts/org.ts';
import { type Actor, intArray, scopeFilter, subtreeUnitIds, today } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { containsPattern, mapInOrder, offsetOf, sortBy } from '../../core/lists.ts';
import { orgUnitActions } from './policy.ts';
import { existsAt, selectUnits, type UnitRow } from './queries.ts';

const sortable = { name: orgUnit.name, code: orgUnit.code, kind: orgUnit.kind, capacity: orgUnit.capacity };

/** The org units in the actor's scope, filtered, sorted and paged in SQL. */
export async function listOrgUnits({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TOrgUnitListQuery;
}): Promise<TOrgUnitList> {
  const asOf = input.asOf ?? today();
  const where = await orgUnitConditions(tx, actor, input, asOf);
  const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(orgUnit).where(where);
  const rows = await selectUnits(tx, asOf)
    .where(where)
    .orderBy(...sortBy(input.sort, sortable, 'code', orgUnit.id))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  return { items: await mapInOrder(rows, (row) => toOrgUnit(tx, actor, row)), total };
}

export async function orgUnitConditions(tx: Executor, actor: Actor, input: TOrgUnitListQuery, asOf: string) {
  const conditions: SQL[] = [await scopeFilter(tx, actor, 'org.read', orgUnit.id, asOf), existsAt(asOf)];
  if (input.kind) conditions.push(eq(orgUnit.kind, input.kind));
  if (input.stage) conditions.push(eq(orgUnit.stage, input.stage));
  if (input.ownership) conditions.push(eq(orgUnit.ownership, input.ownership));
  if (input.subsidised) conditions.push(eq(orgUnit.subsidised, input.subsidised === 'true'));
  if (input.within) {
    const ids = await subtreeUnitIds(tx, [input.within], asOf);
    conditions.push(sql`${orgUnit.id} = ANY(${intArray(ids)})`);
  }
  if (input.q) {
    const pattern = containsPattern(input.q);
    conditions.push(or(ilike(orgUnit.name, pattern), ilike(orgUnit.code, pattern))!);
  }
  return and(...conditions)!;
}

export async function toOrgUnit(tx: Executor, actor: Actor, row: UnitRow): Promise<TOrgUnit> {
  return {
    ...row,
    kind: row.kind as TOrgUnit['kind'],
    stage: row.stage as TOrgUnit['stage'],
    ownership: row.ownership as TOrgUnit['ownership'],
    parentId: row.parentId ?? null,
    parentName: row.parentName ?? null,
    actions: await orgUnitActions(tx, actor, row),
  };
}
