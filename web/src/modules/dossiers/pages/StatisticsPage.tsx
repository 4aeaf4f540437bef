// Thống kê hồ sơ một cửa: the counters of a period (TT 01/2018 art. 11 columns) for the person's
// agency, or for the province with an agency picker (province-wide administrators, DOST
// evaluators): received (carried over, new by channel), resolved by timeliness, in progress,
// overdue, withdrawn, returned, and the on-time rate over both denominators. Per month as stacked
// bars with the rates as lines; per agency worst first, and per procedure.
import { Alert, Card, Col, DatePicker, Empty, Row, Select, Space, Spin, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { errorText } from '../../../lib/errors';
import { useCurrentUser } from '../../auth/session';
import { useAgencies } from '../../org/api';
import { useStats } from '../api';
import '../dossiers.css';
import { Chart, type ChartOption } from '../components/Chart';
import {
  count, defaultPeriod, formatRate, monthLabel, monthSeries, onTime, rankWorstFirst, type Stats, type StatsGroup,
} from '../stats';

const colors = { early: '#52c41a', onTime: '#1677ff', late: '#f5222d', lateApology: '#fa8c16', rate: '#722ed1', rate2: '#13c2c2' };

function Line({ label, value, testId, danger }: { label: ReactNode; value: number | string; testId: string; danger?: boolean }) {
  return (
    <div className="stats-line">
      <span>{label}</span>
      <strong data-testid={testId} data-value={value} style={danger && Number(value) > 0 ? { color: '#cf1322' } : undefined}>{value}</strong>
    </div>
  );
}

export default function StatisticsPage() {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const province = user.province_wide || user.roles.includes('dost_evaluator');
  const [agencyId, setAgencyId] = useState<number | null>(province ? null : user.agency_id);
  const [period, setPeriod] = useState(defaultPeriod);
  const agencies = useAgencies(false);
  const base = { agency_id: agencyId, from: period.from, to: period.to };
  const main = useStats({ ...base, group_by: 'period' });
  const byAgency = useStats({ ...base, group_by: 'agency' }, province && agencyId === null);
  const byProcedure = useStats({ ...base, group_by: 'procedure' });
  const rate = (fraction: number | undefined, of: number) => formatRate(fraction, of, language);

  const s = main.data;
  const series = useMemo(() => (s ? monthSeries(s) : null), [s]);
  const monthly = useMemo<ChartOption | null>(() => {
    if (!series || series.months.length === 0) return null;
    const bar = (name: string, data: number[], color: string) =>
      ({ name, type: 'bar', stack: 'resolved', data, itemStyle: { color }, barMaxWidth: 36 });
    const line = (name: string, data: (number | null)[], color: string) =>
      ({ name, type: 'line', yAxisIndex: 1, data, connectNulls: true, smooth: false, symbolSize: 7, itemStyle: { color },
        tooltip: { valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${v}%`) } });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 56, top: 64, bottom: 32 },
      xAxis: { type: 'category', data: series.months.map(monthLabel) },
      yAxis: [
        { type: 'value', name: t('dossiers.stats.chart.dossiers'), minInterval: 1 },
        { type: 'value', name: t('dossiers.stats.chart.rate'), min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        bar(t('dossiers.timeliness.early'), series.early, colors.early),
        bar(t('dossiers.timeliness.on_time'), series.onTime, colors.onTime),
        bar(t('dossiers.timeliness.late'), series.late, colors.late),
        bar(t('dossiers.timeliness.late_apology'), series.lateApology, colors.lateApology),
        line(t('dossiers.stats.rate.overResolvedShort'), series.rateOverResolved, colors.rate),
        line(t('dossiers.stats.rate.overReceivedShort'), series.rateOverReceived, colors.rate2),
      ],
    };
  }, [series, t]);

  const ranked = useMemo(() => rankWorstFirst(byAgency.data?.groups ?? []), [byAgency.data]);
  const worst = useMemo<ChartOption | null>(() => {
    const rows = ranked.filter((g) => g.resolved > 0).slice(0, 10).reverse();
    if (rows.length === 0) return null;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v}%` },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: rows.map((g) => (g.name.length > 38 ? `${g.name.slice(0, 37)}…` : g.name)) },
      series: [{ type: 'bar', name: t('dossiers.stats.rate.overResolvedShort'), barMaxWidth: 18,
        data: rows.map((g) => ({ value: Math.round(g.on_time_rate.early_on_time_over_resolved * 1000) / 10,
          itemStyle: { color: g.on_time_rate.early_on_time_over_resolved < 0.9 ? colors.late : colors.early } })),
        label: { show: true, position: 'right', formatter: '{c}%' } }],
    };
  }, [ranked, t]);

  const groupColumns = (kind: 'agency' | 'procedure') => [
    { title: t(kind === 'agency' ? 'dossiers.stats.agency' : 'dossiers.field.procedure'), dataIndex: 'name', key: 'name',
      sorter: (a: StatsGroup, b: StatsGroup) => a.name.localeCompare(b.name, 'vi'),
      render: (name: string, g: StatsGroup) => (kind === 'agency'
        ? <a onClick={() => setAgencyId(Number(g.key))} data-testid={`stats-agency-row-${g.key}`}>{name}</a> : name) },
    { title: t('dossiers.stats.received.new'), dataIndex: 'received', key: 'received', width: 100, align: 'right' as const,
      sorter: (a: StatsGroup, b: StatsGroup) => a.received - b.received },
    { title: t('dossiers.stats.resolved.title'), dataIndex: 'resolved', key: 'resolved', width: 110, align: 'right' as const,
      sorter: (a: StatsGroup, b: StatsGroup) => a.resolved - b.resolved },
    { title: t('dossiers.stats.resolved.late'), key: 'late', width: 90, align: 'right' as const,
      sorter: (a: StatsGroup, b: StatsGroup) => a.resolved - onTime(a.counts) - (b.resolved - onTime(b.counts)),
      render: (_: unknown, g: StatsGroup) => g.resolved - onTime(g.counts) },
    ...(kind === 'agency' ? [
      { title: t('dossiers.stats.inProgress'), key: 'in_progress', width: 110, align: 'right' as const,
        sorter: (a: StatsGroup, b: StatsGroup) => (a.in_progress ?? 0) - (b.in_progress ?? 0),
        render: (_: unknown, g: StatsGroup) => g.in_progress ?? '—' },
      { title: t('dossiers.stats.overdue'), key: 'overdue', width: 90, align: 'right' as const,
        sorter: (a: StatsGroup, b: StatsGroup) => (a.overdue ?? 0) - (b.overdue ?? 0),
        render: (_: unknown, g: StatsGroup) => <span style={g.overdue ? { color: '#cf1322' } : undefined}>{g.overdue ?? '—'}</span> },
    ] : []),
    { title: t('dossiers.stats.rate.overReceivedShort'), key: 'rate_received', width: 130, align: 'right' as const,
      sorter: (a: StatsGroup, b: StatsGroup) => a.on_time_rate.early_on_time_over_received - b.on_time_rate.early_on_time_over_received,
      render: (_: unknown, g: StatsGroup) => rate(g.on_time_rate.early_on_time_over_received, g.received) },
    { title: t('dossiers.stats.rate.overResolvedShort'), key: 'rate_resolved', width: 130, align: 'right' as const,
      sorter: (a: StatsGroup, b: StatsGroup) => a.on_time_rate.early_on_time_over_resolved - b.on_time_rate.early_on_time_over_resolved,
      render: (_: unknown, g: StatsGroup) => (
        <strong style={g.resolved && g.on_time_rate.early_on_time_over_resolved < 0.9 ? { color: '#cf1322' } : undefined}>
          {rate(g.on_time_rate.early_on_time_over_resolved, g.resolved)}
        </strong>
      ) },
  ];

  const agencyName = agencyId === null ? t('dossiers.stats.province')
    : agencies.data?.find((a) => a.id === agencyId)?.name ?? (agencyId === user.agency_id ? user.agency_name : `#${agencyId}`);

  return (
    <div data-testid="stats-page">
      <div className="page-header">
        <div>
          <Typography.Title level={3}>{t('dossiers.stats.title')}</Typography.Title>
          <Typography.Text type="secondary" data-testid="stats-scope">{agencyName}</Typography.Text>
        </div>
        <Space wrap>
          {province && (
            <Select showSearch allowClear optionFilterProp="label" style={{ width: 340 }} value={agencyId ?? undefined}
              placeholder={t('dossiers.stats.province')} onChange={(v: number | undefined) => setAgencyId(v ?? null)}
              loading={agencies.isLoading} data-testid="stats-agency"
              options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
          )}
          <DatePicker.RangePicker picker="month" format="MM/YYYY" allowClear={false} data-testid="stats-period"
            value={[dayjs(`${period.from}-01`), dayjs(`${period.to}-01`)]}
            onChange={(range) => {
              const [a, b] = (range ?? []) as (Dayjs | null)[];
              if (a && b) setPeriod({ from: a.format('YYYY-MM'), to: b.format('YYYY-MM') });
            }} />
        </Space>
      </div>
      {main.isError && <Alert type="error" showIcon message={errorText(main.error, t)} style={{ marginBottom: 16 }} />}
      {!s && main.isLoading && <Spin style={{ display: 'block', margin: 48 }} />}
      {s && <Summary stats={s} />}
      {s && (
        <Card size="small" title={t('dossiers.stats.chart.monthly')} style={{ marginBottom: 16 }}>
          {monthly && (s.groups?.length ?? 0) > 0
            ? <Chart option={monthly} testId="stats-monthly-chart" />
            : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dossiers.stats.noData')} />}
        </Card>
      )}
      {province && agencyId === null && (
        <Card size="small" title={t('dossiers.stats.byAgency')} style={{ marginBottom: 16 }}
          extra={<Typography.Text type="secondary">{t('dossiers.stats.byAgencyHint')}</Typography.Text>}>
          {byAgency.isError && <Alert type="error" showIcon message={errorText(byAgency.error, t)} />}
          {worst && <Chart option={worst} height={Math.max(120, 30 * Math.min(10, ranked.filter((g) => g.resolved > 0).length) + 24)} testId="stats-worst-chart" />}
          <Table<StatsGroup> size="small" rowKey="key" dataSource={ranked} loading={byAgency.isFetching}
            columns={groupColumns('agency')} data-testid="stats-agencies" locale={{ emptyText: t('dossiers.stats.noData') }}
            pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }} />
        </Card>
      )}
      <Card size="small" title={t('dossiers.stats.byProcedure')}>
        {byProcedure.isError && <Alert type="error" showIcon message={errorText(byProcedure.error, t)} />}
        <Table<StatsGroup> size="small" rowKey="key" dataSource={rankWorstFirst(byProcedure.data?.groups ?? [])}
          loading={byProcedure.isFetching} columns={groupColumns('procedure')} data-testid="stats-procedures"
          locale={{ emptyText: t('dossiers.stats.noData') }}
          pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }} />
      </Card>
    </div>
  );
}

