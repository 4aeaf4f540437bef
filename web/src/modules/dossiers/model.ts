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

// The work queues of GET /api/dossiers/queues, each listed by GET /api/dossiers?queue=….
export const queueIds = ['guided', 'to_return', 'my_steps', 'due_soon', 'overdue', 'to_approve'] as const;
export type QueueId = (typeof queueIds)[number];
export const queueLabelKey: Record<QueueId, MessageKey> = {
  guided: 'dossiers.queue.guided', to_return: 'dossiers.queue.toReturn', my_steps: 'dossiers.queue.mySteps',
  due_soon: 'dossiers.queue.dueSoon', overdue: 'dossiers.queue.overdue', to_approve: 'dossiers.queue.toApprove',
};
export function queueCount(q: Queues, id: QueueId): number {
  switch (id) {
    case 'guided': return q.clerk.guided;
    case 'to_return': return q.clerk.to_return;
    case 'my_steps': return q.officer.my_steps;
    case 'due_soon': return q.officer.due_soon;
    case 'overdue': return q.officer.overdue;
    case 'to_approve': return q.leader.to_approve;
  }
}
export const isQueueId = (s: string | null): s is QueueId => (queueIds as readonly string[]).includes(s ?? '');

// The counters a leader may correct (POST /api/dossiers/{id}/corrections), as the statistics name them.
export const metrics = ['received.1', 'received.2', 'received.3', 'guided', 'refused', 'resolved.early',
  'resolved.on_time', 'resolved.late', 'resolved.late_apology', 'withdrawn', 'stopped', 'returned'] as const;
export type Metric = (typeof metrics)[number];
export const metricLabelKey = (m: string): MessageKey =>
  ((metrics as readonly string[]).includes(m) ? `dossiers.metric.${m}` : 'dossiers.metric.unknown') as MessageKey;

// GET /api/dossiers/{id}/events, newest first. `detail` depends on `kind`.
export interface DossierEvent {
  id: number;
  at: number | string;   // epoch ms
  kind: string;
  actor_id: number | null;
  actor_name: string;
  detail: Record<string, unknown>;
}

// GET /api/dossiers/{id}/steps/{step}/candidates: who of the step's unit may take it.
export interface Candidate { id: number; full_name: string; roles: string[] }

// An instant (ISO-8601 or epoch ms) in the browser's time zone: dd/mm/yyyy hh:mm.
// Times are shown in Vietnam time (UTC+7, no daylight saving) whatever the browser's zone:
// deadlines are counted in the agency's office hours, and a citizen abroad must read the same hour.
const kVietnamOffsetMs = 7 * 3600 * 1000;

export function formatDateTime(iso: string | number | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return String(iso);
  const d = new Date(t + kVietnamOffsetMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

// Steps a person may hand over themselves: approval and signature go through the decision.
export const decisionKinds = ['approve', 'sign'];

export const activeStep = (d: Dossier) => d.steps.find((s) => s.state === 'active') ?? null;

// The steps a handover of `step` starts: the pending steps of the next stage along the process.
export function nextSteps(d: Dossier, step: DossierStep): DossierStep[] {
  const later = d.steps.filter((s) => s.state === 'pending' && s.stage > step.stage);
  if (later.length === 0) return [];
  const stage = Math.min(...later.map((s) => s.stage));
  return later.filter((s) => s.stage === stage);
}

// Whether a step is still open past its deadline at `now` (epoch ms).
export function stepOverdue(s: DossierStep, now: number): boolean {
  return s.state === 'active' && s.due_at !== null && new Date(s.due_at).getTime() < now;
}

// A span of time in days, hours and minutes, largest two parts: "2 ngày 3 giờ", "45 phút".
export function durationParts(ms: number): { days: number; hours: number; minutes: number } {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}

// Received instant in Vietnam time as the calendar's deadline calculator takes it: "YYYY-MM-DDTHH:MM".
export const vietnamLocal = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3600 * 1000).toISOString().slice(0, 16);
