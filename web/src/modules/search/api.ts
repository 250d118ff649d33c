import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import type { TSearchResponse } from '../../../../contracts/search.ts';
import { api, toQuery } from '../../app/api.ts';

export const searchUrl = '/api/search';

/** Search results for the header's search box; nothing is asked for an empty query. */
export function useSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: ['search', text],
    queryFn: () => api.get<TSearchResponse>(`${searchUrl}?${toQuery({ q: text, limit: 20 })}`),
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/**
 * The `?id=` a search result links to (`/people?id=12`, `/org?id=3`): calls `open` with it when the
 * page opens and whenever another result is chosen while the page is already shown.
 */
export function useLinkedId(open: (id: number) => void) {
  const [params] = useSearchParams();
  const id = Number(params.get('id')) || undefined;
  useEffect(() => {
    if (id) open(id);
  }, [id, open]);
}
