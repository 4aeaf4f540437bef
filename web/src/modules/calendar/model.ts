// The working-day calendar as the API sends it (/api/calendar/…), and the month grid the year
// view draws: weeks from Monday (Thứ Hai) to Sunday (Chủ nhật), as Vietnamese calendars print them.
import type { MessageKey } from '../../i18n/messages';

export const dayKinds = [
  'working_day',
  'weekly_rest',
  'public_holiday',
  'substitute_day_off',
  'decreed_day_off',
  'decreed_working_day',
] as const;
export type DayKind = (typeof dayKinds)[number];

export const decisionKinds = ['day_off', 'working_day', 'tet_day', 'national_day_adjacent'] as const;
export type DecisionKind = (typeof decisionKinds)[number];

export function dayKindLabelKey(kind: DayKind): MessageKey {
  return `calendar.kind.${kind}`;
}
export function decisionKindLabelKey(kind: DecisionKind): MessageKey {
  return `calendar.decisionKind.${kind}`;
}

export interface CalendarDay {
  date: string;                       // YYYY-MM-DD
  kind: DayKind;
  lunar: [number, number, boolean];   // day, month, leap month
  reason_vi?: string;
  reason_en?: string;
  legal_basis?: string;
}

export interface Session { start: string; end: string }   // "07:30"

export interface CalendarSettings {
  weekly_rest: number[];              // 0 = Sunday … 6 = Saturday
  sessions: Session[];
  saturday_morning_reception: boolean;
  minutes_per_day: number;
}

export interface YearView {
  year: number;
  agency_id: number | null;
  settings: CalendarSettings;
  days: CalendarDay[];
}

export interface Decision {
  id: number | null;                  // null for a built-in entry
  builtin: boolean;
  year: number;
  date: string;
  kind: DecisionKind;
  reason_vi: string;
  reason_en: string;
  legal_basis: string;
  legal_basis_date: string | null;
  citation: string;
  updated_at: string | null;
}

export interface DecisionInput {
  year: number;
  date: string;
  kind: DecisionKind;
  reason_vi: string;
  reason_en: string;
  legal_basis: string;
  legal_basis_date: string;
}

export interface SettingsOverride {
  weekly_rest: number[] | null;       // null: inherited
  sessions: Session[] | null;
  saturday_morning_reception: boolean | null;
}

export interface SettingsView {
  agency_id: number | null;
  own: SettingsOverride & { updated_at: string | null };
  inherited: CalendarSettings;
  effective: CalendarSettings;
}

export interface DeadlineInput {
  agency_id?: number;
  received_at: string;                // "YYYY-MM-DDTHH:MM", Vietnam time
  amount: number;
  unit: 'working_days' | 'working_hours' | 'days';
  cutoff_rule: boolean;
}

export interface SkippedDay {
  date: string;
  kind: DayKind;
  reason_vi: string;
  reason_en: string;
  legal_basis: string;
}

export interface Deadline {
  received_at: string;
  received_local: string;
  counting_from: string;
  counting_from_local: string;
  moved_by_cutoff: boolean;
  due_at: string;
  due_local: string;
  skipped: SkippedDay[];
  text_vi: string;
  text_en: string;
}

// Weeks of one month, Monday first; null fills the cells outside the month.
export function monthWeeks<T extends { date: string }>(days: readonly T[], month: number): (T | null)[][] {
  const inMonth = days.filter((d) => Number(d.date.slice(5, 7)) === month);
  const first = inMonth[0];
  if (first === undefined) return [];
  const weekday = new Date(`${first.date}T00:00:00Z`).getUTCDay();   // 0 = Sunday
  const cells: (T | null)[] = [...Array<null>((weekday + 6) % 7).fill(null), ...inMonth];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (T | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

// "29/04/2026" from "2026-04-29".
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

// Lunar day as printed in small type: the month on its first day ("1/3"), else the day.
export function lunarLabel([day, month, leap]: [number, number, boolean]): string {
  return day === 1 ? `${day}/${month}${leap ? 'N' : ''}` : String(day);
}
