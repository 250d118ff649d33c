import { and, asc, eq, exists, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { TAccount, TAccountList, TAccountListQuery } from '../../../contracts/accounts.ts';
import { type Actor, intArray, scopeFilter, subtreeUnitIds } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { account, grant, orgUnit } from '../../core/db/schema.ts';
import { containsPattern, mapInOrder, offsetOf, sortBy } from '../../core/lists.ts';
import { accountActions } from './policy.ts';

const sortable = {
  username: account.username,
  displayName: account.displayName,
  lastLoginAt: account.lastLoginAt,
  createdAt: account.createdAt,
};

/** Accounts whose home unit is in the actor's `accounts.read` scope, with their grants. */
export async function listAccounts({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TAccountListQuery;
}): Promise<TAccountList> {
  const conditions: SQL[] = [await scopeFilter(tx, actor, 'accounts.read', account.orgId)];
  if (input.status) conditions.push(eq(account.status, input.status));
  if (input.q) {
    const pattern = containsPattern(input.q);
    conditions.push(or(ilike(account.username, pattern), ilike(account.displayName, pattern))!);
  }
  if (input.orgId)
    conditions.push(sql`${account.orgId} = ANY(${intArray(await subtreeUnitIds(tx, [input.orgId]))})`);
  if (input.role) {
    conditions.push(
      exists(
        tx
          .select({ one: sql`1` })
          .from(grant)
          .where(and(eq(grant.accountId, account.id), eq(grant.role, input.role))),
      ),
    );
  }
  const where = and(...conditions);
  const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(account).where(where);
  const rows = await tx
    .select({ account, orgName: orgUnit.name })
    .from(account)
    .innerJoin(orgUnit, eq(orgUnit.id, account.orgId))
    .where(where)
    .orderBy(...sortBy(input.sort, sortable, 'username', account.id))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  return { items: await toAccounts(tx, actor, rows), total };
}

type AccountRow = { account: typeof account.$inferSelect; orgName: string };

export async function toAccounts(tx: Executor, actor: Actor, rows: AccountRow[]): Promise<TAccount[]> {
  const ids = rows.map((r) => r.account.id);
  const grants = ids.length
    ? await tx
        .select({
          id: grant.id,
          accountId: grant.accountId,
          role: grant.role,
          orgId: grant.orgId,
          orgName: orgUnit.name,
          createdAt: grant.createdAt,
        })
        .from(grant)
        .innerJoin(orgUnit, eq(orgUnit.id, grant.orgId))
        .where(inArray(grant.accountId, ids))
        .orderBy(asc(grant.id))
    : [];
  const now = new Date();
  return mapInOrder(rows, async ({ account: a, orgName }) => {
    const locked = !!a.lockedUntil && a.lockedUntil > now;
    const own = grants.filter((g) => g.accountId === a.id);
    return {
      id: a.id,
      username: a.username,
      displayName: a.displayName,
      orgId: a.orgId,
      orgName,
      status: a.status as TAccount['status'],
      locked,
      lastLoginAt: a.lastLoginAt?.toISOString() ?? null,
      createdAt: a.createdAt.toISOString(),
      grants: own.map((g) => ({
        id: g.id,
        role: g.role as TAccount['grants'][number]['role'],
        orgId: g.orgId,
        orgName: g.orgName,
        createdAt: g.createdAt.toISOString(),
      })),
      actions: await accountActions(tx, actor, {
        id: a.id,
        orgId: a.orgId,
        status: a.status,
        locked,
        grants: own,
      }),
    };
  });
}

/** One account as the list shows it, or undefined when it is outside the actor's scope. */
export async function loadAccount(tx: Executor, actor: Actor, id: number): Promise<TAccount | undefined> {
  const rows = await tx
    .select({ account, orgName: orgUnit.name })
    .from(account)
    .innerJoin(orgUnit, eq(orgUnit.id, account.orgId))
    .where(and(eq(account.id, id), await scopeFilter(tx, actor, 'accounts.read', account.orgId)));
  return (await toAccounts(tx, actor, rows))[0];
}
