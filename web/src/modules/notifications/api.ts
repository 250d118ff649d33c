import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TNotificationList, TReadAllResponse } from '../../../../contracts/notifications.ts';
import { api, toQuery } from '../../app/api.ts';
import { useLang } from '../../app/i18n.tsx';

export const notificationsUrl = '/api/notifications';
const keys = { all: ['notifications'] as const };

/** The latest notifications and the unread count, in the reader's language; refreshed every minute. */
export function useNotifications(pageSize = 10) {
  const { lang } = useLang();
  const locale = lang === 'en' ? 'en' : 'zh-CN';
  return useQuery({
    queryKey: [...keys.all, locale, pageSize],
    queryFn: () => api.get<TNotificationList>(`${notificationsUrl}?${toQuery({ pageSize, locale })}`),
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<{ ok: true }>(`${notificationsUrl}/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TReadAllResponse>(`${notificationsUrl}/read-all`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}
