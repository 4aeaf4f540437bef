// The step budgets of a process against the statutory time, with the server's arithmetic
// (src/procedures/service.cpp ExactMinutes / CheckSteps): a working hour is 60 minutes, a working
// day (or a calendar day of a statutory time) is the agency calendar's minutes per day; adjacent
// steps of one parallel group run together and take as long as their longest step.
import type { Duration } from './model';

export interface BudgetStep { budget: Duration; parallel_group: number | null }

export function exactMinutes(d: Duration, minutesPerDay: number): number {
  return d.value * (d.unit === 'working_hour' ? 60 : minutesPerDay);
}

export interface Segment {
  index: number;        // the step's position in the list
  lane: number;         // 0 for a step alone; 0, 1, … inside a parallel group
  start: number;        // working minutes from the start
  minutes: number;
  overflow: boolean;    // ends after the statutory time
}

export interface Timeline {
  segments: Segment[];
  total: number;        // working minutes, parallel groups by their longest step
  limit: number;        // the statutory time in working minutes
  lanes: number;        // the most steps running at once
  scale: number;        // max(total, limit): the bar's full width
  firstOver: number | null;   // the step the server names in procedures.budget_exceeds_statutory
}

export function buildTimeline(steps: readonly BudgetStep[], statutory: Duration, minutesPerDay: number): Timeline {
  const limit = exactMinutes(statutory, minutesPerDay);
  const segments: Segment[] = [];
  let total = 0;
  let lanes = steps.length > 0 ? 1 : 0;
  let firstOver: number | null = null;
  const at = (k: number) => exactMinutes(steps[k]!.budget, minutesPerDay);
  for (let i = 0; i < steps.length;) {
    const group = steps[i]!.parallel_group;
    let j = i + 1;
    while (group !== null && j < steps.length && steps[j]!.parallel_group === group) j++;
    let longest = i;
    for (let k = i; k < j; k++) {
      const minutes = at(k);
      if (minutes > at(longest)) longest = k;
      segments.push({ index: k, lane: k - i, start: total, minutes, overflow: total + minutes > limit + 1e-6 });
    }
    lanes = Math.max(lanes, j - i);
    total += at(longest);
    if (firstOver === null && total > limit + 1e-6) firstOver = longest;
    i = j;
  }
  return { segments, total, limit, lanes, scale: Math.max(total, limit, 1), firstOver };
}

// Working minutes as days and hours of the agency's calendar: "2 ngày 3,5 giờ" style parts.
export function splitMinutes(minutes: number, minutesPerDay: number): { days: number; hours: number } {
  const days = Math.floor((minutes + 1e-6) / minutesPerDay);
  const hours = Math.round(((minutes - days * minutesPerDay) / 60) * 100) / 100;
  return { days, hours };
}
