// One dossier: its header (number, procedure, applicant, status, received and due times), the
// steps along the pinned process with their timeliness, and the actions its status and the
// person's role allow. The server decides; the buttons follow its rules to avoid dead ends.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { errorText } from '../../../lib/errors';
import type { User } from '../../auth/model';
import { useCurrentUser } from '../../auth/session';
import { useAgencies } from '../../org/api';
import { useProcedure } from '../../procedures/api';
import { useDossier } from '../api';
import { ActionDialog, type ActionKind } from '../components/ActionDialog';
import { StatusTag, TimelinessTag } from '../components/Tags';
import { activeStep, decisionKinds, formatDateTime, type Dossier, type DossierStep } from '../model';

function availableActions(d: Dossier, user: User): ActionKind[] {
  const has = (r: string) => user.agency_id === d.agency_id && user.roles.includes(r as User['roles'][number]);
  const step = activeStep(d);
  const open = d.status === 2 || d.status === 4;
  const out: ActionKind[] = [];
  if (open && step && !decisionKinds.includes(step.kind)) {
    const mayStep = (user.agency_id === step.agency_id && user.roles.includes('leader'))
      || (step.assignee_id !== null ? step.assignee_id === user.id
        : user.agency_id === step.agency_id && (user.roles.includes('officer') || user.roles.includes('clerk')));
    if (mayStep) out.push('handover');
  }
  if (open && has('leader') && (!step || decisionKinds.includes(step.kind))) out.push('decision');
  if (open && (has('officer') || has('leader'))) out.push('supplementRequest');
  if (d.status === 5 && has('clerk')) out.push('supplementReceived');
  if (open && !d.apologized && (has('officer') || has('leader'))) out.push('apology');
  if (d.status === 9 && has('clerk')) out.push('return');
  if ((open || d.status === 5) && has('clerk')) out.push('withdraw');
  if ((d.status === 4 || d.status === 5) && has('leader')) out.push('stop');
  return out;
}

export default function DossierPage() {
  const t = useT();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const dossier = useDossier(id);
  const procedure = useProcedure(dossier.data?.procedure_id ?? 0);
  const agencies = useAgencies(false);
  const [acting, setActing] = useState<ActionKind | null>(null);

  if (dossier.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (dossier.isError || !dossier.data) return <Alert type="error" showIcon message={errorText(dossier.error, t)} />;
  const d = dossier.data;
  const agencyName = (aid: number | null) => (aid === null ? '—' : agencies.data?.find((a) => a.id === aid)?.name ?? `#${aid}`);
  const actions = availableActions(d, user);
  const step = activeStep(d);
  const unit = t(`dossiers.unit.${d.statutory_time.unit}` as MessageKey);

  return (
    <div data-testid="dossier-page">
      <div className="page-header">
        <div>
          <Link to="/dossiers"><ArrowLeftOutlined /> {t('dossiers.detail.back')}</Link>
          <Typography.Title level={3} data-testid="dossier-number">{d.number ?? t('dossiers.detail.noNumber')}</Typography.Title>
          <Typography.Text type="secondary">
            {procedure.data ? `${procedure.data.code} — ${procedure.data.current.name}` : `#${d.procedure_id}`}
          </Typography.Text>
        </div>
        <Space wrap data-testid="dossier-actions">
          {actions.map((a) => (
            <Button key={a} type={a === 'handover' || a === 'decision' || a === 'return' ? 'primary' : 'default'}
              danger={a === 'stop'} onClick={() => setActing(a)} data-testid={`dossier-action-${a}`}>
              {t(`dossiers.action.${a}`)}
            </Button>
          ))}
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('dossiers.field.status')}>
            <Space size={4} wrap><span data-testid="dossier-status"><StatusTag status={d.status} /></span><TimelinessTag value={d.timeliness} /></Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('dossiers.field.applicant')}>
            {d.applicant.name}{d.applicant.id_number && ` (${d.applicant.id_number})`}
          </Descriptions.Item>
          <Descriptions.Item label={t('dossiers.field.channel')}>{t(`dossiers.channel.${d.channel}` as MessageKey)}</Descriptions.Item>
          <Descriptions.Item label={t('dossiers.field.receivedAt')}>{formatDateTime(d.received_at)}</Descriptions.Item>
          <Descriptions.Item label={t('dossiers.field.dueAt')}>
            <Space direction="vertical" size={0}>
              <strong data-testid="dossier-due">{formatDateTime(d.due_at)}</strong>
              {d.statutory_time.amount > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('dossiers.due.explain', { amount: d.statutory_time.amount, unit,
                    cutoff: d.statutory_time.cutoff_rule ? t('dossiers.due.cutoff') : '' })}
                </Typography.Text>
              )}
              {d.apologized && (
                <Typography.Text type="warning" style={{ fontSize: 12 }}>
                  {t('dossiers.due.apologized')} ({t('dossiers.field.originalDueAt')}: {formatDateTime(d.original_due_at)})
                </Typography.Text>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('dossiers.field.handlingUnit')}>{agencyName(d.handling_agency_id)}</Descriptions.Item>
          {d.result_positive !== null && (
            <Descriptions.Item label={t('dossiers.field.result')}>
              <Tag color={d.result_positive ? 'green' : 'red'}>{t(d.result_positive ? 'dossiers.result.positive' : 'dossiers.result.negative')}</Tag>
            </Descriptions.Item>
          )}
          {d.missing.length > 0 && (
            <Descriptions.Item label={t('dossiers.field.missing')}>{d.missing.join('; ')}</Descriptions.Item>
          )}
          {d.reasons ? <Descriptions.Item label={t('dossiers.action.reason')}>{d.reasons}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Card size="small" title={t('dossiers.detail.steps')}>
        <Table<DossierStep>
          size="small" rowKey="id" pagination={false} dataSource={d.steps} data-testid="dossier-steps"
          rowClassName={(s) => (s.id === step?.id ? 'ant-table-row-selected' : '')}
          columns={[
            { title: '#', dataIndex: 'position', width: 48, render: (p: number) => p + 1 },
            { title: t('procedures.step.name'), dataIndex: 'name' },
            { title: t('dossiers.field.handlingUnit'), key: 'unit', width: 220,
              render: (_, s) => (
                <Space direction="vertical" size={0}>
                  <span>{agencyName(s.agency_id)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {s.assignee_id === null ? t('dossiers.detail.unassigned')
                      : s.assignee_id === user.id ? user.full_name : `${t('dossiers.detail.assignee')} #${s.assignee_id}`}
                  </Typography.Text>
                </Space>
              ) },
            { title: t('dossiers.detail.stepDue'), key: 'due', width: 150, render: (_, s) => formatDateTime(s.due_at) },
            { title: t('dossiers.detail.doneAt'), key: 'done', width: 150, render: (_, s) => formatDateTime(s.finished_at) },
            { title: t('dossiers.field.timeliness'), key: 'state', width: 170,
              render: (_, s) => (
                <Space size={4} wrap data-testid={`step-state-${s.position}`} data-state={s.state}>
                  {!s.timeliness && <Tag color={s.state === 'active' ? 'processing' : 'default'}>{t(`dossiers.detail.stepState.${s.state}` as MessageKey)}</Tag>}
                  <TimelinessTag value={s.timeliness} />
                </Space>
              ) },
          ]}
        />
      </Card>
      {acting && (
        <ActionDialog dossierId={d.id} kind={acting} stepId={step?.id ?? null} onClose={() => setActing(null)}
          onDone={() => { setActing(null); void message.success(t('dossiers.action.done')); }} />
      )}
    </div>
  );
}
