import { describe, expect, it } from 'vitest';
import { messages } from '../../i18n/messages';
import { activeStep, formatDateTime, statuses, statusLabelKey, type Dossier } from './model';

describe('dossier model', () => {
  it('labels the ten national status codes in both languages', () => {
    expect(statuses).toHaveLength(10);
    const labels = new Set(statuses.map((s) => messages.vi[statusLabelKey(s)]));
    expect(labels.size).toBe(10);
    expect(messages.vi[statusLabelKey(10)]).toBe('Đã trả kết quả');
    for (const s of statuses) expect(messages.en[statusLabelKey(s)]).toBeTruthy();
  });

  it('formats an instant in local time and an absent one as a dash', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('2026-11-30T10:00:00.000Z')).toMatch(/^\d{2}\/\d{2}\/2026 \d{2}:\d{2}$/);
  });

  it('finds the active step', () => {
    const d = { steps: [{ id: 1, state: 'done' }, { id: 2, state: 'active' }] } as unknown as Dossier;
    expect(activeStep(d)?.id).toBe(2);
  });
});
