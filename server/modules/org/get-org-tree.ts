import { and, asc, eq, sql } from 'drizzle-orm';
import type { TOrgTree } from '../../../contracts/org.ts';
import { type Actor, intArray, scopeUnitIds, today } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgLink, orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { childCountAt, existsAt, placedAt } from './queries.ts';

/**
 * One level of the org tree as of a date: the children of `parentId`, or, without it, the actor's
 * roots (units in scope whose parent is not). The web loads the tree level by level.
 */
export async function getOrgTree({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { parentId?: number; asOf?: string };
}): Promise<TOrgTree> {
  const asOf = input.asOf ?? today();
  const scope = await scopeUnitIds(tx, actor, 'org.read', asOf);
  const inScope = sql`${orgUnit.id} = ANY(${intArray(scope)})`;
  const columns = {
    id: orgUnit.id,
    name: orgUnit.name,
    kind: orgUnit.kind,
    code: orgUnit.code,
    stage: orgUnit.stage,
    childCount: childCountAt(asOf),
  };
  const query = tx.select(columns).from(orgUnit);
  // Departments and zones first, then schools and kindergartens, then institutions and suppliers.
  const kindOrder = sql`array_position(ARRAY['department','zone','school','kindergarten','communitySite','trainingInstitution','supplier']::text[], ${orgUnit.kind})`;
  if (input.parentId !== undefined) {
    if (!scope.has(input.parentId)) throw new DomainError('org.unit_not_found', { field: 'parentId' });
    const rows = await query
      .innerJoin(orgLink, and(eq(orgLink.unitId, orgUnit.id), placedAt(asOf)))
      .where(and(eq(orgLink.parentId, input.parentId), existsAt(asOf), inScope))
      .orderBy(kindOrder, asc(orgUnit.code));
    return { asOf, nodes: rows as TOrgTree['nodes'] };
  }
  const rows = await query
    .leftJoin(orgLink, and(eq(orgLink.unitId, orgUnit.id), placedAt(asOf)))
    .where(
      and(
        inScope,
        existsAt(asOf),
        sql`(${orgLink.parentId} IS NULL OR NOT (${orgLink.parentId} = ANY(${intArray(scope)})))`,
      ),
    )
    .orderBy(asc(orgUnit.code));
  return { asOf, nodes: rows as TOrgTree['nodes'] };
}
