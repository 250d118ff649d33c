import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCalendarYearDetail,
  TCalendarYears,
  TDueRequest,
  TDueResponse,
  TPutCalendarYearRequest,
} from '../../../../contracts/calendar.ts';
import { ApiError, api } from '../../app/api.ts';

/** Every calendar query key starts with 'calendar': saving a year refreshes the list and the days. */
export const calendarKeys = {
  all: ['calendar'] as const,
  years: ['calendar', 'years'] as const,
  days: (year: number) => ['calendar', 'days', year] as const,
};

export function useCalendarYears() {
  return useQuery({
    queryKey: calendarKeys.years,
    queryFn: () => api.get<TCalendarYears>('/api/calendar/years'),
  });
}

export function useCalendarDays(year: number) {
  return useQuery({
    queryKey: calendarKeys.days(year),
    queryFn: () => api.get<TCalendarYearDetail>(`/api/calendar/days?year=${year}`),
  });
}

/** PUT with the session's CSRF token (the shared client has no `put` yet). */
async function putJson<T>(url: string, body: unknown): Promise<T> {
  const token = document.cookie
    .split('; ')
    .find((part) => part.startsWith('edugov_csrf='))
    ?.slice('edugov_csrf='.length);
  const response = await fetch(url, {
    method: 'PUT',
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      ...(token ? { 'x-csrf-token': decodeURIComponent(token) } : {}),
    },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const e = data?.error;
    throw new ApiError(
      response.status,
      e?.code ?? `http.${response.status}`,
      e?.message ?? `请求失败（${response.status}）`,
      e?.messageEn ?? `Request failed (${response.status})`,
      e?.field,
      e?.issues,
    );
  }
  return data as T;
}

export function usePutCalendarYear(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TPutCalendarYearRequest) =>
      putJson<TCalendarYearDetail>(`/api/calendar/years/${year}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}

export function useDueDate() {
  return useMutation({
    mutationFn: (input: TDueRequest) => api.post<TDueResponse>('/api/calendar/due', input),
  });
}
