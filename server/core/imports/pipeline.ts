import type { Readable } from 'node:stream';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { type Actor, authorize } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Db, Tx } from '../db/index.ts';
import { orgUnit } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import './errors.ts';
import { importKind, type RawRow } from './kinds.ts';
import { importBatch, importRow } from './schema.ts';
import { readRows } from './workbook.ts';

/**
 * The staged import pipeline: stage (parse and validate every row into `import_row`, writing
 * nothing else) → preview → commit (one transaction, only when no row has errors) → rollback later.
 */
export const MAX_IMPORT_ROWS = 100_000;
const CHUNK = 1000;

export type Progress = (p: { stage: string; done: number; total?: number }) => void | Promise<void>;

/** Create the batch row; the caller then runs `stageImport` (in a job) on the uploaded file. */
export async function createImportBatch(
  tx: Tx,
  actor: Actor,
  input: { kind: string; orgId: number; fileName: string; fileId?: number | null; targetId?: number | null },
) {
  const kind = importKind(input.kind);
  if (!kind) throw new DomainError('imports.unknown_kind', { field: 'kind' });
  await authorize(tx, actor, kind.permission, input.orgId, 'org.unit_not_found');
  const targetId = input.targetId ?? null;
  if (kind.target) {
    if (targetId === null) throw new DomainError('imports.target_required', { field: 'targetId' });
    await kind.target.check(tx, actor, targetId, input.orgId);
  } else if (targetId !== null) throw new DomainError('request.invalid', { field: 'targetId' });
  const [unit] = await tx
    .select({ districtId: orgUnit.districtId })
    .from(orgUnit)
    .where(eq(orgUnit.id, input.orgId));
  const [batch] = await tx
    .insert(importBatch)
    .values({
      districtId: unit!.districtId,
      orgId: input.orgId,
      kind: input.kind,
      fileName: input.fileName.slice(0, 200),
      fileId: input.fileId ?? null,
      targetId,
      createdBy: actor.accountId,
    })
    .returning();
  await recordAudit(tx, actor, {
    action: 'imports.upload',
    entityType: 'importBatch',
    entityId: batch!.id,
    orgId: input.orgId,
    districtId: unit!.districtId,
    after: { kind: input.kind, fileName: batch!.fileName, ...(targetId === null ? {} : { targetId }) },
  });
  return batch!;
}

/** Parse and validate every row of the file into `import_row`; sets the batch's counts. */
export async function stageImport(
  db: Db,
  actor: Actor,
  batchId: number,
  file: Readable | string,
  progress: Progress = () => {},
): Promise<{ totalRows: number; validRows: number; errorRows: number }> {
  const [batch] = await db.select().from(importBatch).where(eq(importBatch.id, batchId));
  if (!batch) throw new DomainError('imports.batch_not_found');
  const kind = importKind(batch.kind)!;
  await db.update(importBatch).set({ status: 'validating' }).where(eq(importBatch.id, batchId));
  const counts = { totalRows: 0, validRows: 0, errorRows: 0 };
  const seen = new Map<string, { row: number; kind?: string }>();
  const ctx = { tx: db, actor, orgId: batch.orgId, districtId: batch.districtId, targetId: batch.targetId };
  let chunk: { rowNumber: number; cells: RawRow }[] = [];
  let storing: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    if (chunk.length === 0) return;
    const results = await kind.validate(
      ctx,
      chunk.map((r) => r.cells),
      seen,
      chunk.map((r) => r.rowNumber),
    );
    const staged = chunk.map((r, i) => {
      const result = results[i]!;
      if (result.ok) counts.validRows++;
      else counts.errorRows++;
      // Every row keeps its cells as typed (personal data masked) for the preview; a valid row also
      // keeps the record commit will write (personal data sealed).
      const cells = kind.maskRaw?.(r.cells) ?? r.cells;
      const data = result.ok ? { cells, value: result.value } : { cells };
      return { row_number: r.rowNumber, data, errors: result.ok ? [] : result.errors };
    });
    // One JSON parameter per chunk: binding thousands of parameters cost more than validating.
    // Pipelined: the next chunk is read and validated while PostgreSQL stores this one.
    await storing;
    // (Promise.resolve runs drizzle's lazy query exactly once; each `.then` on it would run it again.)
    storing = Promise.resolve(
      db.execute(sql`
      INSERT INTO import_row (batch_id, row_number, data, errors)
      SELECT ${batchId}, row_number, data, errors
      FROM jsonb_to_recordset(${JSON.stringify(staged)}::jsonb) AS t(row_number int, data jsonb, errors jsonb)`),
    );
    storing.catch(() => {}); // awaited before the next chunk and at the end
    chunk = [];
    await progress({ stage: 'validate', done: counts.totalRows });
  };
  try {
    const rows = readRows(file, kind.columns, (missing) => {
      throw new DomainError('imports.bad_header', { missing });
    });
    for await (const row of rows) {
      counts.totalRows++;
      if (counts.totalRows > MAX_IMPORT_ROWS) throw new DomainError('imports.too_many_rows');
      chunk.push(row);
      if (chunk.length >= CHUNK) await flush();
    }
    await flush();
    await storing;
  } catch (error) {
    await storing.catch(() => {});
    await db.delete(importRow).where(eq(importRow.batchId, batchId));
    await db
      .update(importBatch)
      .set({ status: 'failed', ...counts })
      .where(eq(importBatch.id, batchId));
    if (error instanceof DomainError) throw error;
    throw new DomainError('imports.not_a_workbook', { cause: String(error) });
  }
  await db
    .update(importBatch)
    .set({ status: 'validated', ...counts })
    .where(eq(importBatch.id, batchId));
  await progress({ stage: 'validated', done: counts.totalRows, total: counts.totalRows });
  return counts;
}

