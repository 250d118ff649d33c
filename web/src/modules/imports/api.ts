import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TImportBatch,
  TImportRow,
  ZImportBatchList,
  ZImportKind,
  ZImportKindId,
  ZJobStarted,
} from '../../../../contracts/imports.ts';
import { api, toQuery } from '../../app/api.ts';
import { busyStatuses } from './text.ts';

export const importsUrl = '/api/imports';

export type TImportKind = z.infer<typeof ZImportKind>;
export type TImportKindId = z.infer<typeof ZImportKindId>;
type TImportBatchList = z.infer<typeof ZImportBatchList>;
type TJobStarted = z.infer<typeof ZJobStarted>;

export const importKeys = {
  all: ['imports'] as const,
  kinds: ['imports', 'kinds'] as const,
  list: (query: string) => ['imports', 'list', query] as const,
  batch: (id: number) => ['imports', 'batch', id] as const,
  rows: (id: number, query: string) => ['imports', 'batch', id, 'rows', query] as const,
};

/** The template of an import type: a plain link, the browser downloads it with the session cookie. */
export const templateUrl = (kind: string) => `${importsUrl}/templates/${kind}`;

/** Import types the user may use, with their columns (headers in both languages). */
export function useImportKinds() {
  return useQuery({
    queryKey: importKeys.kinds,
    queryFn: () => api.get<TImportKind[]>(`${importsUrl}/kinds`),
    staleTime: 5 * 60_000,
  });
}

/** Batches in scope; polled while one of them is being validated or committed. */
export function useImportBatches(query: string) {
  return useQuery({
    queryKey: importKeys.list(query),
    queryFn: () => api.get<TImportBatchList>(`${importsUrl}?${query}`),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((b) => busyStatuses.has(b.status)) ? 2000 : false),
  });
}

/** One batch with its counts and allowed actions; polled while a job works on it. */
export function useImportBatch(id: number) {
  return useQuery({
    queryKey: importKeys.batch(id),
    queryFn: () => api.get<TImportBatch>(`${importsUrl}/${id}`),
    refetchInterval: (q) => (q.state.data && busyStatuses.has(q.state.data.status) ? 1000 : false),
  });
}

/** A page of the batch's staged rows, or only those with errors. */
export function useImportRows(id: number, params: { errorsOnly: boolean; page: number; pageSize: number }) {
  const query = toQuery({ errorsOnly: params.errorsOnly, page: params.page, pageSize: params.pageSize });
  return useQuery({
    queryKey: importKeys.rows(id, query),
    queryFn: () => api.get<{ items: TImportRow[]; total: number }>(`${importsUrl}/${id}/rows?${query}`),
    placeholderData: keepPreviousData,
  });
}

/**
 * Uploads a workbook. `kind`, `orgId` (and `targetId` for kinds that import into one record, such
 * as an exam) go before the file: the server reads them from the file part.
 */
export function useUploadImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      kind,
      orgId,
      targetId,
      file,
    }: {
      kind: TImportKindId;
      orgId: number;
      targetId?: number;
      file: File;
    }) => {
      const form = new FormData();
      form.append('kind', kind);
      form.append('orgId', String(orgId));
      if (targetId !== undefined) form.append('targetId', String(targetId));
      form.append('file', file, file.name);
      return api.upload<TJobStarted>(importsUrl, form);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: importKeys.all }),
  });
}

/** Starts the commit job of a validated, error-free batch. */
export function useCommitImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<TJobStarted>(`${importsUrl}/${id}/commit`),
    onSuccess: () => client.invalidateQueries({ queryKey: importKeys.all }),
  });
}

/** Removes what a committed batch wrote; the people lists and search results change with it. */
export function useRollbackImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<TImportBatch>(`${importsUrl}/${id}/rollback`),
    onSuccess: () => invalidateImported(client),
  });
}

/** After a commit or rollback: batches, people and search results are all stale. */
export function invalidateImported(client: ReturnType<typeof useQueryClient>) {
  return Promise.all(
    [importKeys.all, ['people'], ['search'], ['org']].map((queryKey) =>
      client.invalidateQueries({ queryKey }),
    ),
  );
}
