import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { TImportBatch, TImportBatchListQuery } from '../../../contracts/imports.ts';
import {
  type Actor,
  canAt,
  intArray,
  type Permission,
  scopeUnitIds,
  subtreeUnitIds,
} from '../../core/access/index.ts';
import type { Executor } from '../../core/db/index.ts';
import { orgUnit } from '../../core/db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { importKind, importKinds } from '../../core/imports/kinds.ts';
import { importBatch } from '../../core/imports/schema.ts';
import { mapInOrder, offsetOf, sortBy } from '../../core/lists.ts';

/**
 * Import batches are seen by those who may import their kind at their unit (people imports by
 * `people.manage`, org-unit imports by `org.manage`, exam lists by `exams.manage`): the rows hold
 * sealed personal data. One condition per permission that some kind needs.
 */
async function scopeCondition(tx: Executor, actor: Actor): Promise<SQL> {
  const byPermission = new Map<Permission, string[]>();
  for (const kind of importKinds())
    byPermission.set(kind.permission, [...(byPermission.get(kind.permission) ?? []), kind.kind]);
  const conditions: SQL[] = [];
  for (const [permission, kinds] of byPermission) {
    const units = await scopeUnitIds(tx, actor, permission);
    if (units.size)
      conditions.push(
        and(inArray(importBatch.kind, kinds), sql`${importBatch.orgId} = ANY(${intArray(units)})`)!,
      );
  }
  return conditions.length ? or(...conditions)! : sql`false`;
}

const columns = { batch: importBatch, orgName: orgUnit.name };
const sortable = {
  id: importBatch.id,
  kind: importBatch.kind,
  status: importBatch.status,
  totalRows: importBatch.totalRows,
  errorRows: importBatch.errorRows,
};

export async function listImportBatches({
  actor,
  tx,
  input,
}: {
  actor: Actor;
  tx: Executor;
  input: TImportBatchListQuery;
}) {
  const conditions: SQL[] = [await scopeCondition(tx, actor)];
  if (input.kind) conditions.push(eq(importBatch.kind, input.kind));
  if (input.status) conditions.push(eq(importBatch.status, input.status));
  if (input.targetId) conditions.push(eq(importBatch.targetId, input.targetId));
  if (input.orgId)
    conditions.push(sql`${importBatch.orgId} = ANY(${intArray(await subtreeUnitIds(tx, [input.orgId]))})`);
  const where = and(...conditions);
  const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(importBatch).where(where);
  const rows = await tx
    .select(columns)
    .from(importBatch)
    .innerJoin(orgUnit, eq(orgUnit.id, importBatch.orgId))
    .where(where)
    .orderBy(...sortBy(input.sort ?? '-id', sortable, 'id', importBatch.id))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  return { items: await mapInOrder(rows, (r) => toBatch(tx, actor, r)), total };
}

export async function getImportBatch(tx: Executor, actor: Actor, id: number): Promise<TImportBatch> {
  const [row] = await tx
    .select(columns)
    .from(importBatch)
    .innerJoin(orgUnit, eq(orgUnit.id, importBatch.orgId))
    .where(eq(importBatch.id, id));
  const kind = row && importKind(row.batch.kind);
  if (!row || !kind || !(await canAt(tx, actor, kind.permission, row.batch.orgId)))
    throw new DomainError('imports.batch_not_found');
  return toBatch(tx, actor, row);
}

async function toBatch(
  tx: Executor,
  actor: Actor,
  { batch, orgName }: { batch: typeof importBatch.$inferSelect; orgName: string },
): Promise<TImportBatch> {
  const kind = importKind(batch.kind);
  const may = kind ? await canAt(tx, actor, kind.permission, batch.orgId) : false;
  const actions: TImportBatch['actions'] = [];
  if (may && batch.status === 'validated' && batch.errorRows === 0 && batch.validRows > 0)
    actions.push('commit');
  if (may && batch.status === 'committed') actions.push('rollback');
  return {
    ...batch,
    orgName,
    status: batch.status as TImportBatch['status'],
    createdAt: batch.createdAt.toISOString(),
    committedAt: batch.committedAt?.toISOString() ?? null,
    rolledBackAt: batch.rolledBackAt?.toISOString() ?? null,
    actions,
  };
}
