import { z } from 'zod';

/** Shared shapes: list paging, coded errors, ids. Every list endpoint accepts `ZListQuery`. */

export const ZId = z.coerce.number().int().positive().max(2_147_483_647);
export const ZIsoDate = z.iso.date();

export const ZListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** `field` or `-field` (descending). Each list names the fields it sorts by. */
  sort: z.string().max(40).optional(),
  /** Free text: name or code (people: also an exact ID number or phone). */
  q: z.string().trim().max(100).optional(),
});
export type TListQuery = z.infer<typeof ZListQuery>;

export function ZListResponse<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

export const ZErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    messageEn: z.string(),
    field: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type TErrorResponse = z.infer<typeof ZErrorResponse>;

export const ZOk = z.object({ ok: z.literal(true) });
