import { asc, eq, sql } from 'drizzle-orm';
import type { TOrgUnitDetail } from '../../../contracts/org.ts';
import { type Actor, canAt, today } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgLink, orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { toOrgUnit } from './list-org-units.ts';
import { parentUnit, selectUnits } from './queries.ts';

/** One unit with its placement history and its path from the root, as of a date. */
export async function getOrgUnit({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: { id: number; asOf?: string };
}): Promise<TOrgUnitDetail> {
  const asOf = input.asOf ?? today();
  if (!(await canAt(tx, actor, 'org.read', input.id, asOf))) throw new DomainError('org.unit_not_found');
  const [row] = await selectUnits(tx, asOf).where(eq(orgUnit.id, input.id));
  if (!row) throw new DomainError('org.unit_not_found');
  const history = await tx
    .select({
      parentId: orgLink.parentId,
      parentName: parentUnit.name,
      validFrom: orgLink.validFrom,
      validTo: orgLink.validTo,
      reason: orgLink.reason,
    })
    .from(orgLink)
    .innerJoin(parentUnit, eq(parentUnit.id, orgLink.parentId))
    .where(eq(orgLink.unitId, input.id))
    .orderBy(asc(orgLink.validFrom));
  const path = await tx.execute<TOrgUnitDetail['path'][number] & { depth: number }>(sql`
    WITH RECURSIVE up(id, depth) AS (
      SELECT ${input.id}::int, 0
      UNION ALL
      SELECT l.parent_id, up.depth + 1 FROM org_link l JOIN up ON l.unit_id = up.id
      WHERE l.valid_from <= ${asOf}::date AND (l.valid_to IS NULL OR l.valid_to > ${asOf}::date) AND up.depth < 32
    )
    SELECT u.id, u.name, u.kind, u.code, u.stage, up.depth,
      (SELECT count(*)::int FROM org_link c WHERE c.parent_id = u.id AND c.valid_from <= ${asOf}::date
        AND (c.valid_to IS NULL OR c.valid_to > ${asOf}::date)) AS "childCount"
    FROM up JOIN org_unit u ON u.id = up.id ORDER BY up.depth DESC`);
  return {
    ...(await toOrgUnit(tx, actor, row)),
    history,
    path: path.rows.map(({ depth: _depth, ...node }) => node),
  };
}
