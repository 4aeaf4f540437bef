import { describe, expect, it } from 'vitest';
import { formatDate, lunarLabel, monthWeeks } from './model';

function daysOf(year: number, month: number) {
  const out: { date: string }[] = [];
  for (let d = 1; d <= new Date(Date.UTC(year, month, 0)).getUTCDate(); d++) {
    out.push({ date: `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}` });
  }
  return out;
}

describe('calendar month grid', () => {
  it('starts weeks on Monday', () => {
    // 1/4/2026 is a Wednesday: two blanks (Mon, Tue) before it.
    const weeks = monthWeeks(daysOf(2026, 4), 4);
    expect(weeks[0]?.slice(0, 3)).toEqual([null, null, { date: '2026-04-01' }]);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks.flat().filter(Boolean)).toHaveLength(30);
  });
  it('starts on the first cell when the month begins on a Monday', () => {
    // 1/6/2026 is a Monday.
    expect(monthWeeks(daysOf(2026, 6), 6)[0]?.[0]).toEqual({ date: '2026-06-01' });
  });
  it('formats dates and lunar days', () => {
    expect(formatDate('2026-04-29')).toBe('29/04/2026');
    expect(lunarLabel([1, 1, false])).toBe('1/1');
    expect(lunarLabel([1, 6, true])).toBe('1/6N');
    expect(lunarLabel([14, 3, false])).toBe('14');
  });
});
