import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateOrgUnitRequest,
  TMoveOrgUnitRequest,
  TOrgTree,
  TOrgUnit,
  TOrgUnitDetail,
  TOrgUnitList,
  TUpdateOrgUnitRequest,
} from '../../../../contracts/org.ts';
import { api, toQuery } from '../../app/api.ts';

/** Every org query key starts with 'org', so one invalidation refreshes tree, detail and lists. */
export const orgKeys = {
  all: ['org'] as const,
  tree: (parentId: number | undefined, asOf: string) => ['org', 'tree', parentId ?? 'roots', asOf] as const,
  unit: (id: number, asOf: string) => ['org', 'unit', id, asOf] as const,
  units: (query: string) => ['org', 'units', query] as const,
};

export const orgUnitsUrl = '/api/org/units';

/** One level of the tree: the children of `parentId`, or the roots in the user's scope. */
export function fetchTreeLevel(parentId: number | undefined, asOf: string) {
  return api.get<TOrgTree>(`/api/org/tree?${toQuery({ parentId, asOf })}`);
}

export function useOrgUnit(id: number | undefined, asOf: string) {
  return useQuery({
    queryKey: orgKeys.unit(id ?? 0, asOf),
    queryFn: () => api.get<TOrgUnitDetail>(`${orgUnitsUrl}/${id}?${toQuery({ asOf })}`),
    enabled: id !== undefined,
  });
}

export function useOrgUnits(query: string) {
  return useQuery({
    queryKey: orgKeys.units(query),
    queryFn: () => api.get<TOrgUnitList>(`${orgUnitsUrl}?${query}`),
    placeholderData: keepPreviousData,
  });
}

function useOrgMutation<I, O>(call: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    // Names, parents and counts show in the tree, the detail, the lists and the unit pickers.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orgKeys.all }),
  });
}

export function useUpdateOrgUnit(id: number) {
  return useOrgMutation((input: TUpdateOrgUnitRequest) => api.patch<TOrgUnit>(`${orgUnitsUrl}/${id}`, input));
}

export function useCreateOrgUnit() {
  return useOrgMutation((input: TCreateOrgUnitRequest) => api.post<TOrgUnit>(orgUnitsUrl, input));
}

export function useMoveOrgUnit(id: number) {
  return useOrgMutation((input: TMoveOrgUnitRequest) =>
    api.post<TOrgUnit>(`${orgUnitsUrl}/${id}/move`, input),
  );
}
