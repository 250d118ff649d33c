import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { TAuditList, TAuditVerifyResult } from '../../../../contracts/audit.ts';
import { api } from '../../app/api.ts';

export const auditEventsUrl = '/api/audit/events';

export function useAuditEvents(query: string) {
  return useQuery({
    queryKey: ['audit', 'events', query],
    queryFn: () => api.get<TAuditList>(`${auditEventsUrl}?${query}`),
    placeholderData: keepPreviousData,
  });
}

/** Walks the whole hash chain on the server; a mutation because it is an explicit, possibly slow act. */
export function useVerifyChain() {
  return useMutation({ mutationFn: () => api.post<TAuditVerifyResult>('/api/audit/verify') });
}
