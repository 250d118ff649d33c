import { and, eq, gt } from 'drizzle-orm';
import type { TMoveOrgUnitRequest, TOrgUnitDetail } from '../../../contracts/org.ts';
import { type Actor, authorize, subtreeUnitIds } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { orgLink, orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { getOrgUnit } from './get-org-unit.ts';
import { allowedParentKinds, linkAt } from './queries.ts';

/**
 * Move a unit (e.g. a school to another 学区) from a date. The current placement is closed at that
 * date and a new one starts; queries "as of" an earlier date still see the old parent.
 */
export async function moveOrgUnit({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number } & TMoveOrgUnitRequest;
}): Promise<TOrgUnitDetail> {
  await authorize(tx, actor, 'org.manage', input.id, 'org.unit_not_found');
  await authorize(tx, actor, 'org.manage', input.parentId, 'org.unit_not_found');
  const [unit] = await tx.select().from(orgUnit).where(eq(orgUnit.id, input.id)).for('update');
  const [parent] = await tx.select().from(orgUnit).where(eq(orgUnit.id, input.parentId));
  if (!unit || !parent) throw new DomainError('org.unit_not_found');
  if (!allowedParentKinds[unit.kind]?.includes(parent.kind))
    throw new DomainError('org.parent_invalid', { field: 'parentId' });
  if ((await subtreeUnitIds(tx, [unit.id], input.effectiveFrom)).has(parent.id)) {
    throw new DomainError('org.parent_invalid', { field: 'parentId' });
  }
  const current = await linkAt(tx, unit.id, input.effectiveFrom);
  const later = await tx
    .select({ id: orgLink.id })
    .from(orgLink)
    .where(and(eq(orgLink.unitId, unit.id), gt(orgLink.validFrom, input.effectiveFrom)));
  if (!current || current.validFrom >= input.effectiveFrom || later.length > 0) {
    throw new DomainError('org.move_date_invalid', { field: 'effectiveFrom' });
  }
  if (current.parentId === parent.id) throw new DomainError('org.parent_invalid', { field: 'parentId' });

  await tx.update(orgLink).set({ validTo: input.effectiveFrom }).where(eq(orgLink.id, current.id));
  await tx.insert(orgLink).values({
    districtId: unit.districtId,
    unitId: unit.id,
    parentId: parent.id,
    validFrom: input.effectiveFrom,
    reason: input.reason,
  });
  await recordAudit(tx, actor, {
    action: 'org.move_unit',
    entityType: 'orgUnit',
    entityId: unit.id,
    orgId: unit.id,
    districtId: unit.districtId,
    before: { parentId: current.parentId, validFrom: current.validFrom },
    after: { parentId: parent.id, validFrom: input.effectiveFrom, reason: input.reason },
  });
  actor.scopeCache?.clear();
  return getOrgUnit({ actor, tx, input: { id: unit.id, asOf: input.effectiveFrom } });
}
