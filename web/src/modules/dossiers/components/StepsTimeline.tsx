// The dossier's steps along its pinned process, against their deadlines: per step the unit, the
// person, when it started, its due time, when it finished and how (early / on time / late); an
// active step past its due time stands out with how late it is.
import { Button, Space, Tag, Timeline, Typography } from 'antd';
import { useT, type Translate } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { durationParts, formatDateTime, stepOverdue, type DossierStep } from '../model';
import { TimelinessTag } from './Tags';

export function formatDuration(ms: number, t: Translate): string {
  const { days, hours, minutes } = durationParts(ms);
  const parts: string[] = [];
  if (days) parts.push(t('dossiers.duration.days', { n: days }));
  if (hours) parts.push(t('dossiers.duration.hours', { n: hours }));
  if (!days && (minutes || !hours)) parts.push(t('dossiers.duration.minutes', { n: minutes }));
  return parts.slice(0, 2).join(' ');
}

function dotColor(s: DossierStep, overdue: boolean): string {
  if (s.state === 'active') return overdue ? 'red' : 'blue';
  if (s.state === 'done') return s.timeliness === 'late' || s.timeliness === 'late_apology' ? 'red' : 'green';
  return 'gray';
}

// `finishedBy`: who handed each finished step over (from the history), shown for steps nobody
// was assigned to.
export function StepsTimeline({ steps, now, agencyName, personName, finishedBy, canAssign, onAssign }: {
  steps: DossierStep[];
  finishedBy: Map<number, string>;
  now: number;
  agencyName: (id: number) => string;
  personName: (id: number) => string;
  canAssign: (s: DossierStep) => boolean;
  onAssign: (s: DossierStep) => void;
}) {
  const t = useT();
  return (
    <Timeline data-testid="dossier-steps" style={{ marginTop: 8 }}
      items={steps.map((s) => {
        const overdue = stepOverdue(s, now);
        const box = s.state === 'active' ? (overdue ? 'dossier-step-overdue-box' : 'dossier-step-active-box') : undefined;
        const due = s.due_at ? new Date(s.due_at).getTime() : null;
        return {
          key: s.id,
          color: dotColor(s, overdue),
          className: 'dossier-step-item',
          children: (
            <div className={box} data-testid={`step-state-${s.position}`} data-state={s.state} data-overdue={overdue || undefined}>
              <Space size={6} wrap>
                <strong>{s.position + 1}. {s.name}</strong>
                {!s.timeliness && (
                  <Tag color={s.state === 'active' ? (overdue ? 'error' : 'processing') : 'default'}>
                    {t(`dossiers.detail.stepState.${s.state}` as MessageKey)}
                  </Tag>
                )}
                <TimelinessTag value={s.timeliness} />
              </Space>
              <div className="dossier-step-meta">
                {agencyName(s.agency_id)} · {s.assignee_id === null
                  ? finishedBy.has(s.id) ? <span data-testid={`step-assignee-${s.position}`}>{finishedBy.get(s.id)}</span>
                    : <Typography.Text type="secondary" italic style={{ fontSize: 12 }}>{t('dossiers.detail.unassigned')}</Typography.Text>
                  : <span data-testid={`step-assignee-${s.position}`}>{personName(s.assignee_id)}</span>}
                {canAssign(s) && (
                  <Button type="link" size="small" onClick={() => onAssign(s)} data-testid={`step-assign-${s.position}`}>
                    {t('dossiers.assign.button')}
                  </Button>
                )}
              </div>
              {s.state !== 'pending' && (
                <div className="dossier-step-meta">
                  {t('dossiers.detail.startedAt')}: {formatDateTime(s.started_at)}
                  {' · '}{t('dossiers.detail.stepDue')}: <span data-testid={`step-due-${s.position}`}>{formatDateTime(s.due_at)}</span>
                  {s.finished_at && <>{' · '}{t('dossiers.detail.doneAt')}: {formatDateTime(s.finished_at)}</>}
                </div>
              )}
              {s.state === 'active' && due !== null && (
                overdue
                  ? <div className="step-overdue" data-testid={`step-overdue-${s.position}`}>{t('dossiers.detail.overdueBy', { time: formatDuration(now - due, t) })}</div>
                  : <div className="dossier-step-meta">{t('dossiers.detail.remaining', { time: formatDuration(due - now, t) })}</div>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
