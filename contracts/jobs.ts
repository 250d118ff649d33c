import { z } from 'zod';

/** Long-running jobs (导入、导出、摇号、编排、报表) as users see them: status, stage, progress, outcome. */

export const jobStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const ZJobStatus = z.enum(jobStatuses);
export type TJobStatus = z.infer<typeof ZJobStatus>;

export const ZJobId = z.uuid();

export const ZJobError = z.object({
  code: z.string(),
  message: z.string(),
  messageEn: z.string().optional(),
});
export type TJobError = z.infer<typeof ZJobError>;

export const ZJobRun = z.object({
  id: ZJobId,
  kind: z.string(),
  status: ZJobStatus,
  stage: z.string().nullable(),
  done: z.number().int(),
  total: z.number().int().nullable(),
  result: z.unknown().nullable(),
  error: ZJobError.nullable(),
  attempts: z.number().int(),
  orgId: z.number().int().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  startedAt: z.iso.datetime({ offset: true }).nullable(),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
  /** What the caller may do with this job: the UI shows buttons from this. */
  actions: z.array(z.enum(['cancel'])),
});
export type TJobRun = z.infer<typeof ZJobRun>;

export const ZJobListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** `true` (default): only jobs I started; `false`: every job in my scope (needs audit.read). */
  mine: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  status: ZJobStatus.optional(),
  kind: z.string().max(80).optional(),
});
export type TJobListQuery = z.input<typeof ZJobListQuery>;

export const ZJobList = z.object({ items: z.array(ZJobRun), total: z.number().int() });
export type TJobList = z.infer<typeof ZJobList>;

/** Test-only (EDUGOV_TEST_JOBS=1): start `platform.selfTest`, which counts to `count`. */
export const ZSelfTestJobRequest = z.object({
  count: z.number().int().min(1).max(100_000),
  stepMs: z.number().int().min(0).max(10_000).default(0),
  failAt: z.number().int().min(1).optional(),
});
export type TSelfTestJobRequest = z.infer<typeof ZSelfTestJobRequest>;

export const ZJobStarted = z.object({ id: ZJobId });
