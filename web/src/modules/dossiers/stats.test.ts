import { describe, expect, it } from 'vitest';
import { defaultPeriod, formatRate, monthLabel, monthsBetween, monthSeries, rankWorstFirst, type StatsGroup } from './stats';

const group = (key: string, counts: Record<string, number>, extra: Partial<StatsGroup> = {}): StatsGroup => {
  const good = (counts['resolved.early'] ?? 0) + (counts['resolved.on_time'] ?? 0);
  const resolved = good + (counts['resolved.late'] ?? 0) + (counts['resolved.late_apology'] ?? 0);
  const received = (counts['received.1'] ?? 0) + (counts['received.2'] ?? 0) + (counts['received.3'] ?? 0);
  return { key, name: `Cơ quan ${key}`, counts, received, resolved,
    on_time_rate: { early_on_time_over_received: received ? good / received : 0, early_on_time_over_resolved: resolved ? good / resolved : 0 },
    ...extra };
};

describe('on-time rate', () => {
  it('shows one decimal in each language and a dash when nothing was counted', () => {
    expect(formatRate(0.875, 8, 'vi')).toBe('87,5%');
    expect(formatRate(0.875, 8, 'en')).toBe('87.5%');
    expect(formatRate(2 / 3, 3, 'vi')).toBe('66,7%');
    expect(formatRate(1, 4, 'vi')).toBe('100%');
    expect(formatRate(0, 5, 'vi')).toBe('0%');
    expect(formatRate(0, 0, 'vi')).toBe('—');
    expect(formatRate(undefined, 3, 'en')).toBe('—');
  });
});

describe('period', () => {
  it('defaults to this year', () => {
    expect(defaultPeriod(new Date(2026, 10, 25))).toEqual({ from: '2026-01', to: '2026-12' });
  });
  it('lists the months of a period across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
    expect(monthLabel('2026-03')).toBe('03/2026');
  });
});

describe('monthly series', () => {
  it('fills every month up to now, with zeros and no rate where nothing happened', () => {
    const s = monthSeries({ from: '2026-01', to: '2026-12', groups: [
      group('2026-02', { 'received.1': 3, 'received.2': 1, 'resolved.early': 1, 'resolved.on_time': 2, 'resolved.late': 1 }),
      group('2026-04', { 'resolved.late_apology': 2 }),
    ] }, new Date(2026, 3, 15));
    expect(s.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(s.early).toEqual([0, 1, 0, 0]);
    expect(s.onTime).toEqual([0, 2, 0, 0]);
    expect(s.late).toEqual([0, 1, 0, 0]);
    expect(s.lateApology).toEqual([0, 0, 0, 2]);
    expect(s.received).toEqual([0, 4, 0, 0]);
    expect(s.rateOverResolved).toEqual([null, 75, null, 0]);
    expect(s.rateOverReceived).toEqual([null, 75, null, null]);
  });
  it('shows a past period whole, and one month of a future one', () => {
    expect(monthSeries({ from: '2025-01', to: '2025-12' }, new Date(2026, 3, 15)).months).toHaveLength(12);
    expect(monthSeries({ from: '2027-01', to: '2027-12' }, new Date(2026, 3, 15)).months).toEqual(['2027-01']);
  });
});

describe('agencies worst first', () => {
  it('ranks by the rate over resolved, then overdue, and puts those without results last', () => {
    const ranked = rankWorstFirst([
      group('1', { 'resolved.on_time': 9, 'resolved.late': 1 }),
      group('2', { 'received.1': 4 }, { overdue: 3 }),
      group('3', { 'resolved.on_time': 1, 'resolved.late': 1 }),
      group('4', { 'resolved.on_time': 1, 'resolved.late': 1 }, { overdue: 2 }),
      group('5', { 'resolved.early': 5 }),
    ]);
    expect(ranked.map((g) => g.key)).toEqual(['4', '3', '1', '5', '2']);
  });
});
