// One dossier: its header (number, procedure, applicant, status, received and due times with how
// the due time was reckoned), the steps along the pinned process against their deadlines, the
// printable forms that apply, its history, and the actions its status and the person's role allow.
// The server decides; the buttons follow its rules to avoid dead ends.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Popover, Row, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useI18n } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { errorText } from '../../../lib/errors';
import type { User } from '../../auth/model';
import { useCurrentUser } from '../../auth/session';
import { useAgencies } from '../../org/api';
import { useProcedure } from '../../procedures/api';
import { useDossier, useDueExplanation, useEvents, useStepPeople } from '../api';
import { ActionDialog, type ActionKind } from '../components/ActionDialog';
import { AssignDialog } from '../components/AssignDialog';
import { CorrectionDialog } from '../components/CorrectionDialog';
import { EventHistory } from '../components/EventHistory';
import { FormButtons } from '../components/FormButtons';
import { StepsTimeline } from '../components/StepsTimeline';
import { StatusTag, TimelinessTag } from '../components/Tags';
import { activeStep, decisionKinds, formatDateTime, nextSteps, type Dossier, type DossierStep } from '../model';
import '../dossiers.css';

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
  if (open && (has('officer') || has('leader'))) out.push('financialRequest');
  if (d.status === 6 && (has('clerk') || has('officer') || has('leader'))) out.push('financialDone');
  if (open && !d.apologized && (has('officer') || has('leader'))) out.push('apology');
  if (d.status === 9 && has('clerk')) out.push('return');
  if ((open || d.status === 5 || d.status === 6) && has('clerk')) out.push('withdraw');
  if ((d.status === 4 || d.status === 5 || d.status === 6) && has('leader')) out.push('stop');
  return out;
}

