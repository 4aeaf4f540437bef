import { describe, expect, it } from 'vitest';
import { buildTimeline, exactMinutes, splitMinutes } from './timeline';

const step = (value: number, unit: 'working_day' | 'working_hour' = 'working_day', group: number | null = null) =>
  ({ budget: { value, unit }, parallel_group: group });

describe('timeline math', () => {
  it('converts budgets with the calendar minutes per day', () => {
    expect(exactMinutes({ value: 0.25, unit: 'working_day' }, 450)).toBe(112.5);
    expect(exactMinutes({ value: 2, unit: 'working_hour' }, 450)).toBe(120);
    expect(exactMinutes({ value: 1, unit: 'day' }, 480)).toBe(480);
  });

  it('counts a parallel group by its longest step, as the server does (API test total)', () => {
    const steps = [step(0.5), step(3, 'working_day', 1), step(2, 'working_day', 1), step(1),
      step(2, 'working_hour'), step(1.5, 'working_hour')];
    const tl = buildTimeline(steps, { value: 5, unit: 'working_day' }, 450);
    expect(tl.total).toBe(4.5 * 450 + 210);
    expect(tl.limit).toBe(2250);
    expect(tl.lanes).toBe(2);
    expect(tl.firstOver).toBeNull();
    expect(tl.segments[1]).toMatchObject({ lane: 0, start: 225, minutes: 1350 });
    expect(tl.segments[2]).toMatchObject({ lane: 1, start: 225, minutes: 900 });
    expect(tl.segments[3]?.start).toBe(225 + 1350);
    expect(tl.segments.every((s) => !s.overflow)).toBe(true);
  });

  it('marks overflow and names the step the server names', () => {
    const tl = buildTimeline([step(0.5), step(3), step(2), step(0)], { value: 5, unit: 'working_day' }, 450);
    expect(tl.firstOver).toBe(2);
    expect(tl.segments.map((s) => s.overflow)).toEqual([false, false, true, true]);
    expect(tl.scale).toBe(5.5 * 450);
  });

  it('picks the longest step of an overflowing parallel group', () => {
    const tl = buildTimeline([step(4), step(1, 'working_day', 7), step(2, 'working_day', 7)],
      { value: 5, unit: 'working_day' }, 450);
    expect(tl.firstOver).toBe(2);
    expect(tl.segments[1]?.overflow).toBe(false);
  });

  it('splits minutes into days and hours', () => {
    expect(splitMinutes(4.5 * 450 + 210, 450)).toEqual({ days: 4, hours: 7.25 });
    expect(splitMinutes(0, 450)).toEqual({ days: 0, hours: 0 });
  });
});
