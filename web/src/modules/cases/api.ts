import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCase,
  TCaseDetail,
  TCaseList,
  TCaseRevealRequest,
  TCatalogueEntry,
  TClusters,
  TRanking,
  TTransitionRequest,
  TWeeklyReport,
} from '../../../../contracts/cases.ts';
import { api } from '../../app/api.ts';

export const casesUrl = '/api/cases';

export const caseKeys = {
  all: ['cases'] as const,
  list: (query: string) => ['cases', 'list', query] as const,
  case: (id: number) => ['cases', 'case', id] as const,
  ranking: (month: string, level: string) => ['cases', 'ranking', month, level] as const,
  weekly: (weekStart: string) => ['cases', 'weekly', weekStart] as const,
  clusters: (month: string) => ['cases', 'clusters', month] as const,
  catalogue: ['cases', 'catalogue'] as const,
};

export function useCases(query: string) {
  return useQuery({
    queryKey: caseKeys.list(query),
    queryFn: () => api.get<TCaseList>(`${casesUrl}?${query}`),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: number | undefined) {
  return useQuery({
    queryKey: caseKeys.case(id ?? 0),
    queryFn: () => api.get<TCaseDetail>(`${casesUrl}/${id}`),
    enabled: id !== undefined,
  });
}

export function useCatalogue() {
  return useQuery({
    queryKey: caseKeys.catalogue,
    queryFn: () => api.get<{ items: TCatalogueEntry[] }>(`${casesUrl}/catalogue`),
    staleTime: 5 * 60_000,
  });
}

/** One transition; the lists, the case and the reports all change with it. */
export function useTransition(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: TTransitionRequest) => api.post<TCase>(`${casesUrl}/${id}/transitions`, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.all }),
  });
}

/** Reveals the complainant's field. Never cached: each reveal is an audited act with its reason. */
export function useCaseReveal(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCaseRevealRequest) =>
      api.post<{ field: string; value: string | null }>(`${casesUrl}/${id}/reveal`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['audit'] }),
  });
}

export function useRanking(month: string, level: 'unit' | 'zone') {
  return useQuery({
    queryKey: caseKeys.ranking(month, level),
    queryFn: () => api.get<TRanking>(`${casesUrl}/rankings?month=${month}&level=${level}`),
    placeholderData: keepPreviousData,
  });
}

export function useWeeklyReport(weekStart: string) {
  return useQuery({
    queryKey: caseKeys.weekly(weekStart),
    queryFn: () => api.get<TWeeklyReport>(`${casesUrl}/weekly-report?weekStart=${weekStart}`),
    placeholderData: keepPreviousData,
  });
}

export function useClusters(month: string) {
  return useQuery({
    queryKey: caseKeys.clusters(month),
    queryFn: () => api.get<TClusters>(`${casesUrl}/clusters?month=${month}`),
    placeholderData: keepPreviousData,
  });
}
