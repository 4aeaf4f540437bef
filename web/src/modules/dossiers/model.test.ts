import { describe, expect, it } from 'vitest';
import { messages } from '../../i18n/messages';
import {
  activeStep, durationParts, formatDateTime, isQueueId, metricLabelKey, metrics, nextSteps, queueCount, queueIds, statuses, statusLabelKey, stepOverdue,
  type Dossier, type DossierStep,
} from './model';

describe('dossier model', () => {
  it('labels the ten national status codes in both languages', () => {
    expect(statuses).toHaveLength(10);
    const labels = new Set(statuses.map((s) => messages.vi[statusLabelKey(s)]));
    expect(labels.size).toBe(10);
    expect(messages.vi[statusLabelKey(10)]).toBe('Đã trả kết quả');
    for (const s of statuses) expect(messages.en[statusLabelKey(s)]).toBeTruthy();
  });

  it('formats an instant in Vietnam time (UTC+7) and an absent one as a dash', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('2026-11-30T10:00:00.000Z')).toBe('30/11/2026 17:00');   // Vietnam time
    expect(formatDateTime('2026-12-31T20:30:00.000Z')).toBe('01/01/2027 03:30');
  });

  it('finds the active step', () => {
    const d = { steps: [{ id: 1, state: 'done' }, { id: 2, state: 'active' }] } as unknown as Dossier;
    expect(activeStep(d)?.id).toBe(2);
  });

  it('finds the steps a handover starts: the next stage, all of it', () => {
    const step = (id: number, stage: number, state: DossierStep['state']) => ({ id, stage, state }) as DossierStep;
    const d = { steps: [step(1, 0, 'done'), step(2, 1, 'active'), step(3, 2, 'pending'), step(4, 2, 'pending'), step(5, 3, 'pending')] } as Dossier;
    expect(nextSteps(d, d.steps[1]!).map((s) => s.id)).toEqual([3, 4]);
    expect(nextSteps(d, d.steps[4]!)).toEqual([]);
  });

  it('marks an active step past its due time as overdue', () => {
    const s = { state: 'active', due_at: '2026-11-20T08:00:00Z' } as DossierStep;
    expect(stepOverdue(s, Date.parse('2026-11-20T09:00:00Z'))).toBe(true);
    expect(stepOverdue(s, Date.parse('2026-11-20T07:00:00Z'))).toBe(false);
    expect(stepOverdue({ ...s, state: 'done' }, Date.parse('2026-11-21T00:00:00Z'))).toBe(false);
  });

  it('splits a span into days, hours and minutes', () => {
    expect(durationParts((2 * 24 + 3) * 3600_000 + 5 * 60_000)).toEqual({ days: 2, hours: 3, minutes: 5 });
    expect(durationParts(-45 * 60_000)).toEqual({ days: 0, hours: 0, minutes: 45 });
  });

  it('names the queues and the correctable counters in both languages', () => {
    expect(isQueueId('overdue')).toBe(true);
    expect(isQueueId('everything')).toBe(false);
    const q = { clerk: { guided: 1, to_return: 2 }, officer: { my_steps: 3, due_soon: 4, overdue: 5 }, leader: { to_approve: 6 } };
    expect(queueIds.map((id) => queueCount(q, id))).toEqual([1, 2, 3, 4, 5, 6]);
    for (const m of metrics) {
      expect(messages.vi[metricLabelKey(m)]).toBeTruthy();
      expect(messages.en[metricLabelKey(m)]).toBeTruthy();
    }
    expect(metricLabelKey('x')).toBe('dossiers.metric.unknown');
  });
});

