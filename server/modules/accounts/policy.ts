import type { TAccount } from '../../../contracts/accounts.ts';
import { type Actor, canAt, type Permission, type Role, roleNames, roles } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';

/**
 * No escalation: one may grant a role at a unit only where one manages accounts and already holds
 * every permission of that role; and one may manage an account only if one could have given it
 * every grant it holds (a principal cannot reset the password of a district administrator whose
 * home unit happens to be their school).
 */
export async function grantRefusal(
  tx: Executor,
  actor: Actor,
  role: string,
  orgId: number,
): Promise<'orgId' | 'role' | undefined> {
  if (!(await canAt(tx, actor, 'accounts.manage', orgId))) return 'orgId';
  for (const permission of (roles[role as Role] ?? []) as readonly Permission[]) {
    if (!(await canAt(tx, actor, permission, orgId))) return 'role';
  }
  return undefined;
}

/**
 * The roles a staff account may be given: all but `parent`, which only a parent's own registration
 * holds (docs/adr/0003-parent-accounts.md). Revoking a parent grant stays possible.
 */
export const staffRoleNames = roleNames.filter((role) => role !== 'parent');

export function assertStaffRole(role: string, field = 'role'): void {
  if (!(staffRoleNames as string[]).includes(role)) throw new DomainError('accounts.parent_role', { field });
}

export async function assertMayGrant(tx: Executor, actor: Actor, role: Role, orgId: number): Promise<void> {
  const field = await grantRefusal(tx, actor, role, orgId);
  if (field) throw new DomainError('accounts.grant_escalation', { field });
}

export async function mayManageAccount(
  tx: Executor,
  actor: Actor,
  target: { orgId: number; grants: { role: string; orgId: number }[] },
): Promise<boolean> {
  if (!(await canAt(tx, actor, 'accounts.manage', target.orgId))) return false;
  for (const g of target.grants) if (await grantRefusal(tx, actor, g.role, g.orgId)) return false;
  return true;
}

/** What the actor may do to an account: nothing unless they may manage it (see above). */
export async function accountActions(
  tx: Executor,
  actor: Actor,
  row: {
    id: number;
    orgId: number;
    status: string;
    locked: boolean;
    grants: { role: string; orgId: number }[];
  },
): Promise<TAccount['actions']> {
  if (!(await mayManageAccount(tx, actor, row))) return [];
  const actions: TAccount['actions'] = ['edit', 'resetPassword', 'grant'];
  if (row.id !== actor.accountId) actions.push(row.status === 'active' ? 'disable' : 'enable');
  if (row.locked) actions.push('unlock');
  return actions;
}
