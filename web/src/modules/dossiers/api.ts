// TanStack Query hooks over /api/dossiers and the public lookup.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Deadline } from '../calendar/model';
import { vietnamLocal, type Candidate, type Dossier, type DossierEvent, type PublicView, type QueueId, type Queues, type ReceiveInput } from './model';
import type { Stats, StatsQuery } from './stats';

export const dossiersKey = ['dossiers'] as const;

// By status, or one work queue (at most 100, soonest due first for the step queues).
export function useDossiers(filter: { status: number | null; queue: QueueId | null }) {
  return useQuery({
    queryKey: [...dossiersKey, 'list', filter],
    queryFn: async () => (await api.get<{ dossiers: Dossier[] }>('/api/dossiers',
      filter.queue ? { queue: filter.queue } : { status: filter.status })).dossiers,
    placeholderData: (previous) => previous,
  });
}

// Counters of the agency (agency_id) or the province (none: province-wide and DOST only).
export function useStats(query: StatsQuery, enabled = true) {
  return useQuery({
    queryKey: [...dossiersKey, 'stats', query],
    queryFn: () => api.get<Stats>('/api/dossiers/stats', {
      agency_id: query.agency_id, from: query.from, to: query.to, group_by: query.group_by }),
    placeholderData: (previous) => previous,
    enabled,
  });
}

export function useEvents(id: number) {
  return useQuery({
    queryKey: [...dossiersKey, 'events', id],
    queryFn: async () => (await api.get<{ events: DossierEvent[] }>(`/api/dossiers/${id}/events`)).events,
  });
}

// People of a step's unit who may take it; for the handover's "next person" and the assignment.
export function useCandidates(dossierId: number, stepId: number | null) {
  return useQuery({
    queryKey: [...dossiersKey, 'candidates', dossierId, stepId],
    queryFn: async () => (await api.get<{ users: Candidate[] }>(`/api/dossiers/${dossierId}/steps/${stepId}/candidates`)).users,
    enabled: stepId !== null,
    staleTime: 60 * 1000,
    retry: false,
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

// The people of each unit the dossier's steps pass through (one candidates request per unit),
// to name the steps' assignees.
export function useStepPeople(dossierId: number, stepIds: number[]) {
  return useQueries({
    queries: stepIds.map((stepId) => ({
      queryKey: [...dossiersKey, 'candidates', dossierId, stepId],
      queryFn: async () => (await api.get<{ users: Candidate[] }>(`/api/dossiers/${dossierId}/steps/${stepId}/candidates`)).users,
      staleTime: 60 * 1000,
      retry: false,
    })),
  });
}

// How the first due time was reckoned (the calendar's explanation: skipped weekends, holidays,
// the 15:00 cut-off, a last day that gave way to a working day).
export function useDueExplanation(d: Dossier | undefined) {
  const unit = d?.statutory_time.unit;
  const enabled = !!d && (unit === 'working_days' || unit === 'working_hours' || unit === 'days') && d.statutory_time.amount > 0;
  return useQuery({
    queryKey: [...dossiersKey, 'due-explanation', d?.id, d?.received_at],
    queryFn: () => api.post<Deadline>('/api/calendar/deadline', {
      agency_id: d!.agency_id, received_at: vietnamLocal(d!.received_at), amount: d!.statutory_time.amount,
      unit, cutoff_rule: d!.statutory_time.cutoff_rule }),
    enabled,
    staleTime: Infinity,
    retry: false,
  });
}
