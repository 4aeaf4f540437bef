// Hồ sơ một cửa: the agency's dossiers by status, with the person's work queues as cards; a card
// lists its queue (kept in the address, so back and reload keep it).
import { BarChartOutlined, BookOutlined, CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Select, Space, Statistic, Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useCurrentUser } from '../../auth/session';
import { useProcedures } from '../../procedures/api';
import { useDossiers, useQueues } from '../api';
import { bookPath, fetchPdf, openPdf } from '../forms';
import { StatusTag, TimelinessTag } from '../components/Tags';
import { formatDateTime, isQueueId, queueCount, queueLabelKey, statuses, statusLabelKey, type Dossier, type QueueId } from '../model';

export default function DossiersPage() {
  const t = useT();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const now = Date.now();
  const { message } = App.useApp();
  const [printing, setPrinting] = useState(false);
  // Sổ theo dõi hồ sơ (Mẫu 06) of this year, kept by the single window.
  const printBook = () => {
    setPrinting(true);
    openPdf(() => fetchPdf(bookPath(user.agency_id, new Date().getFullYear()), null))
      .catch((e: unknown) => { void message.error(errorText(e, t)); })
      .finally(() => setPrinting(false));
  };
  const queueParam = params.get('queue');
  const queue: QueueId | null = isQueueId(queueParam) ? queueParam : null;
  const status = queue ? null : Number(params.get('status')) || null;
  const list = useDossiers({ status, queue });
  const setStatus = (s: number | null) => setParams(s ? { status: String(s) } : {}, { replace: true });
  const setQueue = (q: QueueId | null) => setParams(q ? { queue: q } : {});
  const queues = useQueues();
  const procedures = useProcedures({ agency_id: user.agency_id });
  const isClerk = user.roles.includes('clerk');
  const isStaff = user.roles.includes('officer') || user.roles.includes('leader');
  const q = queues.data;
  const visible: QueueId[] = [
    ...(isClerk ? ['guided', 'to_return'] as const : []),
    ...(isStaff ? ['my_steps', 'due_soon', 'overdue'] as const : []),
    ...(user.roles.includes('leader') ? ['to_approve'] as const : []),
  ];
  const counts = q ? visible.map((queueId) => ({ queue: queueId, value: queueCount(q, queueId) })) : [];
  const procedureName = (id: number) => {
    const p = procedures.data?.find((x) => x.id === id);
    return p ? `${p.code} — ${p.current.name}` : `#${id}`;
  };

  return (
    <div data-testid="dossiers-page">
      <div className="page-header">
        <div>
          <Typography.Title level={3}>{t('dossiers.page.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('dossiers.page.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          {(isClerk || user.roles.includes('leader')) && (
            <Button icon={<BookOutlined />} loading={printing} onClick={printBook} data-testid="dossier-book">
              {t('dossiers.forms.book')}
            </Button>
          )}
          <Link to="/statistics" data-testid="dossier-stats-link">
            <Button icon={<BarChartOutlined />}>{t('dossiers.stats.open')}</Button>
          </Link>
          {isClerk && (
            <Link to="/dossiers/new" data-testid="dossier-new">
              <Button type="primary" icon={<PlusOutlined />}>{t('dossiers.new.button')}</Button>
            </Link>
          )}
        </Space>
      </div>
      {counts.length > 0 && (
        <Space wrap style={{ display: 'flex', marginBottom: 16 }} data-testid="dossier-queues">
          {counts.map((c) => (
            <Card key={c.queue} size="small" hoverable style={{ minWidth: 160, cursor: 'pointer',
              ...(c.queue === queue ? { borderColor: '#1d4ed8', boxShadow: '0 0 0 1px #1d4ed8' } : {}) }}
              role="button" aria-pressed={c.queue === queue} tabIndex={0}
              onClick={() => setQueue(c.queue === queue ? null : c.queue)}
              onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') setQueue(c.queue === queue ? null : c.queue); }}
              data-testid={`queue-${c.queue.replace('_', '-')}`}>
              <Statistic title={t(queueLabelKey[c.queue])} value={c.value}
                valueStyle={c.queue === 'overdue' && c.value > 0 ? { color: '#cf1322' } : undefined} />
            </Card>
          ))}
        </Space>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        {queue && (
          <Tag color="blue" closable closeIcon={<CloseOutlined data-testid="dossier-queue-clear" />} onClose={() => setQueue(null)}
            style={{ fontSize: 14, padding: '4px 10px' }} data-testid="dossier-queue-current" data-queue={queue}>
            {t('dossiers.queue.showing', { queue: t(queueLabelKey[queue]) })}
          </Tag>
        )}
        <Select allowClear disabled={queue !== null} placeholder={t('dossiers.filter.status')} style={{ width: 300 }} value={status}
          onChange={(v: number | undefined) => setStatus(v ?? null)} data-testid="dossier-filter-status"
          options={statuses.map((s) => ({ value: s, label: <Space><Badge status="default" />{t(statusLabelKey(s))}</Space> }))} />
      </Space>
      {list.isError
        ? <Alert type="error" showIcon message={errorText(list.error, t)} />
        : (
          <Table<Dossier>
            size="middle"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data ?? []}
            data-testid="dossier-table"
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false,
              showTotal: (n) => t('dossiers.list.total', { count: n }) }}
            locale={{ emptyText: t(queue ? 'dossiers.queue.empty' : 'dossiers.list.empty') }}
            columns={[
              { title: t('dossiers.field.number'), key: 'number', width: 220,
                render: (_, d) => (
                  <Space direction="vertical" size={0}>
                    <Link to={`/dossiers/${d.id}`} data-testid={`dossier-link-${d.id}`}>{d.number ?? t('dossiers.detail.noNumber')}</Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('dossiers.field.receivedAt')}: {formatDateTime(d.received_at)}</Typography.Text>
                  </Space>
                ) },
              { title: t('dossiers.field.procedure'), key: 'procedure', render: (_, d) => procedureName(d.procedure_id) },
              { title: t('dossiers.field.applicant'), key: 'applicant', width: 170, render: (_, d) => d.applicant.name },
              { title: t('dossiers.field.status'), key: 'status', width: 200,
                render: (_, d) => <Space size={4} wrap><StatusTag status={d.status} /><TimelinessTag value={d.timeliness} /></Space> },
              { title: t('dossiers.field.dueAt'), key: 'due', width: 150,
                render: (_, d) => {
                  const late = d.due_at !== null && (d.status === 2 || d.status === 4) && new Date(d.due_at).getTime() < now;
                  return <Typography.Text type={late ? 'danger' : undefined}>{formatDateTime(d.due_at)}</Typography.Text>;
                } },
            ]}
          />
        )}
    </div>
  );
}
