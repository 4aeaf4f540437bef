// Twelve month grids of one year, Monday first, each day coloured by its kind, with its lunar
// day in small type and a tooltip giving the reason and the legal basis.
import { Alert, Card, Col, Row, Skeleton, Space, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useYear } from '../api';
import { dayKindLabelKey, dayKinds, lunarLabel, monthWeeks, type CalendarDay } from '../model';

const weekdayOrder = [1, 2, 3, 4, 5, 6, 0] as const;

export function YearGrid({ year, agencyId }: { year: number; agencyId: number | null }) {
  const { t, language } = useI18n();
  const view = useYear(year, agencyId);
  const days = useMemo(() => view.data?.days ?? [], [view.data]);
  const workingDays = days.filter((d) => d.kind === 'working_day' || d.kind === 'decreed_working_day').length;

  if (view.isError) return <Alert type="error" showIcon message={errorText(view.error, t)} />;
  if (view.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;

  const tooltip = (day: CalendarDay) => {
    const reason = language === 'en' ? day.reason_en : day.reason_vi;
    return (
      <div>
        <div><strong>{t(dayKindLabelKey(day.kind))}</strong></div>
        {reason && <div>{reason}</div>}
        {day.legal_basis && <div>{t('calendar.year.basis', { basis: day.legal_basis })}</div>}
        <div>{t('calendar.year.lunar', { day: day.lunar[0], month: day.lunar[1] })}</div>
      </div>
    );
  };

  return (
    <div data-testid="calendar-year">
      <Space wrap size={[16, 8]} className="calendar-legend" data-testid="calendar-legend">
        {dayKinds.map((kind) => (
          <span key={kind} className="calendar-legend-item">
            <span className={`calendar-swatch kind-${kind}`} />{t(dayKindLabelKey(kind))}
          </span>
        ))}
        <Typography.Text type="secondary">{t('calendar.year.lunarHint')}</Typography.Text>
        <Typography.Text strong>{t('calendar.year.workingDays', { count: workingDays })}</Typography.Text>
      </Space>
      <Row gutter={[16, 16]}>
        {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => (
          <Col key={month} xs={24} sm={12} lg={8} xxl={6}>
            <Card size="small" title={t('calendar.month', { month })} className="calendar-month">
              <table className="calendar-grid">
                <thead>
                  <tr>{weekdayOrder.map((w) => <th key={w}>{t(`calendar.weekday.${w}`)}</th>)}</tr>
                </thead>
                <tbody>
                  {monthWeeks(days, month).map((week, i) => (
                    <tr key={i}>
                      {week.map((day, j) => day === null ? <td key={j} /> : (
                        <td key={j}>
                          <Tooltip title={tooltip(day)} mouseEnterDelay={0.2}>
                            <div className={`calendar-day kind-${day.kind}`} data-testid={`day-${day.date}`}
                              data-kind={day.kind}>
                              <span className="calendar-day-solar">{Number(day.date.slice(8))}</span>
                              <span className="calendar-day-lunar">{lunarLabel(day.lunar)}</span>
                            </div>
                          </Tooltip>
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
