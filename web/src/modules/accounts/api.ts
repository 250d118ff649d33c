import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type {
  TAccount,
  TAccountList,
  TAddGrantRequest,
  TCreateAccountRequest,
  TGrant,
  TUpdateAccountRequest,
} from '../../../../contracts/accounts.ts';
import { api } from '../../app/api.ts';
import { usePick, useT } from '../../app/i18n.tsx';

export const accountsUrl = '/api/accounts';

/** A role as `GET /api/roles` describes it: labels in both languages and what it permits. */
export interface RoleInfo {
  id: TAccount['grants'][number]['role'];
  zh: string;
  en: string;
  permissions: string[];
}

export function useAccounts(query: string) {
  return useQuery({
    queryKey: ['accounts', 'list', query],
    queryFn: () => api.get<TAccountList>(`${accountsUrl}?${query}`),
    placeholderData: keepPreviousData,
  });
}

export function useRoles() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: () => api.get<RoleInfo[]>('/api/roles'),
    staleTime: Infinity,
  });
}

/** The role's label from the server's role list, falling back to our dictionary while it loads. */
export function useRoleLabel() {
  const t = useT();
  const pick = usePick();
  const roles = useRoles();
  return useCallback(
    (role: RoleInfo['id']) => {
      const info = roles.data?.find((entry) => entry.id === role);
      return info ? pick(info) : t(`role.${role}`);
    },
    [roles.data, pick, t],
  );
}

/**
 * The roles a staff account may be given, as the server lists them (`GET /api/roles` leaves out
 * `parent`: only a parent's own registration holds it, docs/adr/0003-parent-accounts.md).
 */
export function useStaffRoleOptions() {
  const pick = usePick();
  const roles = useRoles();
  return (roles.data ?? []).map((role) => ({ value: role.id, label: pick(role) }));
}

function useAccountMutation<I, O>(call: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    // Rows carry grants, status and lock state; the grants drawer reads the same rows.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['accounts'] }),
  });
}

export const useCreateAccount = () =>
  useAccountMutation((input: TCreateAccountRequest) =>
    api.post<{ account: TAccount; initialPassword: string | null }>(accountsUrl, input),
  );

export const useUpdateAccount = () =>
  useAccountMutation(({ id, ...input }: TUpdateAccountRequest & { id: number }) =>
    api.patch<TAccount>(`${accountsUrl}/${id}`, input),
  );

export const useResetPassword = () =>
  useAccountMutation((id: number) =>
    api.post<{ initialPassword: string }>(`${accountsUrl}/${id}/reset-password`),
  );

export const useUnlockAccount = () =>
  useAccountMutation((id: number) => api.post(`${accountsUrl}/${id}/unlock`));

export const useAddGrant = () =>
  useAccountMutation(({ id, ...input }: TAddGrantRequest & { id: number }) =>
    api.post<TGrant>(`${accountsUrl}/${id}/grants`, input),
  );

export const useRevokeGrant = () =>
  useAccountMutation(({ id, grantId }: { id: number; grantId: number }) =>
    api.delete(`${accountsUrl}/${id}/grants/${grantId}`),
  );
