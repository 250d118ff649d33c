import { z } from 'zod';
import { ZId } from './common.ts';

/** Uploaded files (附件): stored by content hash, type checked from the content, downloads audited. */

export const ZFileMeta = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  purpose: z.string(),
  originalName: z.string(),
  mime: z.string(),
  /** The real type, detected from the content (xlsx, pdf, png, jpg …). */
  ext: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdBy: z.number().int().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type TFileMeta = z.infer<typeof ZFileMeta>;

/** The form fields of `POST /api/files` (multipart; send these before the `file` part). */
export const ZUploadFileFields = z.object({
  purpose: z.string().min(1).max(60).default('attachment'),
  orgId: ZId,
});
export type TUploadFileFields = z.infer<typeof ZUploadFileFields>;
