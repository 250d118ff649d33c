import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import type { TLoginRequest, TMe } from '../../../contracts/accounts.ts';
import { type ApiError, api, setCsrfToken } from './api.ts';

export const meKey = ['me'] as const;

async function fetchMe(): Promise<TMe> {
  const me = await api.get<TMe>('/api/auth/me');
  setCsrfToken(me.csrfToken);
  return me;
}

/** The signed-in user: name, grants, permissions and the modules the menu shows. */
export function useMe() {
  return useQuery<TMe, ApiError>({
    queryKey: meKey,
    queryFn: fetchMe,
    retry: false,
    staleTime: 60_000,
  });
}

/** The current user, for screens rendered inside `RequireAuth` (so `me` is loaded). */
export function useCurrentUser(): TMe {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside RequireAuth');
  return data;
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <Spin fullscreen />;
  if (me.isError) return <Navigate to="/login" replace />;
  return children;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation<TMe, ApiError, TLoginRequest>({
    mutationFn: (input) => api.post<TMe>('/api/auth/login', input),
    // The form shows the coded error itself (wrong password, locked, rate limited).
    meta: { silent: true },
    onSuccess: (me) => {
      // A new user: nothing cached for the previous one may show.
      queryClient.removeQueries();
      setCsrfToken(me.csrfToken);
      queryClient.setQueryData(meKey, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/auth/logout'),
    onSettled: () => {
      setCsrfToken(undefined);
      queryClient.clear();
    },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation<unknown, ApiError, { currentPassword: string; newPassword: string }>({
    mutationFn: (input) => api.post('/api/auth/password', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}
