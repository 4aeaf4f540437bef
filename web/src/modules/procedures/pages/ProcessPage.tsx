// The ISO process of one procedure in one agency (a document of kind process): its versions, the
// step editor with the budget timeline for a draft, and the documents state machine (submit,
// approve, issue) as the user's role allows. The server's messages are shown as they come.
import { ArrowLeftOutlined, CopyOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useT } from '../../../i18n/I18nProvider';
import { errorText } from '../../../lib/errors';
import { useCurrentUser } from '../../auth/session';
import { capabilities } from '../../documents/actions';
import { useDocument, useQmsList } from '../../documents/api';
import { StateTag } from '../../documents/components/Tags';
import { VersionActions } from '../../documents/components/VersionActions';
import { formatDate, isPublished, stateLabelKey, type State } from '../../documents/model';
import { useMinutesPerDay, useNewProcessVersion, useProcedure, useProcess } from '../api';
import { DurationText } from '../components/Labels';
import { StepEditor } from '../components/StepEditor';

export default function ProcessPage() {
  const t = useT();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const process = useProcess(id);
  const procedure = useProcedure(process.data?.procedure_id ?? 0);
  const minutesPerDay = useMinutesPerDay(process.data?.agency.id ?? null);
  const doc = useDocument(id);
  const qmsList = useQmsList();
  const newVersion = useNewProcessVersion();
  const [chosen, setChosen] = useState<number | null>(null);

  if (process.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (process.isError || !process.data) return <Alert type="error" showIcon message={errorText(process.error, t)} />;
  const p = process.data;
  const version = p.versions.find((v) => v.number === chosen) ?? p.versions[0];
  const qms = doc.data ? qmsList.data?.find((q) => q.id === doc.data.qms_id) ?? null : null;
  const caps = capabilities(user, qms);
  const docVersion = doc.data?.versions.find((v) => v.number === version?.number);
  const editable = version?.state === 'draft' && caps.drafter;
  const newest = p.versions[0];
  const mayStartVersion = caps.drafter && !!newest && isPublished(newest.state as State);
  const statutory = procedure.data?.current.statutory_time;

  return (
    <div data-testid="process-page">
      <div className="page-header">
        <div>
          <Link to={`/procedures/${p.procedure_id}`}><ArrowLeftOutlined /> {t('procedures.process.back', { code: p.procedure_code })}</Link>
          <Typography.Title level={3} data-testid="process-title">{p.code} — {p.agency.name}</Typography.Title>
          <Typography.Text type="secondary">{p.title}</Typography.Text>
        </div>
        <Space wrap>
          {mayStartVersion && (
            <Button icon={<CopyOutlined />} loading={newVersion.isPending} data-testid="process-new-version"
              onClick={() => newVersion.mutate(id, {
                onSuccess: (x) => {
                  setChosen(null);
                  void message.success(t('procedures.process.newVersionDone', { number: x.versions[0]?.number ?? '' }));
                },
                onError: (e) => void message.error(errorText(e, t)),
              })}>
              {t('procedures.process.newVersion')}
            </Button>
          )}
          <Link to={`/documents/${id}`} data-testid="process-document-link">
            <Button icon={<FileTextOutlined />}>{t('procedures.process.document')}</Button>
          </Link>
        </Space>
      </div>
      {!version ? <Alert type="info" showIcon message={t('procedures.step.empty')} /> : (
        <Card size="small"
          title={(
            <Space wrap>
              {p.versions.length > 1 ? (
                <Select value={version.number} onChange={setChosen} style={{ width: 160 }} data-testid="process-version"
                  options={p.versions.map((v) => ({ value: v.number, label: t('procedures.process.version', { number: v.number }) }))} />
              ) : <span>{t('procedures.process.version', { number: version.number })}</span>}
              <span data-testid="process-state"><StateTag state={version.state as State} /></span>
              {version.effective_date && <Tag>{t('procedures.field.effectiveFrom')}: {formatDate(version.effective_date)}</Tag>}
              {statutory && (
                <Tag color="blue">{t('procedures.field.statutoryTime')}: <DurationText value={statutory} /></Tag>
              )}
            </Space>
          )}
          extra={docVersion && <VersionActions documentId={id} version={docVersion} caps={caps} />}>
          {version.state === 'draft' && !caps.drafter && doc.data && (
            <Alert type="info" showIcon message={t('procedures.process.forbidden')} style={{ marginBottom: 12 }} />
          )}
          {version.state !== 'draft' && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }}
              message={t('procedures.process.readOnly', { state: t(stateLabelKey(version.state as State)).toLowerCase() })} />
          )}
          {statutory && minutesPerDay.data
            ? (
              <StepEditor key={`${id}-${version.number}`} processId={id} number={version.number} steps={version.steps}
                editable={editable} statutory={statutory} minutesPerDay={minutesPerDay.data} />
            )
            : <Spin />}
        </Card>
      )}
    </div>
  );
}
