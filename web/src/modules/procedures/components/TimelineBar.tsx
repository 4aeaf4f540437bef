// Each step's budget as a segment along the statutory time: parallel steps stacked in lanes,
// anything past the limit in red, the limit as a line. Math in timeline.ts (the server's).
import { Tooltip, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider';
import type { Translate } from '../../../i18n/I18nProvider';
import type { Duration } from '../model';
import { buildTimeline, splitMinutes, type BudgetStep } from '../timeline';
import '../procedures.css';

export function minutesText(minutes: number, minutesPerDay: number, t: Translate, language: string): string {
  const { days, hours } = splitMinutes(minutes, minutesPerDay);
  const h = hours.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });
  if (days > 0 && hours > 0) return t('procedures.timeline.daysHours', { days, hours: h });
  if (hours > 0) return t('procedures.timeline.hours', { hours: h });
  return t('procedures.timeline.days', { days });
}

export function TimelineBar({ steps, names, statutory, minutesPerDay }: {
  steps: readonly BudgetStep[]; names: readonly string[]; statutory: Duration; minutesPerDay: number;
}) {
  const { t, language } = useI18n();
  const tl = buildTimeline(steps, statutory, minutesPerDay);
  const pct = (m: number) => `${(m / tl.scale) * 100}%`;
  const text = (m: number) => minutesText(m, minutesPerDay, t, language);
  const over = tl.total > tl.limit + 1e-6;
  return (
    <div className="proc-timeline" data-testid="proc-timeline" data-over={over ? 'true' : 'false'}>
      <div className="proc-timeline-legend">
        <Typography.Text strong>{t('procedures.timeline.used', { value: text(tl.total) })}</Typography.Text>
        <Typography.Text>{t('procedures.timeline.limit', { value: text(tl.limit) })}</Typography.Text>
        {over && (
          <Typography.Text type="danger" strong data-testid="proc-timeline-over">
            {t('procedures.timeline.over', { value: text(tl.total - tl.limit) })}
          </Typography.Text>
        )}
      </div>
      <div className="proc-timeline-track" style={{ height: Math.max(1, tl.lanes) * 30 + 6 }}>
        <div className="proc-timeline-allowed" style={{ width: pct(tl.limit) }} />
        {tl.segments.map((s) => {
          const within = Math.max(0, Math.min(s.minutes, tl.limit - s.start));
          return (
            <Tooltip key={s.index} title={`${s.index + 1}. ${names[s.index] ?? ''} — ${text(s.minutes)}`}>
              <div className={`proc-timeline-seg${s.overflow ? ' over' : ''}`} data-testid={`proc-seg-${s.index}`}
                style={{ left: pct(s.start), width: pct(s.minutes), top: 3 + s.lane * 30,
                  // the part inside the limit stays blue, the rest red
                  background: s.overflow && within > 0
                    ? `linear-gradient(to right, #1677ff ${(within / s.minutes) * 100}%, #ff4d4f ${(within / s.minutes) * 100}%)`
                    : undefined }}>
                {s.index + 1}
              </div>
            </Tooltip>
          );
        })}
        <div className="proc-timeline-limit" style={{ left: pct(tl.limit) }} />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('procedures.timeline.minutesPerDay', { minutes: minutesPerDay })}
      </Typography.Text>
    </div>
  );
}
