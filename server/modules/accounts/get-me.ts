import { eq, inArray } from 'drizzle-orm';
import type { TMe } from '../../../contracts/accounts.ts';
import { type Actor, permissions, roleHas } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { account, orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { menuFor } from '../../core/modules.ts';

/** The logged-in user: who they are, their grants, what they may open (the web's menu). */
export async function getMe({
  actor,
  tx,
  csrfToken,
}: {
  actor: Actor;
  tx: Executor;
  csrfToken: string;
}): Promise<TMe> {
  if (!actor.accountId) throw new DomainError('auth.unauthenticated');
  const [row] = await tx
    .select({ account, orgName: orgUnit.name })
    .from(account)
    .innerJoin(orgUnit, eq(orgUnit.id, account.orgId))
    .where(eq(account.id, actor.accountId));
  if (!row) throw new DomainError('auth.unauthenticated');
  const unitIds = [...new Set(actor.grants.map((g) => g.orgId))];
  const names = unitIds.length
    ? await tx
        .select({ id: orgUnit.id, name: orgUnit.name })
        .from(orgUnit)
        .where(inArray(orgUnit.id, unitIds))
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return {
    id: row.account.id,
    username: row.account.username,
    displayName: row.account.displayName,
    orgId: row.account.orgId,
    orgName: row.orgName,
    districtId: row.account.districtId,
    mustChangePassword: row.account.mustChangePassword,
    grants: actor.grants.map((g) => ({
      role: g.role as TMe['grants'][number]['role'],
      orgId: g.orgId,
      orgName: nameOf.get(g.orgId) ?? '',
    })),
    permissions: permissions.filter((p) => actor.grants.some((g) => roleHas(g.role, p))),
    modules: menuFor(actor),
    csrfToken,
  };
}
