// Hồ sơ một cửa: the agency's dossiers by status, with the person's work queues as counts.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Select, Space, Statistic, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { errorText } from '../../../lib/errors';
import { useCurrentUser } from '../../auth/session';
import { useProcedures } from '../../procedures/api';
import { useDossiers, useQueues } from '../api';
import { StatusTag, TimelinessTag } from '../components/Tags';
import { formatDateTime, statuses, statusLabelKey, type Dossier } from '../model';

export default function DossiersPage() {
  const t = useT();
  const user = useCurrentUser();
  const [status, setStatus] = useState<number | null>(null);
  const list = useDossiers(status);
  const queues = useQueues();
  const procedures = useProcedures({ agency_id: user.agency_id });
  const isClerk = user.roles.includes('clerk');
  const isStaff = user.roles.includes('officer') || user.roles.includes('leader');
  const q = queues.data;
  const counts: { key: MessageKey; value: number; status?: number; danger?: boolean; id: string }[] = q ? [
    ...(isClerk ? [
      { id: 'guided', key: 'dossiers.queue.guided' as MessageKey, value: q.clerk.guided, status: 1 },
      { id: 'to-return', key: 'dossiers.queue.toReturn' as MessageKey, value: q.clerk.to_return, status: 9 },
    ] : []),
    ...(isStaff ? [
      { id: 'my-steps', key: 'dossiers.queue.mySteps' as MessageKey, value: q.officer.my_steps, status: 4 },
      { id: 'due-soon', key: 'dossiers.queue.dueSoon' as MessageKey, value: q.officer.due_soon },
      { id: 'overdue', key: 'dossiers.queue.overdue' as MessageKey, value: q.officer.overdue, danger: true },
    ] : []),
    ...(user.roles.includes('leader') ? [
      { id: 'to-approve', key: 'dossiers.queue.toApprove' as MessageKey, value: q.leader.to_approve },
    ] : []),
  ] : [];
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
        {isClerk && (
          <Link to="/dossiers/new" data-testid="dossier-new">
            <Button type="primary" icon={<PlusOutlined />}>{t('dossiers.new.button')}</Button>
          </Link>
        )}
      </div>
      {counts.length > 0 && (
        <Space wrap style={{ marginBottom: 16 }} data-testid="dossier-queues">
          {counts.map((c) => (
            <Card key={c.id} size="small" hoverable={c.status !== undefined} style={{ minWidth: 160 }}
              onClick={() => c.status !== undefined && setStatus(c.status)} data-testid={`queue-${c.id}`}>
              <Statistic title={c.key ? t(c.key) : ''} value={c.value}
                valueStyle={c.danger && c.value > 0 ? { color: '#cf1322' } : undefined} />
            </Card>
          ))}
        </Space>
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear placeholder={t('dossiers.filter.status')} style={{ width: 300 }} value={status}
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
            locale={{ emptyText: t('dossiers.list.empty') }}
            columns={[
              { title: t('dossiers.field.number'), key: 'number', width: 230,
                render: (_, d) => <Link to={`/dossiers/${d.id}`} data-testid={`dossier-link-${d.id}`}>{d.number ?? t('dossiers.detail.noNumber')}</Link> },
              { title: t('dossiers.field.procedure'), key: 'procedure', render: (_, d) => procedureName(d.procedure_id) },
              { title: t('dossiers.field.applicant'), key: 'applicant', width: 180, render: (_, d) => d.applicant.name },
              { title: t('dossiers.field.status'), key: 'status', width: 190,
                render: (_, d) => <Space size={4} wrap><StatusTag status={d.status} /><TimelinessTag value={d.timeliness} /></Space> },
              { title: t('dossiers.field.receivedAt'), key: 'received', width: 150, render: (_, d) => formatDateTime(d.received_at) },
              { title: t('dossiers.field.dueAt'), key: 'due', width: 150, render: (_, d) => formatDateTime(d.due_at) },
            ]}
          />
        )}
    </div>
  );
}
