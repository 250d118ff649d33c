import { eq } from 'drizzle-orm';
import type { TCaseRevealRequest } from '../../../contracts/cases.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';
import { services } from '../../core/services.ts';
import { canReveal, canSeeCase } from './policy.ts';
import { caseRecord } from './schema.ts';

const sealed = {
  name: caseRecord.complainantNameEnc,
  phone: caseRecord.complainantPhoneEnc,
  idNumber: caseRecord.complainantIdEnc,
} as const;

/**
 * Show one of the complainant's sealed fields to a handler of the handling unit, with a reason that
 * goes into the audit trail. Everyone else only ever gets masked values.
 */
export async function revealComplainant({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number } & TCaseRevealRequest;
}): Promise<{ field: string; value: string | null }> {
  const [row] = await tx
    .select({
      orgId: caseRecord.orgId,
      districtId: caseRecord.districtId,
      accusation: caseRecord.accusation,
      accusedOrgId: caseRecord.accusedOrgId,
      value: sealed[input.field],
    })
    .from(caseRecord)
    .where(eq(caseRecord.id, input.id));
  if (!row || !(await canSeeCase(tx, actor, row))) throw new DomainError('cases.case_not_found');
  if (!(await canReveal(tx, actor, row.orgId))) throw new DomainError('auth.forbidden');
  await recordAudit(tx, actor, {
    action: 'cases.reveal',
    entityType: 'case',
    entityId: input.id,
    orgId: row.orgId,
    districtId: row.districtId,
    after: { field: input.field, reason: input.reason },
  });
  return { field: input.field, value: row.value ? services().cipher.decrypt(row.value) : null };
}
