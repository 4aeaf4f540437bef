// One controlled document: code, title, kind and state; the chosen version's content, amendment
// log, attachments and a comparison with another version; the approval signature with "verify";
// the state-machine actions the user may take; legal bases; distribution and acknowledgements
// (QMS leader and ISO secretary) or the recipient's "Đã đọc và hiểu" button; every version.
import { ArrowLeftOutlined, BranchesOutlined, CheckOutlined, EditOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Result, Row, Segmented, Space, Spin, Table, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useCurrentUser } from '../../auth/session';
import { capabilities, documentActions } from '../actions';
import { useAcknowledge, useDocument, useInbox, useNewVersion, useQmsList } from '../api';
import { AttachmentsCard } from '../components/AttachmentsCard';
import { CompareVersions } from '../components/CompareVersions';
import { ContentView } from '../components/ContentView';
import { ReceiptsCard } from '../components/Distribution';
import { DraftEditor } from '../components/DraftEditor';
import { LegalBasesCard } from '../components/LegalBasesCard';
import { SignatureBox } from '../components/SignatureBox';
import { KindTag, StateTag } from '../components/Tags';
import { VersionActions } from '../components/VersionActions';
import { formatDate, formatInstant, type Amendment, type Person, type State, type Version } from '../model';
import '../documents.css';

export default function DocumentPage() {
  const t = useT();
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const valid = Number.isInteger(id) && id > 0;
  const doc = useDocument(valid ? id : 0);

  if (!valid || (doc.isError && doc.error instanceof ApiError && doc.error.status === 404)) {
    return <Result status="404" title={t('documents.detail.notFound')}
      extra={<Link to="/documents">{t('documents.detail.back')}</Link>} />;
  }
  if (doc.isError) return <Alert type="error" showIcon message={errorText(doc.error, t)} />;
  if (doc.isPending) return <Spin size="large" style={{ display: 'block', margin: '80px auto' }} />;
  return <DocumentView key={doc.data.id} doc={doc.data} />;
}

