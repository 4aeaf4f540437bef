// TanStack Query hooks over /api/agencies. Every change refetches the lists it can affect.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Agency, AgencyInput } from './model';

export const agenciesKey = ['agencies'] as const;

export function useAgencies(includeInactive: boolean) {
  return useQuery({
    queryKey: [...agenciesKey, { includeInactive }],
    queryFn: async () =>
      (await api.get<{ agencies: Agency[] }>('/api/agencies', { include_inactive: includeInactive })).agencies,
    staleTime: 60 * 1000,
  });
}

function useAgencyMutation<Vars>(run: (vars: Vars) => Promise<Agency>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: agenciesKey });
      void client.invalidateQueries({ queryKey: ['users'] });   // users show their agency's name
    },
  });
}

export function useCreateAgency() {
  return useAgencyMutation((input: AgencyInput) => api.post<Agency>('/api/agencies', input));
}

export function useUpdateAgency() {
  return useAgencyMutation(({ id, input }: { id: number; input: AgencyInput }) =>
    api.put<Agency>(`/api/agencies/${id}`, input));
}

export function useDeactivateAgency() {
  return useAgencyMutation(({ id, validTo }: { id: number; validTo: string }) =>
    api.post<Agency>(`/api/agencies/${id}/deactivate`, { valid_to: validTo }));
}
