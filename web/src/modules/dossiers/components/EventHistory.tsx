// The dossier's history, newest first: who did what and when, with what each event carries
// (the note of a handover, the items asked for, the apology's new due time, a leader's
// correction of the statistics with its reason).
import { Alert, List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { errorText } from '../../../lib/errors';
import { isMessageKey } from '../../../i18n/messages';
import { formatDateTime, metricLabelKey, type DossierEvent, type DossierStep, type Timeliness } from '../model';
import { TimelinessTag } from './Tags';

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

export function EventHistory({ events, error, loading, steps, personName }: {
  events: DossierEvent[] | undefined;
  error: unknown;
  loading: boolean;
  steps: DossierStep[];
  personName: (id: number) => string;
}) {
  const t = useT();
  if (error) return <Alert type="warning" showIcon message={errorText(error, t)} data-testid="dossier-events-error" />;
  const stepName = (id: unknown) => {
    const s = steps.find((x) => x.id === Number(id));
    return s ? `${s.position + 1}. ${s.name}` : `#${str(id)}`;
  };
  const detail = (e: DossierEvent): ReactNode[] => {
    const d = e.detail ?? {};
    const out: ReactNode[] = [];
    const line = (key: MessageKey, value: ReactNode) => out.push(<div key={key}>{t(key)}: {value}</div>);
    switch (e.kind) {
      case 'step_handed_over':
        line('dossiers.event.step', stepName(d.step_id));
        if (d.timeliness) out.push(<TimelinessTag key="tl" value={str(d.timeliness) as Timeliness} />);
        if (d.to_user_id) line('dossiers.event.toUser', personName(Number(d.to_user_id)));
        if (str(d.note)) line('dossiers.action.note', str(d.note));
        break;
      case 'step_assigned':
        line('dossiers.event.step', stepName(d.step_id));
        line('dossiers.event.toUser', personName(Number(d.user_id)));
        break;
      case 'financial_requested':
        if (Array.isArray(d.items)) line('dossiers.action.fees', (d.items as unknown[]).map(str).join('; '));
        break;
      case 'financial_done':
        if (d.due_at) line('dossiers.field.dueAt', formatDateTime(d.due_at as string | number));
        break;
      case 'supplement_requested':
        if (Array.isArray(d.items)) line('dossiers.field.missing', (d.items as unknown[]).map(str).join('; '));
        if (d.notice_late) out.push(<Tag key="late" color="red">{t('dossiers.event.noticeLate')}</Tag>);
        break;
      case 'received':
      case 'supplement_received':
        if (d.due_at) line('dossiers.field.dueAt', formatDateTime(d.due_at as string | number));
        break;
      case 'apology':
        line('dossiers.event.dueChange', `${formatDateTime(d.old_due_at as string | number)} → ${formatDateTime(d.due_at as string | number)}`);
        if (str(d.reason)) line('dossiers.action.reason', str(d.reason));
        break;
      case 'resolved':
        out.push(
          <Space key="res" size={4} wrap>
            <Tag color={d.positive === false ? 'red' : 'green'}>{t(d.positive === false ? 'dossiers.result.negative' : 'dossiers.result.positive')}</Tag>
            {d.timeliness ? <TimelinessTag value={str(d.timeliness) as Timeliness} /> : null}
          </Space>,
        );
        if (str(d.reasons)) line('dossiers.action.reason', str(d.reasons));
        break;
      case 'withdrawn':
      case 'stopped':
        if (str(d.reason)) line('dossiers.action.reason', str(d.reason));
        break;
      case 'guided':
        if (Array.isArray(d.missing)) line('dossiers.field.missing', (d.missing as unknown[]).map(str).join('; '));
        break;
      case 'refused':
        if (str(d.reasons)) line('dossiers.field.reasons', str(d.reasons));
        break;
      case 'correction': {
        const delta = Number(d.delta);
        out.push(
          <Space key="corr" size={4} wrap>
            <span>{t(metricLabelKey(str(d.metric)))}</span>
            <Tag color={delta > 0 ? 'green' : 'red'}>{delta > 0 ? '+1' : '−1'}</Tag>
          </Space>,
        );
        if (str(d.reason)) line('dossiers.action.reason', str(d.reason));
        break;
      }
      default:
        break;
    }
    return out;
  };

  return (
    <List<DossierEvent>
      size="small" loading={loading} dataSource={events ?? []} data-testid="dossier-events"
      locale={{ emptyText: t('dossiers.event.none') }}
      renderItem={(e) => {
        const key = `dossiers.event.kind.${e.kind}`;
        return (
          <List.Item key={e.id} data-testid={`dossier-event-${e.kind}`}>
            <div style={{ width: '100%' }}>
              <Space size={6} wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                <Space size={6}>
                  {e.kind === 'correction' ? <Tag color="purple">{t('dossiers.event.kind.correction')}</Tag>
                    : <strong>{isMessageKey(key) ? t(key) : e.kind}</strong>}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(e.at)}</Typography.Text>
              </Space>
              <div className="dossier-event-detail">
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{e.actor_name || t('dossiers.event.system')}</Typography.Text>
                {detail(e)}
              </div>
            </div>
          </List.Item>
        );
      }}
    />
  );
}
