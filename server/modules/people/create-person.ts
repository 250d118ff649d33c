import { eq } from 'drizzle-orm';
import type { TCreatePersonRequest, TPerson } from '../../../contracts/people.ts';
import { type Actor, authorize } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { indexPerson } from '../../core/search/bulk.ts';
import { selectPeople, toPerson } from './queries.ts';
import { person } from './schema.ts';
import { assertIdNumberFree, sealPersonalFields } from './seal.ts';

/** Register a student, staff member or guardian at a unit the actor manages. */
export async function createPerson({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TCreatePersonRequest;
}): Promise<TPerson> {
  await authorize(tx, actor, 'people.manage', input.orgId, 'org.unit_not_found');
  const [unit] = await tx
    .select({ districtId: orgUnit.districtId })
    .from(orgUnit)
    .where(eq(orgUnit.id, input.orgId));
  if (!unit) throw new DomainError('org.unit_not_found', { field: 'orgId' });
  const sealed = sealPersonalFields(input);
  if (sealed.idNumberHash) await assertIdNumberFree(tx, unit.districtId, sealed.idNumberHash);
  const { idNumber: _i, phone: _p, address: _a, ...plain } = input;
  const [created] = await tx
    .insert(person)
    .values({ ...plain, ...sealed, districtId: unit.districtId })
    .returning();
  await recordAudit(tx, actor, {
    action: 'people.create',
    entityType: 'person',
    entityId: created!.id,
    orgId: created!.orgId,
    districtId: unit.districtId,
    after: created,
  });
  await indexPerson(tx, created!.id);
  const [row] = await selectPeople(tx).where(eq(person.id, created!.id));
  return toPerson(tx, actor, row!);
}
