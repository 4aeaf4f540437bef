// Dossiers (hồ sơ thủ tục hành chính) as the API sends them (src/dossiers/routes.cpp):
// GET/POST /api/dossiers, /api/dossiers/{id}, the work queues and the public lookup.
import type { MessageKey } from '../../i18n/messages';

// The national portal's status codes (DVCQG).
export const statuses = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export type StatusCode = (typeof statuses)[number];

export function statusLabelKey(status: number): MessageKey {
  return `dossiers.status.${(statuses as readonly number[]).includes(status) ? status : 1}` as MessageKey;
}

export const statusColor: Record<number, string> = {
  1: 'default', 2: 'blue', 3: 'red', 4: 'processing', 5: 'orange', 6: 'gold', 7: 'default', 8: 'volcano',
  9: 'cyan', 10: 'green',
};

export type Channel = 1 | 2 | 3;
export const channels: readonly Channel[] = [1, 2, 3];
export type Outcome = 'receive' | 'guide' | 'refuse';
export type Timeliness = 'early' | 'on_time' | 'late' | 'late_apology';

export interface Applicant { name: string; id_number: string; address: string; phone: string; email: string }

export interface DossierStep {
  id: number;
  position: number;
  stage: number;
  name: string;
  kind: string;
  agency_id: number;
  state: 'pending' | 'active' | 'done' | 'cancelled';
  assignee_id: number | null;
  started_at: string | null;
  due_at: string | null;
  finished_at: string | null;
  timeliness: Timeliness | null;
}

export interface Dossier {
  id: number;
  agency_id: number;
  procedure_id: number;
  procedure_version_id: number;
  process: { document_id: number; version: number };
  number: string | null;
  status: number;
  outcome: string;
  channel: number;
  applicant: Applicant;
  components: number[];
  missing: string[];
  reasons: string;
  received_at: string;
  statutory_time: { unit: string; amount: number; cutoff_rule: boolean };
  original_due_at: string | null;
  due_at: string | null;
  apologized: boolean;
  notice_late: boolean;
  result_positive: boolean | null;
  resolved_at: string | null;
  timeliness: Timeliness | null;
  returned_at: string | null;
  handling_agency_id: number | null;
  steps: DossierStep[];
  secret?: string;   // only in the answer to its intake
}

export interface ReceiveInput {
  procedure_id: number;
  channel: Channel;
  applicant: Applicant;
  components: number[];
  outcome: Outcome;
  notes?: string[];
}

export interface Queues {
  clerk: { guided: number; to_return: number };
  officer: { my_steps: number; due_soon: number; overdue: number };
  leader: { to_approve: number };
}

export interface PublicView {
  number: string;
  status: number;
  due_at: string | null;
  handling_unit: string;
  result_ready: boolean;
}

// An ISO-8601 instant in the browser's time zone: dd/mm/yyyy hh:mm.
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

// Steps a person may hand over themselves: approval and signature go through the decision.
export const decisionKinds = ['approve', 'sign'];

export const activeStep = (d: Dossier) => d.steps.find((s) => s.state === 'active') ?? null;
