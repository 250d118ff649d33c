import type { z } from 'zod';
import type { Actor, Permission } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Executor } from '../db/index.ts';
import { DomainError } from '../errors.ts';
import { EXPORT_MAX_ROWS, type ExportColumn, pagesOf, streamXlsx } from '../excel.ts';
import { type AnyRoute, defineRoute } from './route.ts';

/**
 * `GET <list>/export.xlsx`: the same filters and sort as the list, every page of it streamed to
 * Excel, refused above EXPORT_MAX_ROWS, and recorded in the audit trail with its filters and size.
 * A list under a record (`/api/exams/:id/candidates`) declares `params`; they join the list's input.
 */
// biome-ignore lint/complexity/noBannedTypes: no params by default
export function exportRoute<Q extends z.ZodObject, T, P extends z.ZodObject = z.ZodObject<{}>>(spec: {
  url: string;
  summary: string;
  tags: string[];
  access: Permission;
  /** The list's query schema (with page and pageSize, which the export drops). */
  listQuery: Q;
  params?: P;
  list(ctx: {
    actor: Actor;
    tx: Executor;
    input: z.output<Q> & z.output<P>;
  }): Promise<{ items: T[]; total: number }>;
  audit: { action: string; entityType: string };
  fileName: string;
  sheetName: string;
  columns: ExportColumn<T>[];
  pageSize?: number;
}): AnyRoute {
  return defineRoute({
    method: 'GET',
    url: spec.url,
    summary: spec.summary,
    tags: spec.tags,
    access: spec.access,
    writes: true,
    query: spec.listQuery.omit({ page: true, pageSize: true }),
    ...(spec.params ? { params: spec.params } : {}),
    handler: async ({ actor, tx, query, params, reply }) => {
      const input = (page: number, pageSize: number) =>
        ({ ...(query as object), ...(params as object), page, pageSize }) as unknown as z.output<Q> &
          z.output<P>;
      const { total } = await spec.list({ actor, tx, input: input(1, 1) });
      if (total > EXPORT_MAX_ROWS) throw new DomainError('export.too_many_rows');
      await recordAudit(tx, actor, {
        action: spec.audit.action,
        entityType: spec.audit.entityType,
        orgId: actor.orgId,
        after: { filters: { ...(query as object), ...(params as object) }, rows: total },
      });
      await streamXlsx(reply, {
        fileName: spec.fileName,
        sheetName: spec.sheetName,
        columns: spec.columns,
        pages: pagesOf(
          async (page, pageSize) => (await spec.list({ actor, tx, input: input(page, pageSize) })).items,
          spec.pageSize,
        ),
      });
      return reply;
    },
  });
}
