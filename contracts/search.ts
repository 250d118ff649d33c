import { z } from 'zod';

/** The global search box (全局搜索): results only ever include what the user may see. */
export const ZSearchQuery = z.object({
  q: z.string().trim().max(100).default(''),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type TSearchQuery = z.infer<typeof ZSearchQuery>;

export const ZSearchItem = z.object({
  entityType: z.string(),
  entityId: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  url: z.string(),
});
export type TSearchItem = z.infer<typeof ZSearchItem>;

export const ZSearchResponse = z.object({ items: z.array(ZSearchItem) });
export type TSearchResponse = z.infer<typeof ZSearchResponse>;
