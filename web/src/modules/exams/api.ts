import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TCreateDayRecordRequest,
  TCreateExamCandidateRequest,
  TCreateExamInvigilatorRequest,
  TCreateExamRequest,
  TCreateExamSiteRequest,
  TDayRecord,
  TExamCandidate,
  TExamDetail,
  TExamInvigilator,
  TExamList,
  TExamSite,
  TLiveCounts,
  TPlanDetail,
  TSiteRovers,
  TUpdateExamRequest,
  ZDayRecordList,
  ZExamCandidateList,
  ZExamInvigilatorList,
  ZExamRoomList,
  ZExamSiteList,
  ZRoomSheets,
  ZRunPlanResponse,
  ZTicketList,
} from '../../../../contracts/exams.ts';
import { type ApiError, api, toQuery } from '../../app/api.ts';

export const examsUrl = '/api/exams';
export const examUrl = (id: number) => `${examsUrl}/${id}`;
export const planUrl = (id: number, version: number) => `${examUrl(id)}/plans/${version}`;

type TExamSiteList = z.infer<typeof ZExamSiteList>;
type TExamCandidateList = z.infer<typeof ZExamCandidateList>;
type TExamInvigilatorList = z.infer<typeof ZExamInvigilatorList>;
export type TExamRoomList = z.infer<typeof ZExamRoomList>;
export type TRoomSheets = z.infer<typeof ZRoomSheets>;
export type TTicketList = z.infer<typeof ZTicketList>;
type TDayRecordList = z.infer<typeof ZDayRecordList>;
type TRunPlanResponse = z.infer<typeof ZRunPlanResponse>;

/** Every query of one exam starts with `['exams', id]`, so a write refreshes all its screens at once. */
export const examKeys = {
  all: ['exams'] as const,
  list: (query: string) => ['exams', 'list', query] as const,
  exam: (id: number) => ['exams', id] as const,
  part: (id: number, part: string, query = '') => ['exams', id, part, query] as const,
  plan: (id: number, version: number) => ['exams', id, 'plan', version] as const,
};

export function useExams(query: string) {
  return useQuery({
    queryKey: examKeys.list(query),
    queryFn: () => api.get<TExamList>(`${examsUrl}?${query}`),
    placeholderData: keepPreviousData,
  });
}

/** One exam with rules, sessions and plan versions; polled while a plan is being arranged. */
export function useExam(id: number) {
  return useQuery<TExamDetail, ApiError>({
    queryKey: examKeys.exam(id),
    queryFn: () => api.get<TExamDetail>(examUrl(id)),
    refetchInterval: (q) => (q.state.data?.plans.some((p) => p.status === 'running') ? 2000 : false),
  });
}

export function useCreateExam() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateExamRequest) => api.post<TExamDetail>(examsUrl, input),
    onSuccess: () => client.invalidateQueries({ queryKey: examKeys.all }),
  });
}

export function useUpdateExam(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TUpdateExamRequest) => api.patch<TExamDetail>(examUrl(id), input),
    onSuccess: () => client.invalidateQueries({ queryKey: examKeys.all }),
  });
}

/** Writes into one exam change its counts, lists and the exam list: refresh them all. */
function useExamWrite<I, O>(id: number, path: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => api.post<O>(`${examUrl(id)}/${path}`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: examKeys.all }),
  });
}

/** Refreshes an exam's screens after an import into it was committed or rolled back. */
export function useInvalidateExam(id: number) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: examKeys.exam(id) });
}

