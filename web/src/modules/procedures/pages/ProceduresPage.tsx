// Thủ tục hành chính: the catalog in force today, searched by code or name (diacritics optional,
// on the server) and filtered by sector and competent agency; new procedures for those the
// server allows; CSV / JSON export for everyone and import for province-wide administrators.
import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useDebounced } from '../../../lib/useDebounced';
import { useCurrentUser } from '../../auth/session';
import { useAgencies } from '../../org/api';
import { exportUrl, useProcedures, useSectors } from '../api';
import { ImportDialog } from '../components/ImportDialog';
import { DurationText, OnlineTag } from '../components/Labels';
import { ProcedureFormDialog } from '../components/ProcedureFormDialog';
import type { Procedure } from '../model';

export default function ProceduresPage() {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [sector, setSector] = useState<string | null>(null);
  const [agencyId, setAgencyId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const q = useDebounced(query);
  const list = useProcedures({ q, sector, agency_id: agencyId });
  const sectors = useSectors();
  const agencies = useAgencies(false);
  // The server decides; the button shows for those who may write some procedure.
  const mayWrite = user.province_wide || user.roles.includes('administrator') || user.roles.includes('iso_secretary');
  const mayImport = user.province_wide && user.roles.includes('administrator');

  return (
    <div data-testid="procedures-page">
      <div className="page-header">
        <div>
          <Typography.Title level={3}>{t('procedures.page.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('procedures.page.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={exportUrl('csv')} download data-testid="proc-export-csv">
            {t('procedures.export.csv')}
          </Button>
          <Button icon={<DownloadOutlined />} href={exportUrl('json')} download data-testid="proc-export-json">
            {t('procedures.export.json')}
          </Button>
          {mayImport && (
            <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="proc-import">
              {t('procedures.import.button')}
            </Button>
          )}
          {mayWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="proc-new">
              {t('procedures.new.button')}
            </Button>
          )}
        </Space>
      </div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('procedures.filter.search')} style={{ width: 380 }}
          value={query} onChange={(e) => setQuery(e.target.value)} data-testid="proc-search" />
        <Select allowClear showSearch placeholder={t('procedures.filter.sector')} style={{ width: 220 }} value={sector}
          onChange={(v: string | undefined) => setSector(v ?? null)} data-testid="proc-filter-sector"
          options={(sectors.data ?? []).map((s) => ({ value: s, label: s }))} />
        <Select allowClear showSearch optionFilterProp="label" placeholder={t('procedures.filter.agency')}
          style={{ width: 320 }} value={agencyId} onChange={(v: number | undefined) => setAgencyId(v ?? null)}
          data-testid="proc-filter-agency"
          options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
      </Space>
      {list.isError
        ? <Alert type="error" showIcon message={errorText(list.error, t)} />
        : (
          <Table<Procedure>
            size="middle"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data ?? []}
            data-testid="proc-table"
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false,
              showTotal: (n) => t('procedures.list.total', { count: n }) }}
            locale={{ emptyText: t('procedures.list.empty') }}
            columns={[
              { title: t('procedures.field.code'), dataIndex: 'code', width: 110,
                render: (code: string, p) => <Link to={`/procedures/${p.id}`} data-testid={`proc-link-${code}`}>{code}</Link> },
              { title: t('procedures.field.name'), key: 'name',
                render: (_, p) => <Link to={`/procedures/${p.id}`}>{p.current.name}</Link> },
              { title: t('procedures.field.sector'), key: 'sector', width: 150, render: (_, p) => p.current.sector },
              { title: t('procedures.field.agencies'), key: 'agencies', width: 240,
                render: (_, p) => p.current.agencies.map((a) => a.name).join('; ') },
              { title: t('procedures.field.statutoryTime'), key: 'time', width: 150,
                render: (_, p) => <DurationText value={p.current.statutory_time} /> },
              { title: t('procedures.field.onlineLevel'), key: 'online', width: 120,
                render: (_, p) => <OnlineTag level={p.current.online_level} /> },
            ]}
          />
        )}
      {creating && <ProcedureFormDialog onClose={() => setCreating(false)} onDone={(p) => navigate(`/procedures/${p.id}`)} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </div>
  );
}
