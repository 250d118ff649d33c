import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';
import { DomainError } from '../errors.ts';
import { type Permission, roleHas } from './roles.ts';

export * from './roles.ts';

export interface ActorGrant {
  role: string;
  orgId: number;
}

/** Who is acting: a logged-in account, or the system itself (start-up, demo, CLI). */
export interface Actor {
  accountId: number | null;
  username: string;
  displayName: string;
  districtId: number | null;
  orgId: number | null;
  grants: ActorGrant[];
  ip?: string;
  requestId?: string;
  /** Per-request memo of scope sets, so a list of 200 rows asks the database once per permission. */
  scopeCache?: Map<string, Set<number>>;
}

export function systemActor(label: string): Actor {
  return {
    accountId: null,
    username: `system:${label}`,
    displayName: label,
    districtId: null,
    orgId: null,
    grants: [],
  };
}

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((g) => roleHas(g.role, permission));
}

// One formatter for the process: building one per call cost ≈0.5 ms, and lists call this per row.
const districtDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** The district's calendar day (Asia/Shanghai), as an ISO date. */
export function today(): string {
  return districtDay.format(new Date());
}

/** The org units a permission covers for this actor, as of a date: the granted units' subtrees. */
export async function scopeUnitIds(
  tx: Executor,
  actor: Actor,
  permission: Permission,
  asOf: string = today(),
): Promise<Set<number>> {
  const key = `${permission}@${asOf}`;
  const cached = actor.scopeCache?.get(key);
  if (cached) return cached;
  const roots = actor.grants.filter((g) => roleHas(g.role, permission)).map((g) => g.orgId);
  const ids = await subtreeUnitIds(tx, roots, asOf);
  actor.scopeCache ??= new Map();
  actor.scopeCache.set(key, ids);
  return ids;
}

/** The units of the subtrees under `roots` (the roots included), by placement as of a date. */
export async function subtreeUnitIds(
  tx: Executor,
  roots: number[],
  asOf: string = today(),
): Promise<Set<number>> {
  if (roots.length === 0) return new Set();
  const result = await tx.execute<{ id: number }>(sql`
    WITH RECURSIVE sub(id) AS (
      SELECT unnest(${intArray(roots)})
      UNION
      SELECT l.unit_id FROM org_link l JOIN sub s ON l.parent_id = s.id
      WHERE l.valid_from <= ${asOf}::date AND (l.valid_to IS NULL OR l.valid_to > ${asOf}::date)
    )
    SELECT id FROM sub`);
  return new Set(result.rows.map((r) => Number(r.id)));
}

/** An int[] literal for a set of ids (ids are integers we read from the database, never user text). */
export function intArray(ids: Iterable<number>) {
  const list = [...ids].map((id) => {
    if (!Number.isSafeInteger(id)) throw new Error(`not an id: ${id}`);
    return id;
  });
  return sql.raw(`'{${list.join(',')}}'::int[]`);
}

/** An SQL condition "`column` is in the actor's scope for `permission`", for list queries. */
export async function scopeFilter(
  tx: Executor,
  actor: Actor,
  permission: Permission,
  column: SQLWrapper,
  asOf: string = today(),
): Promise<SQL> {
  const ids = await scopeUnitIds(tx, actor, permission, asOf);
  if (ids.size === 0) return sql`false`;
  return sql`${column} = ANY(${intArray(ids)})`;
}

/** True when the actor holds `permission` at `orgId` (through a grant on it or an ancestor). */
export async function canAt(
  tx: Executor,
  actor: Actor,
  permission: Permission,
  orgId: number,
  asOf: string = today(),
): Promise<boolean> {
  return (await scopeUnitIds(tx, actor, permission, asOf)).has(orgId);
}

/**
 * Refuse unless the actor holds `permission` at `orgId`. Out-of-scope rows answer as "not found"
 * (`notFoundCode`), so that a user cannot probe for records outside their scope.
 */
export async function authorize(
  tx: Executor,
  actor: Actor,
  permission: Permission,
  orgId: number,
  notFoundCode: string,
): Promise<void> {
  if (await canAt(tx, actor, permission, orgId)) return;
  if (await canAt(tx, actor, permissionToSee(permission), orgId)) throw new DomainError('auth.forbidden');
  throw new DomainError(notFoundCode);
}

function permissionToSee(permission: Permission): Permission {
  const [area] = permission.split('.');
  return `${area}.read` as Permission;
}

/** The actions this actor may take on a row owned by `orgId`: the UI shows buttons from these. */
export async function allowedActions<A extends string>(
  tx: Executor,
  actor: Actor,
  orgId: number,
  table: Record<A, Permission>,
): Promise<A[]> {
  const out: A[] = [];
  for (const [action, permission] of Object.entries(table) as [A, Permission][]) {
    if (await canAt(tx, actor, permission, orgId)) out.push(action);
  }
  return out;
}
