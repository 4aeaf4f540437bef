// One procedure: every field of the version in force, its versions by effective date (a new one
// from a later publication decision), and per competent agency its internal process: the issued
// version in force with its steps, or a button to draft one.
import { ArrowLeftOutlined, FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, Descriptions, Empty, Space, Spin, Table, Tag, Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { formatDate } from '../../documents/model';
import { useCurrentUser } from '../../auth/session';
import { useCreateProcess, useMinutesPerDay, useProcedure, useProcessInForce } from '../api';
import { TimelineBar } from '../components/TimelineBar';
import { DurationText, OnlineTag } from '../components/Labels';
import { ProcedureFormDialog } from '../components/ProcedureFormDialog';
import { StepsTable } from '../components/StepsTable';
import type { AgencyRef, Component, Process, Procedure, ProcedureVersion } from '../model';

export default function ProcedurePage() {
  const t = useT();
  const user = useCurrentUser();
  const id = Number(useParams().id);
  const procedure = useProcedure(id);
  // The server decides (own agency for an administrator or ISO secretary); others only read.
  const mayWrite = user.province_wide || user.roles.includes('administrator') || user.roles.includes('iso_secretary');
  const [adding, setAdding] = useState(false);

  if (procedure.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (procedure.isError || !procedure.data) {
    return <Alert type="error" showIcon message={errorText(procedure.error, t)} />;
  }
  const p = procedure.data;
  const v = p.current;
  return (
    <div data-testid="procedure-page">
      <div className="page-header">
        <div>
          <Link to="/procedures"><ArrowLeftOutlined /> {t('procedures.detail.back')}</Link>
          <Typography.Title level={3} data-testid="proc-title">{p.code} — {v.name}</Typography.Title>
          <Space wrap>
            <Tag>{v.sector}</Tag>
            <OnlineTag level={v.online_level} />
          </Space>
        </div>
        {mayWrite && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="proc-add-version">
            {t('procedures.detail.addVersion')}
          </Button>
        )}
      </div>
      <Card title={t('procedures.detail.inForce')} size="small" style={{ marginBottom: 16 }}>
        <VersionFields version={v} />
      </Card>
      <ProcessesCard procedure={p} />
      <Card title={t('procedures.detail.versions')} size="small" style={{ marginTop: 16 }}>
        <VersionsTable versions={p.versions ?? []} currentId={v.id} />
      </Card>
      {adding && <ProcedureFormDialog procedure={p} onClose={() => setAdding(false)} />}
    </div>
  );
}

function VersionFields({ version: v }: { version: ProcedureVersion }) {
  const t = useT();
  const yesNo = (b: boolean) => t(b ? 'procedures.yes' : 'procedures.no');
  return (
    <>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('procedures.field.effectiveFrom')}>
          {formatDate(v.effective_from)}{v.effective_to ? ` – ${formatDate(v.effective_to)}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('procedures.field.statutoryTime')}>
          <span data-testid="proc-statutory"><DurationText value={v.statutory_time} /></span>
        </Descriptions.Item>
        <Descriptions.Item label={t('procedures.field.agencies')} span={2}>
          {v.agencies.map((a) => a.name).join('; ')}
        </Descriptions.Item>
        <Descriptions.Item label={t('procedures.field.fee')}>{v.fee || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('procedures.field.onlineLevel')}><OnlineTag level={v.online_level} /></Descriptions.Item>
        <Descriptions.Item label={t('procedures.field.result')} span={2}>{v.result || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('procedures.field.legalBasis')} span={2}>
          {v.legal_basis.length ? v.legal_basis.map((b) => <Tag key={b}>{b}</Tag>) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('procedures.field.boundaryFree')}>{yesNo(v.boundary_free)}</Descriptions.Item>
        <Descriptions.Item label={t('procedures.field.cutoffRule')}>{yesNo(v.cutoff_rule)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('procedures.field.components')}</Typography.Title>
      <Table<Component> size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={v.components}
        locale={{ emptyText: t('procedures.detail.noComponents') }}
        columns={[
          { title: '#', key: 'n', width: 40, render: (_, __, i) => i + 1 },
          { title: t('procedures.field.componentName'), dataIndex: 'name' },
          { title: t('procedures.field.form'), dataIndex: 'form', width: 190, render: (f: Component['form']) => t(`procedures.form.${f}`) },
          { title: t('procedures.field.copies'), dataIndex: 'copies', width: 80, align: 'center' },
          { title: t('procedures.field.required'), dataIndex: 'required', width: 90, align: 'center', render: yesNo },
        ]} />
    </>
  );
}

function VersionsTable({ versions, currentId }: { versions: ProcedureVersion[]; currentId: number }) {
  const t = useT();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Table<ProcedureVersion> size="small" pagination={false} rowKey="id" dataSource={versions} data-testid="proc-versions"
      columns={[
        { title: t('procedures.field.effectiveFrom'), dataIndex: 'effective_from', width: 130, render: formatDate },
        { title: t('procedures.field.effectiveTo'), dataIndex: 'effective_to', width: 130, render: (d: string | null) => formatDate(d) || '—' },
        { title: '', key: 'state', width: 150, render: (_, v) => (v.id === currentId
          ? <Tag color="green">{t('procedures.detail.current')}</Tag>
          : v.effective_from > today ? <Tag color="blue">{t('procedures.detail.upcoming')}</Tag>
            : <Tag>{t('procedures.detail.expired')}</Tag>) },
        { title: t('procedures.field.statutoryTime'), key: 'time', width: 170, render: (_, v) => <DurationText value={v.statutory_time} /> },
        { title: t('procedures.field.fee'), dataIndex: 'fee' },
        { title: t('procedures.field.onlineLevel'), dataIndex: 'online_level', width: 120,
          render: (l: ProcedureVersion['online_level']) => <OnlineTag level={l} /> },
      ]} />
  );
}

function ProcessesCard({ procedure }: { procedure: Procedure }) {
  const t = useT();
  const processes = procedure.processes ?? [];
  const agencies = new Map<number, AgencyRef>();
  for (const a of procedure.current.agencies) agencies.set(a.id, a);
  for (const proc of processes) if (!agencies.has(proc.agency.id)) agencies.set(proc.agency.id, proc.agency);
  return (
    <Card title={t('procedures.process.title')} size="small">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {[...agencies.values()].map((a) => {
          const proc = processes.find((x) => x.agency.id === a.id);
          return proc
            ? <ProcessBlock key={a.id} procedure={procedure} process={proc} />
            : <NoProcess key={a.id} procedureId={procedure.id} agency={a} />;
        })}
      </Space>
    </Card>
  );
}

function ProcessBlock({ procedure, process }: { procedure: Procedure; process: Process }) {
  const t = useT();
  const inForce = useProcessInForce(procedure.id, process.agency.id, process.current_version !== null);
  const minutesPerDay = useMinutesPerDay(process.agency.id);
  return (
    <div data-testid={`proc-process-${process.agency.id}`} className="proc-process-block">
      <Space wrap style={{ marginBottom: 8, width: '100%', justifyContent: 'space-between' }}>
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{process.agency.name}</Typography.Text>
          <Typography.Text type="secondary">{process.code} — {process.title}</Typography.Text>
        </Space>
        <Space>
          <Link to={`/processes/${process.document_id}`} data-testid={`proc-open-process-${process.agency.id}`}>
            <Button type="primary" ghost>{t('procedures.process.open')}</Button>
          </Link>
          <Link to={`/documents/${process.document_id}`}>
            <Button icon={<FileTextOutlined />}>{t('procedures.process.document')}</Button>
          </Link>
        </Space>
      </Space>
      {process.current_version === null && <Alert type="info" showIcon message={t('procedures.process.noneInForce')} />}
      {inForce.isError && <Alert type="warning" showIcon message={errorText(inForce.error, t)} />}
      {inForce.data && (
        <>
          <Tag color="green" style={{ marginBottom: 8 }} data-testid={`proc-in-force-${process.agency.id}`}>
            {t('procedures.process.inForce', { number: inForce.data.version, date: formatDate(inForce.data.effective_date) })}
          </Tag>
          {minutesPerDay.data && (
            <TimelineBar steps={inForce.data.steps} names={inForce.data.steps.map((s) => s.name)}
              statutory={procedure.current.statutory_time} minutesPerDay={minutesPerDay.data} />
          )}
          <StepsTable steps={inForce.data.steps} testId={`proc-in-force-steps-${process.agency.id}`} />
        </>
      )}
    </div>
  );
}

function NoProcess({ procedureId, agency }: { procedureId: number; agency: AgencyRef }) {
  const t = useT();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateProcess();
  const may = user.province_wide || ((user.roles.includes('administrator') || user.roles.includes('iso_secretary'))
    && user.agency_id === agency.id) || user.roles.includes('administrator');
  return (
    <div data-testid={`proc-no-process-${agency.id}`}>
      <Space wrap>
        <Typography.Text strong>{agency.name}</Typography.Text>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('procedures.process.none')} style={{ margin: 0 }} />
        {may && (
          <Button type="primary" icon={<PlusOutlined />} loading={create.isPending} data-testid={`proc-create-process-${agency.id}`}
            onClick={() => create.mutate({ id: procedureId, agencyId: agency.id }, {
              onSuccess: (p) => {
                void message.success(t('procedures.process.created', { code: p.code }));
                navigate(`/processes/${p.document_id}`);
              },
              onError: (e) => void message.error(errorText(e, t)),
            })}>
            {t('procedures.process.create')}
          </Button>
        )}
      </Space>
    </div>
  );
}
