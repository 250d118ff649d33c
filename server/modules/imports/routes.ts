import { PassThrough } from 'node:stream';
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ZId } from '../../../contracts/common.ts';
import {
  ZImportBatch,
  ZImportBatchList,
  ZImportBatchListQuery,
  ZImportKind,
  ZImportRowList,
  ZImportRowQuery,
  ZJobStarted,
  ZUploadImportFields,
} from '../../../contracts/imports.ts';
import { hasPermission } from '../../core/access/index.ts';
import { DomainError } from '../../core/errors.ts';
import { storeFile } from '../../core/files/index.ts';
import { exportRoute } from '../../core/http/export-route.ts';
import { multipartFields } from '../../core/http/multipart.ts';
import { type AnyRoute, defineRoute } from '../../core/http/route.ts';
import { importKind, importKinds } from '../../core/imports/kinds.ts';
import { createImportBatch, rollbackImport } from '../../core/imports/pipeline.ts';
import { importBatch, importRow } from '../../core/imports/schema.ts';
import { writeTemplate } from '../../core/imports/workbook.ts';
import { enqueueJob } from '../../core/jobs/index.ts';
import { offsetOf } from '../../core/lists.ts';
import { commitJob, stageJob } from './jobs.ts';
import { getImportBatch, listImportBatches } from './queries.ts';

const tags = ['imports'];
const ZIdParams = z.object({ id: ZId });
const statusLabels: Record<string, string> = {
  uploaded: '已上传',
  validating: '校验中',
  validated: '已校验',
  committing: '提交中',
  committed: '已导入',
  rolledBack: '已撤销',
  failed: '失败',
};