async function batchForChange(tx: Tx, actor: Actor, batchId: number) {
  const [batch] = await tx.select().from(importBatch).where(eq(importBatch.id, batchId)).for('update');
  if (!batch) throw new DomainError('imports.batch_not_found');
  const kind = importKind(batch.kind)!;
  await authorize(tx, actor, kind.permission, batch.orgId, 'imports.batch_not_found');
  return { batch, kind };
}

/** Write every row of a validated, error-free batch in one transaction. */
export async function commitImport(tx: Tx, actor: Actor, batchId: number, progress: Progress = () => {}) {
  const { batch, kind } = await batchForChange(tx, actor, batchId);
  if (batch.status !== 'validated') throw new DomainError('imports.wrong_status');
  if (batch.errorRows > 0) throw new DomainError('imports.has_errors');
  let committed = 0;
  let after = 0;
  for (;;) {
    const rows = await tx
      .select({ rowNumber: importRow.rowNumber, data: importRow.data })
      .from(importRow)
      .where(and(eq(importRow.batchId, batchId), gt(importRow.rowNumber, after)))
      .orderBy(asc(importRow.rowNumber))
      .limit(CHUNK * 5);
    if (rows.length === 0) break;
    committed += await kind.commit(
      tx,
      actor,
      batch,
      rows.map((r) => (r.data as { value: unknown }).value),
    );
    after = rows.at(-1)!.rowNumber;
    await progress({ stage: 'commit', done: committed, total: batch.validRows });
  }
  await tx
    .update(importBatch)
    .set({ status: 'committed', committedRows: committed, committedAt: new Date() })
    .where(eq(importBatch.id, batchId));
  await recordAudit(tx, actor, {
    action: 'imports.commit',
    entityType: 'importBatch',
    entityId: batchId,
    orgId: batch.orgId,
    districtId: batch.districtId,
    after: { kind: batch.kind, rows: committed },
  });
  return { committedRows: committed };
}
/** Remove exactly what a committed batch wrote. */
export async function rollbackImport(tx: Tx, actor: Actor, batchId: number) {
  const { batch, kind } = await batchForChange(tx, actor, batchId);
  if (batch.status !== 'committed') throw new DomainError('imports.wrong_status');
  const removed = await kind.rollback(tx, actor, batch);
  await tx
    .update(importBatch)
    .set({ status: 'rolledBack', rolledBackAt: new Date() })
    .where(eq(importBatch.id, batchId));
  await recordAudit(tx, actor, {
    action: 'imports.rollback',
    entityType: 'importBatch',
    entityId: batchId,
    orgId: batch.orgId,
    districtId: batch.districtId,
    after: { kind: batch.kind, removed },
  });
  return { removedRows: removed };
}
