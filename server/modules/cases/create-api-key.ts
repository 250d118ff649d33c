import { randomBytes } from 'node:crypto';
import { type Actor, authorize } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { services } from '../../core/services.ts';
import { caseApiKey } from './schema.ts';

/** A new Open311 API key for a partner system: shown once, stored only as a keyed hash (audited). */
export async function createApiKey({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { name: string };
}): Promise<{ id: number; name: string; key: string }> {
  const districtId = actor.districtId!;
  await authorize(tx, actor, 'cases.manage', districtId, 'cases.case_not_found');
  const key = randomBytes(24).toString('base64url');
  const [row] = await tx
    .insert(caseApiKey)
    .values({
      districtId,
      name: input.name,
      keyHash: services().cipher.lookupHash(`open311:${key}`),
      createdBy: actor.accountId,
    })
    .returning({ id: caseApiKey.id });
  await recordAudit(tx, actor, {
    action: 'cases.api_key_create',
    entityType: 'caseApiKey',
    entityId: row!.id,
    orgId: districtId,
    districtId,
    after: { name: input.name },
  });
  return { id: row!.id, name: input.name, key };
}
