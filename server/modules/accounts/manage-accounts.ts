import { and, eq, ne, sql } from 'drizzle-orm';
import type { TAccount, TCreateAccountRequest, TUpdateAccountRequest } from '../../../contracts/accounts.ts';
import { type Actor, authorize } from '../../core/access/index.ts';
import { recordAudit } from '../../core/audit/index.ts';
import type { Tx } from '../../core/db/index.ts';
import { account, grant, orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { endSessions } from '../../core/http/session.ts';
import { checkPasswordPolicy, generatePassword, hashPassword } from '../../core/passwords.ts';
import { loadAccount } from './list-accounts.ts';
import { assertMayGrant, assertStaffRole, mayManageAccount } from './policy.ts';

/** Create an account at a unit the actor manages, with grants the actor may give. */
export async function createAccount({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: TCreateAccountRequest;
}): Promise<{ account: TAccount; initialPassword: string | null }> {
  await authorize(tx, actor, 'accounts.manage', input.orgId, 'org.unit_not_found');
  const [unit] = await tx
    .select({ districtId: orgUnit.districtId })
    .from(orgUnit)
    .where(eq(orgUnit.id, input.orgId));
  if (!unit) throw new DomainError('org.unit_not_found', { field: 'orgId' });
  for (const [i, g] of input.grants.entries()) assertStaffRole(g.role, `grants.${i}.role`);
  for (const g of input.grants) await assertMayGrant(tx, actor, g.role, g.orgId);
  const taken = await tx
    .select({ id: account.id })
    .from(account)
    .where(eq(sql`lower(${account.username})`, input.username.toLowerCase()));
  if (taken.length > 0) throw new DomainError('accounts.username_taken', { field: 'username' });
  if (input.password !== undefined) checkPasswordPolicy(input.password, input.username);
  const initialPassword = input.password === undefined ? generatePassword() : null;
  const [created] = await tx
    .insert(account)
    .values({
      districtId: unit.districtId,
      orgId: input.orgId,
      username: input.username,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password ?? initialPassword!),
      mustChangePassword: true,
    })
    .returning();
  const grants = dedupe(input.grants);
  if (grants.length > 0) {
    await tx.insert(grant).values(
      grants.map((g) => ({
        ...g,
        districtId: unit.districtId,
        accountId: created!.id,
        createdBy: actor.accountId,
      })),
    );
  }
  await recordAudit(tx, actor, {
    action: 'accounts.create',
    entityType: 'account',
    entityId: created!.id,
    orgId: input.orgId,
    districtId: unit.districtId,
    after: { username: created!.username, displayName: created!.displayName, orgId: input.orgId, grants },
  });
  return { account: (await loadAccount(tx, actor, created!.id))!, initialPassword };
}

function dedupe(grants: TCreateAccountRequest['grants']) {
  const seen = new Set<string>();
  return grants.filter((g) => !seen.has(`${g.role}@${g.orgId}`) && seen.add(`${g.role}@${g.orgId}`));
}

/** Load an account for change: in scope for `accounts.manage`, locked for the transaction. */
export async function accountForChange(tx: Tx, actor: Actor, id: number) {
  const [row] = await tx.select().from(account).where(eq(account.id, id)).for('update');
  if (!row) throw new DomainError('accounts.account_not_found');
  await authorize(tx, actor, 'accounts.manage', row.orgId, 'accounts.account_not_found');
  const grants = await tx
    .select({ role: grant.role, orgId: grant.orgId })
    .from(grant)
    .where(eq(grant.accountId, row.id));
  if (!(await mayManageAccount(tx, actor, { orgId: row.orgId, grants })))
    throw new DomainError('accounts.beyond_scope');
  return row;
}

/** Rename, disable or enable an account. Disabling ends its sessions. */
export async function updateAccount({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Tx;
  input: { id: number; changes: TUpdateAccountRequest };
}): Promise<TAccount> {
  const before = await accountForChange(tx, actor, input.id);
  if (input.changes.status === 'disabled') {
    if (before.id === actor.accountId) throw new DomainError('auth.forbidden');
    await assertNotLastAdmin(tx, before.id);
    await endSessions(tx, before.id);
  }
  await tx
    .update(account)
    .set({ ...input.changes, updatedAt: new Date() })
    .where(eq(account.id, before.id));
  await recordAudit(tx, actor, {
    action: 'accounts.update',
    entityType: 'account',
    entityId: before.id,
    orgId: before.orgId,
    districtId: before.districtId,
    before: { displayName: before.displayName, status: before.status },
    after: {
      displayName: input.changes.displayName ?? before.displayName,
      status: input.changes.status ?? before.status,
    },
  });
  return (await loadAccount(tx, actor, before.id))!;
}

/** Give a new one-time password; the user must change it at next login. */
export async function resetPassword({ actor, tx, input }: { actor: Actor; tx: Tx; input: { id: number } }) {
  const row = await accountForChange(tx, actor, input.id);
  const initialPassword = generatePassword();
  await tx
    .update(account)
    .set({
      passwordHash: await hashPassword(initialPassword),
      mustChangePassword: true,
      failedAttempts: 0,
      lockedUntil: null,
      passwordChangedAt: new Date(),
    })
    .where(eq(account.id, row.id));
  await endSessions(tx, row.id);
  await recordAudit(tx, actor, {
    action: 'accounts.reset_password',
    entityType: 'account',
    entityId: row.id,
    orgId: row.orgId,
    districtId: row.districtId,
  });
  return { initialPassword };
}

export async function unlockAccount({ actor, tx, input }: { actor: Actor; tx: Tx; input: { id: number } }) {
  const row = await accountForChange(tx, actor, input.id);
  await tx.update(account).set({ failedAttempts: 0, lockedUntil: null }).where(eq(account.id, row.id));
  await recordAudit(tx, actor, {
    action: 'accounts.unlock',
    entityType: 'account',
    entityId: row.id,
    orgId: row.orgId,
    districtId: row.districtId,
    before: { lockedUntil: row.lockedUntil },
  });
  return (await loadAccount(tx, actor, row.id))!;
}

/** The platform must always keep one active system administrator. */
export async function assertNotLastAdmin(tx: Tx, accountId: number, grantId?: number): Promise<void> {
  const others = await tx
    .select({ id: grant.id })
    .from(grant)
    .innerJoin(account, eq(account.id, grant.accountId))
    .where(
      and(
        eq(grant.role, 'sysAdmin'),
        eq(account.status, 'active'),
        grantId === undefined ? ne(grant.accountId, accountId) : ne(grant.id, grantId),
      ),
    )
    .limit(1);
  const holds = await tx
    .select({ id: grant.id })
    .from(grant)
    .where(
      and(
        eq(grant.accountId, accountId),
        eq(grant.role, 'sysAdmin'),
        grantId === undefined ? undefined : eq(grant.id, grantId),
      ),
    )
    .limit(1);
  if (holds.length > 0 && others.length === 0) throw new DomainError('accounts.last_admin');
}
