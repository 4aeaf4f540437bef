// Administrative procedures (TTHC) and their ISO processes as the API sends them
// (src/procedures/json.cpp): GET /api/procedures, /api/procedures/{id}, /api/processes/{id}.
export type TimeUnit = 'working_day' | 'working_hour' | 'day';
export type OnlineLevel = 'full' | 'partial' | 'none';
export type PaperForm = 'original' | 'copy' | 'original_or_copy';
export type StepKind = 'receive' | 'appraise' | 'approve' | 'sign' | 'consult' | 'return';

export const timeUnits: readonly TimeUnit[] = ['working_day', 'working_hour', 'day'];
export const budgetUnits: readonly TimeUnit[] = ['working_day', 'working_hour'];
export const onlineLevels: readonly OnlineLevel[] = ['full', 'partial', 'none'];
export const paperForms: readonly PaperForm[] = ['original', 'copy', 'original_or_copy'];
export const stepKinds: readonly StepKind[] = ['receive', 'appraise', 'approve', 'sign', 'consult', 'return'];

export interface Duration { value: number; unit: TimeUnit }

export interface AgencyRef { id: number; name: string; unit_code: string }

export interface Component { name: string; form: PaperForm; copies: number; required: boolean }

export interface ProcedureVersion {
  id: number;
  effective_from: string;
  effective_to: string | null;
  name: string;
  sector: string;
  agencies: AgencyRef[];
  statutory_time: Duration;
  fee: string;
  result: string;
  legal_basis: string[];
  components: Component[];
  online_level: OnlineLevel;
  boundary_free: boolean;
  cutoff_rule: boolean;
}

export interface Step {
  name: string;
  responsible: string;
  kind: StepKind;
  budget: Duration;
  parallel_group: number | null;
  agency_id: number | null;
}

export interface ProcessVersion {
  number: number;
  state: string;
  effective_date: string | null;
  steps: Step[];
  total_minutes: number;
}

export interface Process {
  document_id: number;
  procedure_id: number;
  procedure_code: string;
  agency: AgencyRef;
  code: string;
  title: string;
  current_version: number | null;
  versions: ProcessVersion[];   // newest first
}

export interface ProcessInForce {
  document_id: number;
  version: number;
  effective_date: string;
  steps: Step[];
  total_minutes: number;
}

export interface Procedure {
  id: number;
  code: string;
  current: ProcedureVersion;
  versions?: ProcedureVersion[];   // newest effective date first; detail only
  processes?: Process[];           // summaries; detail only
}

// Body of POST /api/procedures (with code) and POST /api/procedures/{id}/versions.
export interface ProcedureInput {
  code?: string;
  effective_from: string;
  name: string;
  sector: string;
  agency_ids: number[];
  statutory_time: Duration;
  fee: string;
  result: string;
  legal_basis: string[];
  components: Component[];
  online_level: OnlineLevel;
  boundary_free: boolean;
  cutoff_rule: boolean;
}

export interface ProcedureFilter { q?: string; sector?: string | null; agency_id?: number | null }

export type CatalogFormat = 'csv' | 'json';

export interface ImportProblem { line: number; field: string; problem: string; message: string }

export interface ImportReport {
  ok: boolean;
  dry_run: boolean;
  records: number;
  imported: number;
  unchanged: number;
  problems: ImportProblem[];
}

// "5 ngày làm việc" → value 5; a quarter day is allowed (0,25).
export function formatAmount(value: number, language: string): string {
  return value.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });
}

// A server error's field "steps[2].budget.value" → row 2, "budget.value"; "steps" → no row.
export function rowOfField(field: string | null): { row: number; rest: string } | null {
  const m = field ? /^steps\[(\d+)\](?:\.(.+))?$/.exec(field) : null;
  return m ? { row: Number(m[1]), rest: m[2] ?? '' } : null;
}
