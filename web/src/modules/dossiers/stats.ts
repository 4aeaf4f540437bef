// Statistics of single-window dossiers (GET /api/dossiers/stats) and the pure shaping the
// dashboard needs: the period, the two on-time rates with their denominators (Decree 61 art. 30.2c
// counts over dossiers received; reports in practice over dossiers resolved), the monthly series
// and the agencies ranked worst first.
import type { Language } from '../../i18n/language';

export type GroupBy = 'period' | 'agency' | 'procedure';

export interface OnTimeRate {
  early_on_time_over_received: number;   // fractions 0..1; 0 when the denominator is 0
  early_on_time_over_resolved: number;
}

export interface StatsGroup {
  key: string;    // "2026-03", or an agency or procedure id
  name: string;
  counts: Record<string, number>;
  received: number;
  resolved: number;
  on_time_rate: OnTimeRate;
  in_progress?: number;
  overdue?: number;
}

export interface Stats {
  from: string;
  to: string;
  counts: Record<string, number>;
  received: number;
  resolved: number;
  in_progress: number;
  overdue: number;
  carried_over?: number;
  on_time_rate: OnTimeRate;
  groups?: StatsGroup[];
}

export interface StatsQuery {
  agency_id: number | null;
  from: string;   // YYYY-MM
  to: string;
  group_by?: GroupBy;
}

export const count = (counts: Record<string, number> | undefined, metric: string): number => counts?.[metric] ?? 0;
export const onTime = (counts: Record<string, number> | undefined) =>
  count(counts, 'resolved.early') + count(counts, 'resolved.on_time');

// This year, January to December.
export function defaultPeriod(now: Date = new Date()): { from: string; to: string } {
  const y = now.getFullYear();
  return { from: `${y}-01`, to: `${y}-12` };
}

// A rate as a percentage with one decimal, in the language's notation; a dash when nothing was
// counted, so that "0 %" always means "none on time".
export function formatRate(fraction: number | null | undefined, denominator: number, language: Language): string {
  if (!denominator || fraction === null || fraction === undefined || Number.isNaN(fraction)) return '—';
  const percent = Math.round(fraction * 1000) / 10;
  return language === 'vi' ? `${String(percent).replace('.', ',')}%` : `${percent}%`;
}

// "2026-03" → "03/2026".
export const monthLabel = (period: string) => `${period.slice(5, 7)}/${period.slice(0, 4)}`;

// Every month from `from` to `to` inclusive (YYYY-MM), at most 120.
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  if (!y || !m || !endY || !endM) return out;
  while ((y < endY || (y === endY && m <= endM)) && out.length < 120) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

export interface MonthSeries {
  months: string[];
  early: number[];
  onTime: number[];
  late: number[];
  lateApology: number[];
  received: number[];
  rateOverReceived: (number | null)[];   // percent, null where nothing was received
  rateOverResolved: (number | null)[];
}

const percent = (good: number, of: number) => (of ? Math.round((good / of) * 1000) / 10 : null);

// The per-month series of a group_by=period answer: every month of the period up to `now`'s
// month (later months have nothing yet), zeros where the answer has no group.
export function monthSeries(stats: Pick<Stats, 'from' | 'to' | 'groups'>, now: Date = new Date()): MonthSeries {
  const current = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const to = stats.to < current ? stats.to : current;
  const months = monthsBetween(stats.from, to < stats.from ? stats.from : to);
  const byKey = new Map((stats.groups ?? []).map((g) => [g.key, g]));
  const out: MonthSeries = { months, early: [], onTime: [], late: [], lateApology: [], received: [],
    rateOverReceived: [], rateOverResolved: [] };
  for (const month of months) {
    const c = byKey.get(month)?.counts;
    const good = onTime(c);
    const resolved = good + count(c, 'resolved.late') + count(c, 'resolved.late_apology');
    const received = count(c, 'received.1') + count(c, 'received.2') + count(c, 'received.3');
    out.early.push(count(c, 'resolved.early'));
    out.onTime.push(count(c, 'resolved.on_time'));
    out.late.push(count(c, 'resolved.late'));
    out.lateApology.push(count(c, 'resolved.late_apology'));
    out.received.push(received);
    out.rateOverReceived.push(percent(good, received));
    out.rateOverResolved.push(percent(good, resolved));
  }
  return out;
}

// Agencies (or procedures) worst first: the lowest on-time rate over resolved dossiers, then the
// most overdue, then the most resolved; groups with nothing resolved have no rate and come last.
export function rankWorstFirst(groups: readonly StatsGroup[]): StatsGroup[] {
  return [...groups].sort((a, b) => {
    if (!a.resolved !== !b.resolved) return a.resolved ? -1 : 1;
    const rate = a.on_time_rate.early_on_time_over_resolved - b.on_time_rate.early_on_time_over_resolved;
    if (a.resolved && rate !== 0) return rate;
    const overdue = (b.overdue ?? 0) - (a.overdue ?? 0);
    if (overdue !== 0) return overdue;
    if (b.resolved !== a.resolved) return b.resolved - a.resolved;
    return a.name.localeCompare(b.name, 'vi');
  });
}
