import { eq } from 'drizzle-orm';
import type { TOrgUnit, TUpdateOrgUnitRequest } from '../../../contracts/org.ts';
import { type Actor, authorize } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { indexOrgUnit, reindexPeopleOfUnit } from '../../core/search/bulk.ts';
import { checkKindFields } from './create-org-unit.ts';
import { getOrgUnit } from './get-org-unit.ts';

/** Change a unit's descriptive fields (not its code, kind or place in the tree). */
export async function updateOrgUnit({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; changes: TUpdateOrgUnitRequest };
}): Promise<TOrgUnit> {
  await authorize(tx, actor, 'org.manage', input.id, 'org.unit_not_found');
  const [before] = await tx.select().from(orgUnit).where(eq(orgUnit.id, input.id)).for('update');
  if (!before) throw new DomainError('org.unit_not_found');
  checkKindFields(before.kind, {
    stage: input.changes.stage ?? before.stage,
    ownership: input.changes.ownership,
  });
  const [after] = await tx
    .update(orgUnit)
    .set({ ...input.changes, updatedAt: new Date() })
    .where(eq(orgUnit.id, input.id))
    .returning();
  await recordAudit(tx, actor, {
    action: 'org.update_unit',
    entityType: 'orgUnit',
    entityId: input.id,
    orgId: input.id,
    districtId: before.districtId,
    before: pick(before, Object.keys(input.changes)),
    after: pick(after!, Object.keys(input.changes)),
  });
  await indexOrgUnit(tx, input.id);
  if (input.changes.name !== undefined && input.changes.name !== before.name)
    await reindexPeopleOfUnit(tx, input.id);
  return getOrgUnit({ actor, tx, input: { id: input.id } });
}

function pick<T extends object>(row: T, keys: string[]): Partial<T> {
  return Object.fromEntries(keys.map((k) => [k, row[k as keyof T]])) as Partial<T>;
}
