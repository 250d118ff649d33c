import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TPersonDetail, TPersonList, TRevealRequest } from '../../../../contracts/people.ts';
import { api } from '../../app/api.ts';

export const peopleUrl = '/api/people';

export const peopleKeys = {
  all: ['people'] as const,
  list: (query: string) => ['people', 'list', query] as const,
  person: (id: number) => ['people', 'person', id] as const,
};

export function usePeople(query: string) {
  return useQuery({
    queryKey: peopleKeys.list(query),
    queryFn: () => api.get<TPersonList>(`${peopleUrl}?${query}`),
    placeholderData: keepPreviousData,
  });
}

export function usePerson(id: number | undefined) {
  return useQuery({
    queryKey: peopleKeys.person(id ?? 0),
    queryFn: () => api.get<TPersonDetail>(`${peopleUrl}/${id}`),
    enabled: id !== undefined,
  });
}

/** Reveals one plain value. Never cached: each reveal is a separate, audited act with its reason. */
export function useReveal(personId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TRevealRequest) =>
      api.post<{ field: TRevealRequest['field']; value: string | null }>(
        `${peopleUrl}/${personId}/reveal`,
        input,
      ),
    // The reveal is itself an audit event, so the audit list is stale now.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['audit'] }),
  });
}
