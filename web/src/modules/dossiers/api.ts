// TanStack Query hooks over /api/dossiers and the public lookup.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Dossier, PublicView, Queues, ReceiveInput } from './model';

export const dossiersKey = ['dossiers'] as const;

export function useDossiers(status: number | null) {
  return useQuery({
    queryKey: [...dossiersKey, 'list', status],
    queryFn: async () => (await api.get<{ dossiers: Dossier[] }>('/api/dossiers', { status })).dossiers,
    placeholderData: (previous) => previous,
  });
}

export function useQueues() {
  return useQuery({
    queryKey: [...dossiersKey, 'queues'],
    queryFn: () => api.get<Queues>('/api/dossiers/queues'),
  });
}

export function useDossier(id: number) {
  return useQuery({
    queryKey: [...dossiersKey, 'detail', id],
    queryFn: () => api.get<Dossier>(`/api/dossiers/${id}`),
  });
}

function useDossierMutation<Vars>(run: (vars: Vars) => Promise<Dossier>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (d) => {
      client.setQueryData([...dossiersKey, 'detail', d.id], { ...d, secret: undefined });
      void client.invalidateQueries({ queryKey: dossiersKey });
    },
  });
}

export function useReceive() {
  return useDossierMutation((input: ReceiveInput) => api.post<Dossier>('/api/dossiers', input));
}

// One action on a dossier: `path` under /api/dossiers/{id}/, with its body.
export function useDossierAction(id: number) {
  return useDossierMutation(({ path, body }: { path: string; body?: unknown }) =>
    api.post<Dossier>(`/api/dossiers/${id}/${path}`, body ?? {}));
}

export function lookup(number: string, secret: string) {
  return api.post<PublicView>('/api/public/dossiers/lookup', { number, secret });
}
