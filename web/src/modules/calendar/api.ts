// TanStack Query hooks over /api/calendar. A change to decisions or settings refetches every
// calendar query: year views, lists and settings all depend on them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  Deadline, DeadlineInput, Decision, DecisionInput, SettingsOverride, SettingsView, YearView,
} from './model';

export const calendarKey = ['calendar'] as const;

export function useYear(year: number, agencyId: number | null) {
  return useQuery({
    queryKey: [...calendarKey, 'year', year, agencyId],
    queryFn: () => api.get<YearView>(`/api/calendar/years/${year}`, { agency_id: agencyId }),
    staleTime: 60 * 1000,
  });
}

export function useDecisions(year: number) {
  return useQuery({
    queryKey: [...calendarKey, 'decisions', year],
    queryFn: async () => (await api.get<{ decisions: Decision[] }>('/api/calendar/decisions', { year })).decisions,
    staleTime: 60 * 1000,
  });
}

export function useSettings(agencyId: number | null) {
  return useQuery({
    queryKey: [...calendarKey, 'settings', agencyId],
    queryFn: () => api.get<SettingsView>('/api/calendar/settings', { agency_id: agencyId }),
  });
}

function useCalendarMutation<Vars, Out>(run: (vars: Vars) => Promise<Out>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => void client.invalidateQueries({ queryKey: calendarKey }),
  });
}

export function useSaveDecision() {
  return useCalendarMutation(({ id, input }: { id: number | null; input: DecisionInput }) =>
    id === null
      ? api.post<Decision>('/api/calendar/decisions', input)
      : api.put<Decision>(`/api/calendar/decisions/${id}`, input));
}

export function useDeleteDecision() {
  return useCalendarMutation((id: number) => api.delete<void>(`/api/calendar/decisions/${id}`));
}

export function useSaveSettings() {
  return useCalendarMutation(({ agencyId, values }: { agencyId: number | null; values: SettingsOverride }) =>
    api.put<SettingsView>(agencyId === null ? '/api/calendar/settings' : `/api/calendar/settings?agency_id=${agencyId}`,
      values));
}

export function useTryDeadline() {
  return useMutation({
    mutationFn: (input: DeadlineInput) => api.post<Deadline>('/api/calendar/deadline', input),
  });
}
