import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TJobList, TJobRun } from '../../../../contracts/jobs.ts';
import { api } from '../../app/api.ts';

export const jobsUrl = '/api/jobs';

const ended = (status: TJobRun['status'] | undefined) =>
  status === 'succeeded' || status === 'failed' || status === 'cancelled';

/** One job, polled every second while it is queued or running; polling stops once it ends. */
export function useJob(id: string | undefined) {
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: () => api.get<TJobRun>(`${jobsUrl}/${id}`),
    enabled: !!id,
    refetchInterval: (query) => (ended(query.state.data?.status) ? false : 1000),
  });
}

/** My jobs (or all in scope with `mine=false`), refreshed while any of them is still going. */
export function useJobs(query: string) {
  return useQuery({
    queryKey: ['jobs', 'list', query],
    queryFn: () => api.get<TJobList>(`${jobsUrl}?${query}`),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((j) => !ended(j.status)) ? 2000 : false),
  });
}

export function useCancelJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<TJobRun>(`${jobsUrl}/${id}/cancel`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['jobs'] }),
  });
}