function useExamList<T>(id: number, part: string, query: string, enabled = true) {
  return useQuery({
    queryKey: examKeys.part(id, part, query),
    queryFn: () => api.get<T>(`${examUrl(id)}/${part}?${query}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const useExamSites = (id: number, query: string) => useExamList<TExamSiteList>(id, 'sites', query);
export const useCreateSite = (id: number) => useExamWrite<TCreateExamSiteRequest, TExamSite>(id, 'sites');

/** Every site of an exam (for selects and names): sites are few, one page of 200 holds them. */
export function useAllSites(id: number) {
  return useExamSites(id, toQuery({ pageSize: 200, sort: 'code' }));
}

export const useCandidates = (id: number, query: string, enabled = true) =>
  useExamList<TExamCandidateList>(id, 'candidates', query, enabled);
export const useCreateCandidate = (id: number) =>
  useExamWrite<TCreateExamCandidateRequest, TExamCandidate>(id, 'candidates');

export const useInvigilators = (id: number, query: string) =>
  useExamList<TExamInvigilatorList>(id, 'invigilators', query);
export const useCreateInvigilator = (id: number) =>
  useExamWrite<TCreateExamInvigilatorRequest, TExamInvigilator>(id, 'invigilators');

/** Starts an arrangement run: a new plan version and the job that fills it. */
export const useRunPlan = (id: number) => useExamWrite<{ seed?: string }, TRunPlanResponse>(id, 'plans');

export function usePlan(id: number, version: number | undefined) {
  return useQuery({
    queryKey: examKeys.plan(id, version ?? 0),
    queryFn: () => api.get<TPlanDetail>(planUrl(id, version!)),
    enabled: version !== undefined,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 2000 : false),
  });
}

/** Lock (seal) or publish one plan version. */
export function usePlanAction(id: number, version: number, action: 'lock' | 'publish') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TPlanDetail>(`${planUrl(id, version)}/${action}`),
    onSuccess: () => client.invalidateQueries({ queryKey: examKeys.all }),
  });
}

export function useRooms(id: number, version: number | undefined, query: string) {
  return useQuery({
    queryKey: [...examKeys.plan(id, version ?? 0), 'rooms', query],
    queryFn: () => api.get<TExamRoomList>(`${planUrl(id, version!)}/rooms?${query}`),
    enabled: version !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** 流动监考 of a version, per site. */
export function useRovers(id: number, version: number | undefined, query: string) {
  return useQuery({
    queryKey: [...examKeys.plan(id, version ?? 0), 'rovers', query],
    queryFn: () => api.get<{ sites: TSiteRovers[] }>(`${planUrl(id, version!)}/rovers?${query}`),
    enabled: version !== undefined,
  });
}

/** Door lists and seating charts: the rooms of a site (or one room) with their seats. */
export function useRoomSheets(id: number, version: number | undefined, query: string, enabled = true) {
  return useQuery({
    queryKey: [...examKeys.plan(id, version ?? 0), 'sheets', query],
    queryFn: () => api.get<TRoomSheets>(`${planUrl(id, version!)}/sheets?${query}`),
    enabled: enabled && version !== undefined,
  });
}

export function useTickets(id: number, version: number | undefined, query: string, enabled = true) {
  return useQuery({
    queryKey: [...examKeys.plan(id, version ?? 0), 'tickets', query],
    queryFn: () => api.get<TTicketList>(`${planUrl(id, version!)}/tickets?${query}`),
    enabled: enabled && version !== undefined,
  });
}

export const useDayRecords = (id: number, query: string) =>
  useExamList<TDayRecordList>(id, 'day-records', query);
export const useCreateDayRecord = (id: number) =>
  useExamWrite<TCreateDayRecordRequest, TDayRecord>(id, 'day-records');

/** Live counts of one session per site, refreshed every 10 s for the district office. */
export function useLiveCounts(id: number, sessionId: number | undefined) {
  return useQuery({
    queryKey: examKeys.part(id, 'live', String(sessionId)),
    queryFn: () => api.get<TLiveCounts>(`${examUrl(id)}/live?${toQuery({ sessionId })}`),
    enabled: sessionId !== undefined,
    refetchInterval: 10_000,
  });
}

/**
 * The version documents and exam-day work use: the locked (or published) one, else the newest ready
 * one — the same rule the candidate list applies to its room/seat/ticket columns.
 */
export function currentVersion(exam: TExamDetail | undefined): number | undefined {
  const plans = [...(exam?.plans ?? [])].sort((a, b) => b.version - a.version);
  return (
    plans.find((p) => p.status === 'locked' || p.status === 'published') ??
    plans.find((p) => p.status === 'ready')
  )?.version;
}
