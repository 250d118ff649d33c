import { and, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { TCase, TCaseState } from '../../../contracts/cases.ts';
import {
  type Actor,
  canAt,
  intArray,
  type Permission,
  roleHas,
  scopeFilter,
  scopeUnitIds,
  subtreeUnitIds,
  today,
} from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { terminalStates, transitions } from './transitions.ts';

/**
 * Who sees and does what with a case. A case is seen by whoever holds `cases.read` at its handling
 * unit — except an accusation (检举), which is never shown to the accused unit: anyone whose own
 * unit or granted unit lies inside the accused unit's subtree (filtered in SQL, like scope).
 */

let day = { until: 0, value: '' };

/**
 * Today in Beijing, memoised for a minute: core/access `today()` builds an Intl formatter on every
 * call (≈0.5 ms), and a list asks for it several times per row.
 */
export function currentDay(): string {
  const now = Date.now();
  if (now >= day.until) day = { until: now + 60_000 - (now % 60_000), value: today() };
  return day.value;
}

const casePermissions: Permission[] = ['cases.read', 'cases.handle', 'cases.dispatch', 'cases.reveal'];

/**
 * Fill the actor's per-request scope memo for the four case permissions with one subtree query per
 * distinct set of granted units (an officer's four are the same subtree): a list row's actions then
 * cost no query. Uses the memo key of core/access `scopeUnitIds` (`permission@date`).
 */
export async function primeCaseScopes(tx: Executor, actor: Actor): Promise<void> {
  const asOf = currentDay();
  const byRoots = new Map<string, Permission[]>();
  for (const permission of casePermissions) {
    if (actor.scopeCache?.has(`${permission}@${asOf}`)) continue;
    const roots = [...new Set(actor.grants.filter((g) => roleHas(g.role, permission)).map((g) => g.orgId))];
    const key = roots.sort((a, b) => a - b).join(',');
    byRoots.set(key, [...(byRoots.get(key) ?? []), permission]);
  }
  for (const [key, permissions] of byRoots) {
    const ids = key ? await subtreeUnitIds(tx, key.split(',').map(Number), asOf) : new Set<number>();
    actor.scopeCache ??= new Map();
    for (const permission of permissions) actor.scopeCache.set(`${permission}@${asOf}`, ids);
  }
}

/** The accused units whose cases this actor must not see: every ancestor of the actor's units. */
export async function accusedBlockIds(tx: Executor, actor: Actor): Promise<Set<number>> {
  const asOf = currentDay();
  const key = `cases.ancestors@${asOf}`;
  const cached = actor.scopeCache?.get(key);
  if (cached) return cached;
  const own = [
    ...new Set([actor.orgId, ...actor.grants.map((g) => g.orgId)].filter((id): id is number => id !== null)),
  ];
  let ids = new Set<number>();
  if (own.length) {
    const { rows } = await tx.execute<{ id: number }>(sql`
      WITH RECURSIVE up(id) AS (
        SELECT unnest(${intArray(own)})
        UNION
        SELECT l.parent_id FROM org_link l JOIN up u ON l.unit_id = u.id
        WHERE l.valid_from <= ${asOf}::date AND (l.valid_to IS NULL OR l.valid_to > ${asOf}::date)
      )
      SELECT id FROM up`);
    ids = new Set(rows.map((r) => Number(r.id)));
  }
  actor.scopeCache ??= new Map();
  actor.scopeCache.set(key, ids);
  return ids;
}

/** SQL: the case row is in the actor's scope for `permission` and not an accusation against them. */
export async function caseVisible(
  tx: Executor,
  actor: Actor,
  columns: { districtId: SQLWrapper; orgId: SQLWrapper; accusation: SQLWrapper; accusedOrgId: SQLWrapper },
  permission: 'cases.read' | 'cases.handle' = 'cases.read',
): Promise<SQL> {
  await primeCaseScopes(tx, actor);
  // The district condition lets (district_id, received_at) serve the usual newest-first page.
  const scope = and(
    actor.districtId === null ? undefined : sql`${columns.districtId} = ${actor.districtId}`,
    await scopeFilter(tx, actor, permission, columns.orgId, currentDay()),
  ) as SQL;
  const blocked = await accusedBlockIds(tx, actor);
  if (blocked.size === 0) return scope;
  return and(
    scope,
    sql`NOT (${columns.accusation} AND ${columns.accusedOrgId} = ANY(${intArray(blocked)}))`,
  ) as SQL;
}

/** True when the actor may see this one case. */
export async function canSeeCase(
  tx: Executor,
  actor: Actor,
  row: { orgId: number; accusation: boolean; accusedOrgId: number | null },
): Promise<boolean> {
  await primeCaseScopes(tx, actor);
  if (!(await canAt(tx, actor, 'cases.read', row.orgId, currentDay()))) return false;
  if (row.accusation && row.accusedOrgId !== null && (await accusedBlockIds(tx, actor)).has(row.accusedOrgId))
    return false;
  return true;
}

/**
 * Who may see the complainant in plain text: the handlers of the handling unit (cases.handle and
 * cases.reveal there), and only by an audited reveal; every response carries masked values.
 */
export async function canReveal(tx: Executor, actor: Actor, orgId: number): Promise<boolean> {
  const asOf = currentDay();
  return (
    (await canAt(tx, actor, 'cases.reveal', orgId, asOf)) &&
    (await canAt(tx, actor, 'cases.handle', orgId, asOf))
  );
}

/** The actions this actor may take on a case now: the UI shows buttons from these. */
export async function caseActions(
  tx: Executor,
  actor: Actor,
  row: { kind: TCase['kind']; state: TCaseState; orgId: number; mergedIntoId: number | null },
): Promise<TCase['actions']> {
  const out: TCase['actions'] = [];
  await primeCaseScopes(tx, actor);
  const handle = await scopeUnitIds(tx, actor, 'cases.handle', currentDay());
  const dispatch = await scopeUnitIds(tx, actor, 'cases.dispatch', currentDay());
  for (const t of transitions) {
    if (t.kind !== row.kind || !t.from.includes(row.state)) continue;
    if ((t.permission === 'cases.dispatch' ? dispatch : handle).has(row.orgId)) out.push(t.action);
  }
  if (await canReveal(tx, actor, row.orgId)) out.push('reveal');
  if (dispatch.has(row.orgId)) {
    if (row.mergedIntoId !== null) out.push('unmerge');
    else if (!terminalStates.includes(row.state)) out.push('merge');
    out.push('link');
  }
  return out;
}
