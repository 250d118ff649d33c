import { z } from 'zod';
import { ZId, ZListQuery, ZListResponse } from './common.ts';

export const ZImportKindId = z.enum([
  'orgUnits',
  'staff',
  'student',
  'examSites',
  'examCandidates',
  'examInvigilators',
  'hotlineOrders',
]);

export const ZImportKind = z.object({
  kind: z.string(),
  zh: z.string(),
  en: z.string(),
  permission: z.string(),
  /** Kinds that import into one record (an exam) need `targetId` on upload. */
  target: z.object({ entityType: z.string(), zh: z.string(), en: z.string() }).nullable(),
  columns: z.array(
    z.object({
      key: z.string(),
      header: z.string(),
      headerEn: z.string(),
      required: z.boolean(),
      hint: z.string(),
    }),
  ),
});

export const ZImportStatus = z.enum([
  'uploaded',
  'validating',
  'validated',
  'committing',
  'committed',
  'rolledBack',
  'failed',
]);

export const ZImportBatch = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  kind: z.string(),
  status: ZImportStatus,
  fileName: z.string(),
  targetId: z.number().int().nullable(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  errorRows: z.number().int(),
  committedRows: z.number().int(),
  jobId: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  rolledBackAt: z.string().nullable(),
  actions: z.array(z.enum(['commit', 'rollback'])),
});
export type TImportBatch = z.infer<typeof ZImportBatch>;

export const ZImportBatchListQuery = ZListQuery.extend({
  kind: ZImportKindId.optional(),
  status: ZImportStatus.optional(),
  orgId: ZId.optional(),
  targetId: ZId.optional(),
});
export type TImportBatchListQuery = z.infer<typeof ZImportBatchListQuery>;
export const ZImportBatchList = ZListResponse(ZImportBatch);

/** The multipart fields sent before the file part of POST /api/imports. */
export const ZUploadImportFields = z.object({ kind: ZImportKindId, orgId: ZId, targetId: ZId.optional() });

export const ZCellError = z.object({ column: z.string(), code: z.string(), zh: z.string(), en: z.string() });
export const ZImportRow = z.object({
  rowNumber: z.number().int(),
  data: z.record(z.string(), z.unknown()),
  errors: z.array(ZCellError),
});
export type TImportRow = z.infer<typeof ZImportRow>;
export const ZImportRowQuery = z.object({
  errorsOnly: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZImportRowList = ZListResponse(ZImportRow);
export const ZJobStarted = z.object({ batch: ZImportBatch, jobId: z.string() });
