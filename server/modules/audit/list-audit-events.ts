import { and, eq, gte, like, lt, or, type SQL, sql } from 'drizzle-orm';
import type { TAuditList, TAuditListQuery } from '../../../contracts/audit.ts';
import { type Actor, intArray, scopeUnitIds } from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { auditEvent, orgUnit } from '../../core/db/schema.ts';
import { offsetOf, prefixPattern, sortBy } from '../../core/lists.ts';

const sortable = { seq: auditEvent.seq, action: auditEvent.action, actorName: auditEvent.actorName };

/**
 * Audit events in the actor's `audit.read` scope: events about units in scope, and events about no
 * unit (system, login) when the district root is in scope.
 */
export async function listAuditEvents({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TAuditListQuery;
}): Promise<TAuditList> {
  const where = await auditConditions(tx, actor, input);
  const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(auditEvent).where(where);
  const rows = await tx
    .select({ event: auditEvent, orgName: orgUnit.name })
    .from(auditEvent)
    .leftJoin(orgUnit, eq(orgUnit.id, auditEvent.orgId))
    .where(where)
    .orderBy(...sortBy(input.sort ?? '-seq', sortable, 'seq', auditEvent.seq))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  return {
    items: rows.map(({ event, orgName }) => ({
      seq: event.seq,
      at: event.at.toISOString(),
      actorId: event.actorId,
      actorName: event.actorName,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      orgId: event.orgId,
      orgName: orgName ?? null,
      before: event.before,
      after: event.after,
      ip: event.ip,
      hash: event.hash,
    })),
    total,
  };
}

async function auditConditions(tx: Executor, actor: Actor, input: TAuditListQuery): Promise<SQL> {
  const scope = await scopeUnitIds(tx, actor, 'audit.read');
  const conditions: SQL[] = [
    scope.size === 0
      ? sql`false`
      : or(
          sql`${auditEvent.orgId} = ANY(${intArray(scope)})`,
          and(
            sql`${auditEvent.orgId} IS NULL`,
            sql`coalesce(${auditEvent.districtId}, -1) = ANY(${intArray(scope)})`,
          ),
          and(
            sql`${auditEvent.orgId} IS NULL`,
            sql`${auditEvent.districtId} IS NULL`,
            sql`${actor.districtId ?? -1} = ANY(${intArray(scope)})`,
          ),
        )!,
  ];
  // "people." matches every people action; "people.reveal" exactly that one.
  if (input.action)
    conditions.push(
      input.action.endsWith('.')
        ? like(auditEvent.action, prefixPattern(input.action))
        : eq(auditEvent.action, input.action),
    );
  if (input.entityType) conditions.push(eq(auditEvent.entityType, input.entityType));
  if (input.entityId) conditions.push(eq(auditEvent.entityId, input.entityId));
  if (input.actorId) conditions.push(eq(auditEvent.actorId, input.actorId));
  if (input.from)
    conditions.push(gte(auditEvent.at, sql`(${input.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`));
  if (input.to)
    conditions.push(
      lt(auditEvent.at, sql`((${input.to}::date + 1)::timestamp) AT TIME ZONE 'Asia/Shanghai'`),
    );
  return and(...conditions)!;
}