export const importRoutes: AnyRoute[] = [
  defineRoute({
    method: 'GET',
    url: '/api/imports/kinds',
    summary: 'Import types the user may use, with their columns',
    tags,
    access: 'session',
    response: z.array(ZImportKind),
    handler: async ({ actor }) =>
      importKinds()
        .filter((k) => hasPermission(actor, k.permission))
        .map((k) => ({
          kind: k.kind,
          zh: k.zh,
          en: k.en,
          permission: k.permission,
          target: k.target ? { entityType: k.target.entityType, zh: k.target.zh, en: k.target.en } : null,
          columns: k.columns.map((c) => ({
            key: c.key,
            header: c.header,
            headerEn: c.headerEn,
            required: !!c.required,
            hint: c.hint ?? '',
          })),
        })),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/imports/templates/:kind',
    summary: 'Download the Excel template of an import type',
    tags,
    access: 'session',
    params: z.object({ kind: z.string().max(40) }),
    handler: async ({ actor, params, reply }) => {
      const kind = importKind(params.kind.replace(/\.xlsx$/, ''));
      if (!kind) throw new DomainError('imports.unknown_kind', { field: 'kind' });
      if (!hasPermission(actor, kind.permission)) throw new DomainError('auth.forbidden');
      const out = new PassThrough();
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(`${kind.zh}导入模板.xlsx`)}`,
        );
      reply.send(out);
      await writeTemplate(out, kind.zh, kind.columns);
      return reply;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/imports',
    summary: 'Upload a workbook (multipart: kind, orgId, then file); validation runs as a job',
    tags,
    access: 'session',
    response: ZJobStarted,
    handler: async ({ actor, tx, req }) => {
      if (!req.isMultipart()) throw new DomainError('request.unsupported_media_type');
      const file = await req.file();
      if (!file) throw new DomainError('files.missing', { field: 'file' });
      const parsed = ZUploadImportFields.safeParse(multipartFields(file));
      if (!parsed.success) {
        file.file.resume();
        throw new DomainError('request.invalid', { field: String(parsed.error.issues[0]?.path[0] ?? '') });
      }
      const { kind, orgId, targetId } = parsed.data;
      const purpose = importKind(kind)?.filePurpose ?? 'import.people';
      const stored = await storeFile({
        tx,
        actor,
        orgId,
        purpose,
        fileName: file.filename,
        stream: file.file,
      });
      const batch = await createImportBatch(tx, actor, {
        kind,
        orgId,
        fileName: file.filename,
        fileId: stored.id,
        targetId,
      });
      const jobId = await enqueueJob(
        tx,
        actor,
        stageJob.kind,
        { batchId: batch.id, sha256: stored.sha256 },
        { orgId },
      );
      await tx.update(importBatch).set({ jobId }).where(eq(importBatch.id, batch.id));
      return { batch: await getImportBatch(tx, actor, batch.id), jobId };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/imports',
    summary: 'Import batches in scope',
    tags,
    access: 'session',
    query: ZImportBatchListQuery,
    response: ZImportBatchList,
    handler: ({ actor, tx, query }) => listImportBatches({ actor, tx, input: query }),
  }),
  exportRoute({
    url: '/api/imports/export.xlsx',
    summary: 'Export the import batches to Excel',
    tags,
    access: 'org.read',
    listQuery: ZImportBatchListQuery,
    list: listImportBatches,
    audit: { action: 'imports.export', entityType: 'importBatch' },
    fileName: '导入批次',
    sheetName: '导入批次',
    columns: [
      { header: '批次 Batch', value: (b) => b.id },
      { header: '类型 Kind', value: (b) => importKind(b.kind)?.zh ?? b.kind },
      { header: '单位 Unit', width: 28, value: (b) => b.orgName },
      { header: '文件 File', width: 28, value: (b) => b.fileName },
      { header: '状态 Status', value: (b) => statusLabels[b.status] ?? b.status },
      { header: '总行数 Rows', value: (b) => b.totalRows },
      { header: '错误行 Errors', value: (b) => b.errorRows },
      { header: '已导入 Committed', value: (b) => b.committedRows },
      { header: '上传时间 Uploaded', width: 22, value: (b) => b.createdAt },
    ],
  }),
  defineRoute({
    method: 'GET',
    url: '/api/imports/:id',
    summary: 'One import batch with its counts and allowed actions',
    tags,
    access: 'session',
    params: ZIdParams,
    response: ZImportBatch,
    handler: ({ actor, tx, params }) => getImportBatch(tx, actor, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/imports/:id/rows',
    summary: 'Preview the staged rows of a batch (errors only on request)',
    tags,
    access: 'session',
    params: ZIdParams,
    query: ZImportRowQuery,
    response: ZImportRowList,
    handler: async ({ actor, tx, params, query }) => {
      await getImportBatch(tx, actor, params.id);
      const where = and(
        eq(importRow.batchId, params.id),
        query.errorsOnly === 'true' ? sql`${importRow.errors} <> '[]'::jsonb` : undefined,
      );
      const [{ total }] = await tx.select({ total: sql<number>`count(*)::int` }).from(importRow).where(where);
      const rows = await tx
        .select()
        .from(importRow)
        .where(where)
        .orderBy(asc(importRow.rowNumber))
        .limit(query.pageSize)
        .offset(offsetOf(query));
      return {
        items: rows.map((r) => ({
          rowNumber: r.rowNumber,
          data: (r.data as { cells: Record<string, unknown> }).cells,
          errors: r.errors as never,
        })),
        total,
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/imports/:id/commit',
    summary: 'Commit a validated, error-free batch (runs as a job)',
    tags,
    access: 'session',
    params: ZIdParams,
    response: ZJobStarted,
    handler: async ({ actor, tx, params }) => {
      const batch = await getImportBatch(tx, actor, params.id);
      if (!batch.actions.includes('commit'))
        throw new DomainError(batch.errorRows > 0 ? 'imports.has_errors' : 'imports.wrong_status');
      const jobId = await enqueueJob(
        tx,
        actor,
        commitJob.kind,
        { batchId: batch.id },
        { orgId: batch.orgId, singletonKey: `imports.commit:${batch.id}` },
      );
      await tx.update(importBatch).set({ jobId }).where(eq(importBatch.id, batch.id));
      return { batch: { ...batch, jobId }, jobId };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/imports/:id/rollback',
    summary: 'Remove exactly what a committed batch wrote',
    tags,
    access: 'session',
    params: ZIdParams,
    response: ZImportBatch,
    handler: async ({ actor, tx, params }) => {
      await getImportBatch(tx, actor, params.id);
      await rollbackImport(tx, actor, params.id);
      return getImportBatch(tx, actor, params.id);
    },
  }),
];
