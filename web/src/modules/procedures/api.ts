// TanStack Query hooks over /api/procedures and /api/processes. Process queries live under the
// documents key: a process is a document, and the documents module's transitions (submit,
// approve, issue) refetch everything under it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, upload, withQuery } from '../../api/client';
import { documentsKey } from '../documents/api';
import type { SettingsView } from '../calendar/model';
import type {
  CatalogFormat, ImportReport, Process, ProcessInForce, Procedure, ProcedureFilter, ProcedureInput, Step,
} from './model';

export const proceduresKey = ['procedures'] as const;
const processesKey = [...documentsKey, 'processes'] as const;

export function useProcedures(filter: ProcedureFilter) {
  return useQuery({
    queryKey: [...proceduresKey, 'list', filter],
    queryFn: async () => (await api.get<{ procedures: Procedure[] }>('/api/procedures', {
      q: filter.q, sector: filter.sector, agency_id: filter.agency_id,
    })).procedures,
    placeholderData: (previous) => previous,
  });
}

// Every procedure, unfiltered: the sector choices of the filter.
export function useSectors() {
  return useQuery({
    queryKey: [...proceduresKey, 'list', {}],
    queryFn: async () => (await api.get<{ procedures: Procedure[] }>('/api/procedures')).procedures,
    select: (list) => [...new Set(list.map((p) => p.current.sector))].sort((a, b) => a.localeCompare(b, 'vi')),
    staleTime: 60 * 1000,
  });
}

export function useProcedure(id: number) {
  return useQuery({
    queryKey: [...proceduresKey, 'detail', id],
    queryFn: () => api.get<Procedure>(`/api/procedures/${id}`),
    enabled: id > 0,   // 0: not known yet (e.g. the dossier that names it is still loading)
  });
}

export function useProcessInForce(procedureId: number, agencyId: number, enabled: boolean) {
  return useQuery({
    queryKey: [...processesKey, 'in-force', procedureId, agencyId],
    // The server wants the date spelled out (an empty one is procedures' "bad date").
    queryFn: () => api.get<ProcessInForce>(`/api/procedures/${procedureId}/process-in-force`,
      { agency_id: agencyId, date: vietnamToday() }),
    enabled,
    retry: false,
  });
}

// Today in Vietnam (UTC+7), as the server's calendar counts days.
export function vietnamToday(): string {
  return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

export function useProcess(id: number) {
  return useQuery({
    queryKey: [...processesKey, 'detail', id],
    queryFn: () => api.get<Process>(`/api/processes/${id}`),
  });
}

// The agency calendar's working minutes per day: the unit of a working day in step budgets.
export function useMinutesPerDay(agencyId: number | null) {
  return useQuery({
    queryKey: ['calendar', 'settings', agencyId],
    queryFn: () => api.get<SettingsView>('/api/calendar/settings', { agency_id: agencyId }),
    enabled: agencyId !== null,
    select: (view) => view.effective.minutes_per_day,
    staleTime: 60 * 1000,
  });
}

function useInvalidating<Vars, Out>(run: (vars: Vars) => Promise<Out>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: proceduresKey });
      void client.invalidateQueries({ queryKey: documentsKey });
    },
  });
}

export function useCreateProcedure() {
  return useInvalidating((input: ProcedureInput) => api.post<Procedure>('/api/procedures', input));
}

export function useAddVersion() {
  return useInvalidating(({ id, input }: { id: number; input: ProcedureInput }) =>
    api.post<Procedure>(`/api/procedures/${id}/versions`, input));
}

export function useCreateProcess() {
  return useInvalidating(({ id, agencyId }: { id: number; agencyId: number }) =>
    api.post<Process>(`/api/procedures/${id}/processes`, { agency_id: agencyId }));
}

export function useNewProcessVersion() {
  return useInvalidating((id: number) => api.post<Process>(`/api/processes/${id}/versions`));
}

export function useSaveSteps() {
  return useInvalidating(({ id, number, steps }: { id: number; number: number; steps: Step[] }) =>
    api.put<Process>(`/api/processes/${id}/versions/${number}/steps`, { steps }));
}

export function useImport() {
  // A file with bad records is a 422 whose body is the report itself: a result, not a failure.
  return useInvalidating(async ({ file, format, dryRun }: { file: Blob; format: CatalogFormat; dryRun: boolean }) => {
    try {
      return await upload<ImportReport>(withQuery('/api/procedures/import', { format, dry_run: dryRun ? 'true' : undefined }),
        file, format === 'csv' ? 'text/csv' : 'application/json');
    } catch (error) {
      const report = error instanceof ApiError ? error.payload as ImportReport | undefined : undefined;
      if (error instanceof ApiError && error.status === 422 && Array.isArray(report?.problems)) return report;
      throw error;
    }
  });
}

export const exportUrl = (format: CatalogFormat) => withQuery('/api/procedures/export', { format });
