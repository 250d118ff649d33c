import { and, eq } from 'drizzle-orm';
import type { TAccount, TAddGrantRequest } from '../../../contracts/accounts.ts';
import type { Actor } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { grant } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { loadAccount } from './list-accounts.ts';
import { accountForChange, assertNotLastAdmin } from './manage-accounts.ts';
import { assertMayGrant, assertStaffRole } from './policy.ts';

/** Grant a role at a unit (covering its subtree). Granting twice changes nothing. */
export async function addGrant({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { accountId: number } & TAddGrantRequest;
}): Promise<TAccount> {
  const row = await accountForChange(tx, actor, input.accountId);
  assertStaffRole(input.role);
  await assertMayGrant(tx, actor, input.role, input.orgId);
  const inserted = await tx
    .insert(grant)
    .values({
      districtId: row.districtId,
      accountId: row.id,
      role: input.role,
      orgId: input.orgId,
      createdBy: actor.accountId,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted.length > 0) {
    await recordAudit(tx, actor, {
      action: 'accounts.grant',
      entityType: 'account',
      entityId: row.id,
      orgId: row.orgId,
      districtId: row.districtId,
      after: { role: input.role, orgId: input.orgId },
    });
  }
  return (await loadAccount(tx, actor, row.id))!;
}

/** Revoke a grant. Grants are read at every request, so the change applies at once. */
export async function revokeGrant({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { accountId: number; grantId: number };
}): Promise<TAccount> {
  const row = await accountForChange(tx, actor, input.accountId);
  const [target] = await tx
    .select()
    .from(grant)
    .where(and(eq(grant.id, input.grantId), eq(grant.accountId, row.id)));
  if (!target) throw new DomainError('accounts.grant_not_found');
  await assertMayGrant(tx, actor, target.role as TAddGrantRequest['role'], target.orgId);
  await assertNotLastAdmin(tx, row.id, target.id);
  await tx.delete(grant).where(eq(grant.id, target.id));
  await recordAudit(tx, actor, {
    action: 'accounts.revoke',
    entityType: 'account',
    entityId: row.id,
    orgId: row.orgId,
    districtId: row.districtId,
    before: { role: target.role, orgId: target.orgId },
  });
  return (await loadAccount(tx, actor, row.id))!;
}
