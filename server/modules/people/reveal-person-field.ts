import { eq } from 'drizzle-orm';
import type { TRevealRequest } from '../../../contracts/people.ts';
import { type Actor, authorize } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { services } from '../../core/services.ts';
import { person } from './schema.ts';

const sealed = { idNumber: person.idNumberEnc, phone: person.phoneEnc, address: person.addressEnc } as const;

/** Show one sealed field in plain text. Every reveal is an audit event with the stated reason. */
export async function revealPersonField({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number } & TRevealRequest;
}): Promise<{ field: TRevealRequest['field']; value: string | null }> {
  const [row] = await tx
    .select({ orgId: person.orgId, districtId: person.districtId, value: sealed[input.field] })
    .from(person)
    .where(eq(person.id, input.id));
  if (!row) throw new DomainError('people.person_not_found');
  await authorize(tx, actor, 'people.reveal', row.orgId, 'people.person_not_found');
  await recordAudit(tx, actor, {
    action: 'people.reveal',
    entityType: 'person',
    entityId: input.id,
    orgId: row.orgId,
    districtId: row.districtId,
    after: { field: input.field, reason: input.reason },
  });
  return { field: input.field, value: row.value ? services().cipher.decrypt(row.value) : null };
}
