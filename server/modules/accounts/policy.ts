import type { TAccount } from '../../../contracts/accounts.ts';
import { type Actor, canAt, type Permission, type Role, roles } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { DomainError } from '../../core/errors.ts';

/** What the actor may do to an account, from their `accounts.manage` scope over its home unit. */
export async function accountActions(
  tx: Executor,
  actor: Actor,
  row: { id: number; orgId: number; status: string; locked: boolean },
): Promise<TAccount['actions']> {
  if (!(await canAt(tx, actor, 'accounts.manage', row.orgId))) return [];
  const actions: TAccount['actions'] = ['edit', 'resetPassword', 'grant'];
  if (row.id !== actor.accountId) actions.push(row.status === 'active' ? 'disable' : 'enable');
  if (row.locked) actions.push('unlock');
  return actions;
}

/**
 * No escalation: one may grant a role at a unit only where one manages accounts and already holds
 * every permission of that role.
 */
export async function assertMayGrant(tx: Executor, actor: Actor, role: Role, orgId: number): Promise<void> {
  if (!(await canAt(tx, actor, 'accounts.manage', orgId)))
    throw new DomainError('accounts.grant_escalation', { field: 'orgId' });
  for (const permission of roles[role] as readonly Permission[]) {
    if (!(await canAt(tx, actor, permission, orgId)))
      throw new DomainError('accounts.grant_escalation', { field: 'role' });
  }
}