function DocumentView({ doc }: { doc: NonNullable<ReturnType<typeof useDocument>['data']> }) {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const qmsList = useQmsList();
  const inbox = useInbox();
  const acknowledge = useAcknowledge();
  const newVersion = useNewVersion();
  const qms = qmsList.data?.find((q) => q.id === doc.qms_id) ?? null;
  const caps = capabilities(user, qms);
  const versions = doc.versions;
  const issued = versions.find((v) => v.state === 'issued') ?? null;
  const newest = versions[0] ?? null;
  const allowed = documentActions(newest?.state ?? null, issued !== null, caps);
  const [selectedNumber, setSelected] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const selected = versions.find((v) => v.number === selectedNumber) ?? issued ?? newest;
  const pendingAck = (inbox.data ?? []).find((i) => i.document_id === doc.id && !i.acknowledged_at) ?? null;
  const ackDone = (inbox.data ?? []).find((i) => i.document_id === doc.id && i.acknowledged_at) ?? null;

  // A new version or a transition moves the newest version: follow it.
  useEffect(() => setSelected(null), [newest?.number, newest?.state]);

  if (!selected) return null;

  const startNewVersion = () => modal.confirm({
    title: t('documents.newVersion.button'),
    content: t('documents.newVersion.confirm'),
    okText: t('documents.newVersion.button'),
    cancelText: t('app.action.cancel'),
    onOk: () => new Promise<void>((resolve) => newVersion.mutate(doc.id, {
      onSuccess: () => { void message.success(t('documents.newVersion.done')); setSelected(null); resolve(); },
      onError: (error) => { void message.error(errorText(error, t)); resolve(); },
    })),
  });

  return (
    <div data-testid="document-page">
      <div className="page-header">
        <div>
          <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/documents')} style={{ padding: 0 }}>
            {t('documents.detail.back')}
          </Button>
          <div className="doc-title-line">
            <Typography.Title level={3} data-testid="doc-title">{doc.code} — {doc.title}</Typography.Title>
            <KindTag kind={doc.kind} />
            <StateTag state={doc.state} />
          </div>
          <Typography.Text type="secondary">
            {qms?.name}{issued ? ` · ${t('documents.detail.issuedVersion', { number: issued.number, date: formatDate(issued.effective_date) })}` : ''}
          </Typography.Text>
        </div>
        <Space wrap>
          {pendingAck && (
            <Button type="primary" icon={<CheckOutlined />} loading={acknowledge.isPending} data-testid="doc-acknowledge"
              onClick={() => acknowledge.mutate(doc.id, {
                onSuccess: () => void message.success(t('documents.ack.done')),
                onError: (error) => void message.error(errorText(error, t)),
              })}>
              {t('documents.ack.button')}
            </Button>
          )}
          {ackDone && !pendingAck && (
            <Typography.Text type="success" data-testid="doc-acknowledged">
              <CheckOutlined /> {t('documents.ack.already', { at: formatInstant(ackDone.acknowledged_at) })}
            </Typography.Text>
          )}
          {allowed.newVersion && (
            <Button icon={<BranchesOutlined />} onClick={startNewVersion} loading={newVersion.isPending} data-testid="doc-new-version">
              {t('documents.newVersion.button')}
            </Button>
          )}
        </Space>
      </div>

      {doc.legal_update_due && (
        <Alert style={{ marginBottom: 16 }} showIcon icon={<WarningOutlined />}
          type={doc.legal_update_overdue ? 'error' : 'warning'}
          message={doc.legal_update_overdue
            ? t('documents.detail.updateOverdue', { date: formatDate(doc.legal_update_due) })
            : t('documents.detail.updateDue', { date: formatDate(doc.legal_update_due) })} />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            title={
              <Space wrap>
                <Segmented<number>
                  value={selected.number}
                  onChange={setSelected}
                  options={versions.map((v) => ({ value: v.number, label: t('documents.version.short', { number: v.number }) }))}
                  data-testid="doc-version-switch"
                />
                <StateTag state={selected.state} />
              </Space>
            }
            extra={allowed.editDraft && selected.state === 'draft' && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="doc-edit">
                {t('documents.edit.button')}
              </Button>
            )}
          >
            <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('documents.field.effectiveDate')}>{formatDate(selected.effective_date)}</Descriptions.Item>
              <Descriptions.Item label={t('documents.field.reviewDueDate')}>{formatDate(selected.review_due_date)}</Descriptions.Item>
              {selected.title !== doc.title && (
                <Descriptions.Item label={t('documents.field.title')} span={2}>{selected.title}</Descriptions.Item>
              )}
            </Descriptions>
            <Tabs
              items={[
                { key: 'content', label: t('documents.tab.content'), children: <ContentView content={selected.content} /> },
                { key: 'amendments', label: t('documents.amendments.title'), children: <AmendmentsTable rows={selected.amendments} /> },
                { key: 'attachments', label: t('documents.tab.attachments', { count: selected.attachments.length }),
                  children: <AttachmentsCard documentId={doc.id} version={selected}
                    editable={allowed.editDraft && selected.state === 'draft'} /> },
                { key: 'compare', label: <span data-testid="doc-tab-compare">{t('documents.tab.compare')}</span>,
                  children: <CompareVersions key={selected.number} versions={versions} selected={selected} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('documents.workflow.title', { number: selected.number })} data-testid="doc-workflow">
              <Workflow version={selected} />
              <div style={{ marginTop: 12 }}>
                <VersionActions documentId={doc.id} version={selected} caps={caps} />
              </div>
            </Card>
            <SignatureBox documentId={doc.id} version={selected} />
            {issued && caps.manager && (
              <ReceiptsCard documentId={doc.id} issuedNumber={issued.number} canDistribute={allowed.distribute} />
            )}
            <LegalBasesCard documentId={doc.id} linked={doc.legal_text_ids} editable={allowed.legalBases} />
          </Space>
        </Col>
      </Row>

      <Card title={t('documents.versions.title')} style={{ marginTop: 16 }} size="small">
        <VersionsTable versions={versions} selected={selected.number} onSelect={setSelected} />
      </Card>

      {editing && <DraftEditor documentId={doc.id} version={selected} onClose={() => setEditing(false)} />}
    </div>
  );
}

function personText(p: Person | null): string {
  return p ? `${p.name} · ${formatInstant(p.at)}` : '—';
}

function Workflow({ version }: { version: Version }) {
  const t = useT();
  return (
    <Descriptions column={1} size="small" labelStyle={{ width: 110 }}>
      <Descriptions.Item label={t('documents.workflow.drafted')}>{personText(version.drafted)}</Descriptions.Item>
      <Descriptions.Item label={t('documents.workflow.reviewed')}>{personText(version.reviewed)}</Descriptions.Item>
      <Descriptions.Item label={t('documents.workflow.approved')}>{personText(version.approved)}</Descriptions.Item>
      <Descriptions.Item label={t('documents.workflow.issued')}>{personText(version.issued)}</Descriptions.Item>
      {version.superseded_at && (
        <Descriptions.Item label={t('documents.workflow.superseded')}>{formatInstant(version.superseded_at)}</Descriptions.Item>
      )}
    </Descriptions>
  );
}

function AmendmentsTable({ rows }: { rows: Amendment[] }) {
  const t = useT();
  return (
    <Table<Amendment>
      size="small"
      rowKey={(_, i) => String(i)}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t('documents.amendments.empty') }}
      columns={[
        { title: '#', width: 48, render: (_: unknown, __, i) => i + 1 },
        { title: t('documents.amendments.what'), dataIndex: 'what' },
        { title: t('documents.amendments.where'), dataIndex: 'where', width: 200 },
        { title: t('documents.amendments.why'), dataIndex: 'why' },
      ]}
    />
  );
}

function VersionsTable({ versions, selected, onSelect }: {
  versions: Version[]; selected: number; onSelect: (n: number) => void;
}) {
  const t = useT();
  return (
    <Table<Version>
      size="small"
      rowKey="number"
      dataSource={versions}
      pagination={false}
      data-testid="doc-versions"
      rowClassName={(v) => (v.number === selected ? 'ant-table-row-selected' : '')}
      onRow={(v) => ({ onClick: () => onSelect(v.number), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('documents.versions.number'), dataIndex: 'number', width: 90,
          render: (n: number) => t('documents.version.short', { number: n }) },
        { title: t('documents.field.title'), dataIndex: 'title' },
        { title: t('documents.field.state'), dataIndex: 'state', width: 130, render: (s: State) => <StateTag state={s} /> },
        { title: t('documents.workflow.drafted'), render: (_: unknown, v) => v.drafted?.name ?? '—' },
        { title: t('documents.workflow.approved'), render: (_: unknown, v) => v.approved?.name ?? '—' },
        { title: t('documents.field.effectiveDate'), dataIndex: 'effective_date', width: 130, render: (d: string | null) => formatDate(d) },
        { title: t('documents.workflow.issued'), width: 150, render: (_: unknown, v) => formatInstant(v.issued?.at) },
      ]}
    />
  );
}