// The time now, refreshed every minute: overdue steps turn red while the page is open.
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export default function DossierPage() {
  const { t, language } = useI18n();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const dossier = useDossier(id);
  const events = useEvents(id);
  const explanation = useDueExplanation(dossier.data);
  const procedure = useProcedure(dossier.data?.procedure_id ?? 0);
  const agencies = useAgencies(false);
  const now = useNow();
  const [acting, setActing] = useState<ActionKind | null>(null);
  const [assigning, setAssigning] = useState<DossierStep | null>(null);
  const [correcting, setCorrecting] = useState(false);
  // One step per unit the dossier passes through: its candidates name the assignees.
  const unitSteps = useMemo(() => {
    const seen = new Map<number, number>();
    for (const s of dossier.data?.steps ?? []) if (!seen.has(s.agency_id)) seen.set(s.agency_id, s.id);
    return [...seen.values()];
  }, [dossier.data]);
  const people = useStepPeople(id, unitSteps);
  const names = useMemo(() => {
    const map = new Map<number, string>([[user.id, user.full_name]]);
    for (const q of people) for (const u of q.data ?? []) map.set(u.id, u.full_name);
    for (const e of events.data ?? []) if (e.actor_id !== null && e.actor_name) map.set(e.actor_id, e.actor_name);
    return map;
  }, [people, events.data, user]);

  // Who finished each step: the handover's actor, or for steps closed by the decision or the
  // return, the actor of that event (same instant).
  const finishedBy = useMemo(() => {
    const map = new Map<number, string>();
    const list = [...(events.data ?? [])].reverse();
    for (const e of list) {
      if (e.kind === 'step_handed_over' && e.actor_name) map.set(Number(e.detail.step_id), e.actor_name);
    }
    for (const s of dossier.data?.steps ?? []) {
      if (s.state !== 'done' || map.has(s.id) || !s.finished_at) continue;
      const at = new Date(s.finished_at).getTime();
      const e = list.find((x) => (x.kind === 'resolved' || x.kind === 'returned') && Math.abs(new Date(x.at).getTime() - at) < 1000);
      if (e?.actor_name) map.set(s.id, e.actor_name);
    }
    return map;
  }, [events.data, dossier.data]);

  if (dossier.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (dossier.isError || !dossier.data) return <Alert type="error" showIcon message={errorText(dossier.error, t)} />;
  const d = dossier.data;
  const agencyName = (aid: number | null) => (aid === null ? '—' : agencies.data?.find((a) => a.id === aid)?.name ?? `#${aid}`);
  const personName = (uid: number) => names.get(uid) ?? `${t('dossiers.detail.assignee')} #${uid}`;
  const actions = availableActions(d, user);
  const step = activeStep(d);
  const next = step ? nextSteps(d, step) : [];
  const nextStep = next.length === 1 || next[0]?.agency_id === d.agency_id ? next[0] ?? null : null;
  const unit = t(`dossiers.unit.${d.statutory_time.unit}` as MessageKey);
  const isLeader = user.agency_id === d.agency_id && user.roles.includes('leader');
  const open = d.status === 2 || d.status === 4;
  const canAssign = (s: DossierStep) => open && s.state === 'active' && user.agency_id === s.agency_id && user.roles.includes('leader');
  const done = (text: MessageKey = 'dossiers.action.done') => () => {
    setActing(null);
    setAssigning(null);
    setCorrecting(false);
    void message.success(t(text));
  };
  const x = explanation.data;

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
          {isLeader && (
            <Button onClick={() => setCorrecting(true)} data-testid="dossier-action-correction">{t('dossiers.correction.button')}</Button>
          )}
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
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="dossier-due-explain">
                  {t('dossiers.due.explain', { amount: d.statutory_time.amount, unit,
                    cutoff: d.statutory_time.cutoff_rule ? t('dossiers.due.cutoff') : '' })}
                  {x && (
                    <>
                      {' '}
                      <Popover trigger="click" title={t('dossiers.due.howTitle')} overlayStyle={{ maxWidth: 460 }}
                        content={(
                          <div data-testid="dossier-due-how">
                            <p style={{ marginTop: 0 }}>{language === 'vi' ? x.text_vi : x.text_en}</p>
                            {x.skipped.length > 0 && (
                              <ul style={{ paddingLeft: 18, margin: 0 }}>
                                {x.skipped.map((k) => (
                                  <li key={k.date}>{k.date.split('-').reverse().join('/')}: {language === 'vi' ? k.reason_vi : k.reason_en}</li>
                                ))}
                              </ul>
                            )}
                            {(d.apologized || d.original_due_at !== d.due_at) && (
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('dossiers.due.howChanged')}</Typography.Text>
                            )}
                          </div>
                        )}>
                        <a data-testid="dossier-due-how-link">{t('dossiers.due.how')}</a>
                      </Popover>
                    </>
                  )}
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
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('dossiers.detail.steps')} style={{ marginBottom: 16 }}>
            {d.steps.length === 0
              ? <Typography.Text type="secondary">{t('dossiers.detail.noSteps')}</Typography.Text>
              : <StepsTimeline steps={d.steps} now={now} agencyName={agencyName} personName={personName}
                  finishedBy={finishedBy} canAssign={canAssign} onAssign={setAssigning} />}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('dossiers.forms.title')} style={{ marginBottom: 16 }}>
            <FormButtons dossier={d} />
          </Card>
          <Card size="small" title={t('dossiers.detail.history')} style={{ marginBottom: 16 }}>
            <EventHistory events={events.data} error={events.error} loading={events.isLoading} steps={d.steps} personName={personName} />
          </Card>
        </Col>
      </Row>
      {acting && (
        <ActionDialog dossierId={d.id} kind={acting} stepId={step?.id ?? null} nextStep={acting === 'handover' ? nextStep : null}
          onClose={() => setActing(null)} onDone={done()} />
      )}
      {assigning && <AssignDialog dossierId={d.id} step={assigning} onClose={() => setAssigning(null)} onDone={done('dossiers.assign.done')} />}
      {correcting && <CorrectionDialog dossierId={d.id} onClose={() => setCorrecting(false)} onDone={done('dossiers.correction.done')} />}
    </div>
  );
}
