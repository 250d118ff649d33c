import { eq } from 'drizzle-orm';
import type { TPerson, TUpdatePersonRequest } from '../../../contracts/people.ts';
import { type Actor, authorize } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { indexPerson } from '../../core/search/bulk.ts';
import { selectPeople, toPerson } from './queries.ts';
import { person } from './schema.ts';
import { assertIdNumberFree, sealPersonalFields } from './seal.ts';

/** Change a person's fields; sealed fields are re-sealed, the trail keeps only masked values. */
export async function updatePerson({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; changes: TUpdatePersonRequest };
}): Promise<TPerson> {
  const [before] = await tx.select().from(person).where(eq(person.id, input.id)).for('update');
  if (!before) throw new DomainError('people.person_not_found');
  await authorize(tx, actor, 'people.manage', before.orgId, 'people.person_not_found');
  const { idNumber, phone, address, ...plain } = input.changes;
  const sealed = sealPersonalFields({ idNumber, phone, address });
  if (sealed.idNumberHash) await assertIdNumberFree(tx, before.districtId, sealed.idNumberHash, before.id);
  const [after] = await tx
    .update(person)
    .set({ ...plain, ...sealed, updatedAt: new Date() })
    .where(eq(person.id, input.id))
    .returning();
  const changed = Object.keys({ ...plain, ...sealed }) as (keyof typeof before)[];
  await recordAudit(tx, actor, {
    action: 'people.update',
    entityType: 'person',
    entityId: input.id,
    orgId: before.orgId,
    districtId: before.districtId,
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after![k]])),
  });
  await indexPerson(tx, input.id);
  const [row] = await selectPeople(tx).where(eq(person.id, input.id));
  return toPerson(tx, actor, row!);
}
