// Tài liệu ISO: the register of controlled documents the user may see (issued ones of the whole
// province, and every version inside the user's own QMS), filtered by kind, state, "review due"
// and a full-text search (diacritics optional, on the server); the inbox of documents waiting for
// the user's "read and understood"; and the legal texts the documents rest on.
import { ExclamationCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useDebounced } from '../../../lib/useDebounced';
import { useCurrentUser } from '../../auth/session';
import { useAgencies } from '../../org/api';
import { capabilities } from '../actions';
import { useDocuments, useMyQms, useQmsList } from '../api';
import { InboxCard } from '../components/InboxCard';
import { LegalTextsPanel } from '../components/LegalTextsPanel';
import { NewDocumentDialog } from '../components/NewDocumentDialog';
import { KindTag, StateTag } from '../components/Tags';
import {
  formatDate, kindLabelKey, kinds, stateLabelKey, states, type DocumentSummary, type Kind, type State,
} from '../model';
import '../documents.css';

export default function DocumentsPage() {
  const t = useT();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'legal' ? 'legal' : 'register';
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<Kind | null>(null);
  const [state, setState] = useState<State | null>(null);
  const [reviewDue, setReviewDue] = useState(false);
  const [qmsId, setQmsId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const q = useDebounced(query);

  const documents = useDocuments({ q, kind, state, review_due: reviewDue, qms_id: qmsId });
  const my = useMyQms(user.agency_id);
  const qmsList = useQmsList();
  const agencies = useAgencies(false);
  const agencyName = useMemo(() => new Map((agencies.data ?? []).map((a) => [a.id, a.short_name || a.name])),
    [agencies.data]);
  const qmsName = useMemo(() => new Map((qmsList.data ?? []).map((x) => [x.id, x.name])), [qmsList.data]);
  const canCreate = capabilities(user, my.mine).drafter;

  const register = (
    <div data-testid="doc-register">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('documents.filter.search')} style={{ width: 360 }}
          value={query} onChange={(e) => setQuery(e.target.value)} data-testid="doc-search" />
        <Select allowClear placeholder={t('documents.filter.kind')} style={{ width: 190 }} value={kind}
          onChange={(v: Kind | undefined) => setKind(v ?? null)} data-testid="doc-filter-kind"
          options={kinds.map((k) => ({ value: k, label: t(kindLabelKey(k)) }))} />
        <Select allowClear placeholder={t('documents.filter.state')} style={{ width: 170 }} value={state}
          onChange={(v: State | undefined) => setState(v ?? null)} data-testid="doc-filter-state"
          options={states.map((s) => ({ value: s, label: t(stateLabelKey(s)) }))} />
        {(qmsList.data?.length ?? 0) > 1 && (
          <Select allowClear showSearch optionFilterProp="label" placeholder={t('documents.filter.qms')}
            style={{ width: 260 }} value={qmsId} onChange={(v: number | undefined) => setQmsId(v ?? null)}
            options={(qmsList.data ?? []).map((x) => ({ value: x.id, label: x.name }))} />
        )}
        <Checkbox checked={reviewDue} onChange={(e) => setReviewDue(e.target.checked)} data-testid="doc-filter-due">
          {t('documents.filter.reviewDue')}
        </Checkbox>
      </Space>
      {documents.isError
        ? <Alert type="error" showIcon message={errorText(documents.error, t)} />
        : (
          <Table<DocumentSummary>
            size="middle"
            rowKey="id"
            loading={documents.isFetching}
            dataSource={documents.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('documents.list.total', { count: n }) }}
            locale={{ emptyText: t('documents.list.empty') }}
            columns={[
              { title: t('documents.field.code'), dataIndex: 'code', width: 120,
                render: (code: string, d) => <Link to={`/documents/${d.id}`} data-testid={`doc-link-${d.id}`}>{code}</Link> },
              { title: t('documents.field.title'), dataIndex: 'title',
                render: (title: string, d) => (
                  <Space direction="vertical" size={0}>
                    <Link to={`/documents/${d.id}`}>{title}</Link>
                    {d.agency_id !== user.agency_id && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {qmsName.get(d.qms_id) ?? agencyName.get(d.agency_id) ?? ''}
                      </Typography.Text>
                    )}
                  </Space>
                ) },
              { title: t('documents.field.kind'), dataIndex: 'kind', width: 150, render: (k: Kind) => <KindTag kind={k} /> },
              { title: t('documents.field.state'), dataIndex: 'state', width: 130, render: (s: State | null) => <StateTag state={s} /> },
              { title: t('documents.list.issued'), dataIndex: 'current_version', width: 110, align: 'center',
                render: (n: number | null) => (n === null ? '—' : t('documents.version.short', { number: n })) },
              { title: t('documents.field.reviewDueDate'), dataIndex: 'review_due_date', width: 140,
                render: (d: string | null) => formatDate(d) },
              { title: t('documents.list.updateDue'), dataIndex: 'legal_update_due', width: 160,
                render: (due: string | null, d) => (due === null ? '' : (
                  <Tooltip title={t('documents.list.updateDueHint')}>
                    <Tag color={d.legal_update_overdue ? 'red' : 'orange'} icon={<ExclamationCircleOutlined />}
                      data-testid={`doc-update-due-${d.id}`}>
                      {d.legal_update_overdue ? t('documents.list.overdue', { date: formatDate(due) })
                        : t('documents.list.dueBy', { date: formatDate(due) })}
                    </Tag>
                  </Tooltip>
                )) },
            ]}
          />
        )}
    </div>
  );

  return (
    <div data-testid="documents-page">
      <div className="page-header">
        <div>
          <Typography.Title level={3}>{t('documents.page.title')}</Typography.Title>
          <Typography.Text type="secondary">
            {my.mine ? t('documents.page.subtitleQms', { name: my.mine.name }) : t('documents.page.subtitle')}
          </Typography.Text>
        </div>
        {canCreate && my.mine && tab === 'register' && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="doc-new">
            {t('documents.new.button')}
          </Button>
        )}
      </div>
      <InboxCard />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'legal' ? { tab: 'legal' } : {}, { replace: true })}
        items={[
          { key: 'register', label: t('documents.tab.register'), children: register },
          { key: 'legal', label: <span data-testid="doc-tab-legal">{t('documents.tab.legal')}</span>, children: <LegalTextsPanel /> },
        ]}
      />
      {creating && my.mine && <NewDocumentDialog qms={my.mine} onClose={() => setCreating(false)} />}
    </div>
  );
}