function Summary({ stats: s }: { stats: Stats }) {
  const { t, language } = useI18n();
  const c = s.counts;
  const good = onTime(c);
  const carried = s.carried_over;
  const total = s.received + (carried ?? 0);
  const metric = (key: string, label: MessageKey, danger = false) => (
    <Line label={t(label)} value={count(c, key)} testId={`stats-${key}`} danger={danger} />
  );
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" className="stats-card">
            <Statistic title={t('dossiers.stats.received.title')} value={total} />
            <span data-testid="stats-received" data-value={s.received} hidden />
            <Line label={t('dossiers.stats.received.carriedOver')} value={carried ?? '—'} testId="stats-carried-over" />
            <Line label={t('dossiers.stats.received.new')} value={s.received} testId="stats-received-new" />
            <div className="stats-sub">
              {metric('received.1', 'dossiers.channel.1')}
              {metric('received.2', 'dossiers.channel.2')}
              {metric('received.3', 'dossiers.channel.3')}
            </div>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" className="stats-card">
            <Statistic title={t('dossiers.stats.resolved.title')} value={s.resolved} />
            <span data-testid="stats-resolved" data-value={s.resolved} hidden />
            {metric('resolved.early', 'dossiers.timeliness.early')}
            {metric('resolved.on_time', 'dossiers.timeliness.on_time')}
            {metric('resolved.late', 'dossiers.stats.resolved.lateNoApology', true)}
            {metric('resolved.late_apology', 'dossiers.timeliness.late_apology', true)}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" className="stats-card">
            <Statistic title={t('dossiers.stats.inProgressNow')} value={s.in_progress} />
            <span data-testid="stats-in-progress" data-value={s.in_progress} hidden />
            <Line label={t('dossiers.stats.notYetDue')} value={Math.max(0, s.in_progress - s.overdue)} testId="stats-not-due" />
            <Line label={t('dossiers.stats.overdue')} value={s.overdue} testId="stats-overdue" danger />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" className="stats-card">
            <Statistic title={t('dossiers.metric.returned')} value={count(c, 'returned')} />
            <span data-testid="stats-returned-total" data-value={count(c, 'returned')} hidden />
            {metric('withdrawn', 'dossiers.metric.withdrawn')}
            {metric('stopped', 'dossiers.metric.stopped')}
            {metric('guided', 'dossiers.metric.guided')}
            {metric('refused', 'dossiers.metric.refused')}
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={12}>
          <Card size="small">
            <Statistic title={t('dossiers.stats.rate.overReceived')}
              value={formatRate(s.on_time_rate.early_on_time_over_received, s.received, language)}
              valueStyle={{ color: colors.rate2 }} />
            <Typography.Text type="secondary" data-testid="stats-rate-received">
              {t('dossiers.stats.rate.fraction', { good, of: s.received })} · {t('dossiers.stats.rate.legalBasis')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small">
            <Statistic title={t('dossiers.stats.rate.overResolved')}
              value={formatRate(s.on_time_rate.early_on_time_over_resolved, s.resolved, language)}
              valueStyle={{ color: colors.rate }} />
            <Typography.Text type="secondary" data-testid="stats-rate-resolved">
              {t('dossiers.stats.rate.fraction', { good, of: s.resolved })} · {t('dossiers.stats.rate.practice')}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
    </>
  );
}
