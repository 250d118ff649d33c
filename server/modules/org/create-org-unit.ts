import { and, eq } from 'drizzle-orm';
import type { TCreateOrgUnitRequest, TOrgUnit } from '../../../contracts/org.ts';
import { type Actor, authorize, today } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { orgLink, orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { indexOrgUnit } from '../../core/search/bulk.ts';
import { getOrgUnit } from './get-org-unit.ts';
import { allowedParentKinds } from './queries.ts';

/** Add a unit under a parent the actor manages, placed from its opening date. */
export async function createOrgUnit({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TCreateOrgUnitRequest;
}): Promise<TOrgUnit> {
  await authorize(tx, actor, 'org.manage', input.parentId, 'org.unit_not_found');
  const [parent] = await tx.select().from(orgUnit).where(eq(orgUnit.id, input.parentId));
  if (!parent) throw new DomainError('org.unit_not_found', { field: 'parentId' });
  if (!allowedParentKinds[input.kind]?.includes(parent.kind))
    throw new DomainError('org.parent_invalid', { field: 'parentId' });
  checkKindFields(input.kind, input);
  const taken = await tx
    .select({ id: orgUnit.id })
    .from(orgUnit)
    .where(and(eq(orgUnit.districtId, parent.districtId), eq(orgUnit.code, input.code)));
  if (taken.length > 0) throw new DomainError('org.code_taken', { field: 'code' });

  const openedOn = input.openedOn ?? today();
  const [created] = await tx
    .insert(orgUnit)
    .values({
      districtId: parent.districtId,
      code: input.code,
      kind: input.kind,
      name: input.name,
      shortName: input.shortName ?? null,
      stage: input.stage ?? null,
      ownership: input.ownership ?? null,
      subsidised: input.subsidised ?? false,
      address: input.address ?? null,
      capacity: input.capacity ?? null,
      phone: input.phone ?? null,
      openedOn,
    })
    .returning();
  await tx.insert(orgLink).values({
    districtId: parent.districtId,
    unitId: created!.id,
    parentId: parent.id,
    validFrom: openedOn,
    reason: '新建 / created',
  });
  await recordAudit(tx, actor, {
    action: 'org.create_unit',
    entityType: 'orgUnit',
    entityId: created!.id,
    orgId: created!.id,
    districtId: parent.districtId,
    after: { ...created, parentId: parent.id },
  });
  await indexOrgUnit(tx, created!.id);
  actor.scopeCache?.clear();
  return getOrgUnit({
    actor,
    tx,
    input: { id: created!.id, asOf: openedOn > today() ? openedOn : undefined },
  });
}

/** Stage belongs to schools (and 学前 to kindergartens); ownership to schools, kindergartens, institutions. */
export function checkKindFields(
  kind: string,
  input: { stage?: string | null; ownership?: string | null },
): void {
  if (kind === 'school' && input.stage === undefined)
    throw new DomainError('request.invalid', { field: 'stage' });
  if (input.stage && !['school', 'kindergarten', 'communitySite'].includes(kind)) {
    throw new DomainError('request.invalid', { field: 'stage' });
  }
  if (input.ownership && !['school', 'kindergarten', 'trainingInstitution', 'communitySite'].includes(kind)) {
    throw new DomainError('request.invalid', { field: 'ownership' });
  }
}
